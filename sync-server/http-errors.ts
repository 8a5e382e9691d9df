import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error the client caused or may act on, answered as JSON `{error, ...details}` with a
 * French message. Anything else that escapes a handler is a bug: logged, answered 500.
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly error: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(status, { message: error });
  }
}
