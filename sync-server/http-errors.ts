import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Localized } from '../domain/i18n/index.ts';

export type { Localized } from '../domain/i18n/index.ts';

/** A row of a refused replication batch: its id, why (in both languages), and the fields at fault. */
export interface RefusedRowDetail {
  readonly id: string;
  readonly reason: Localized;
  readonly fields?: readonly string[];
  readonly issues?: readonly { readonly field: string; readonly message: Localized }[];
}

/**
 * What an error answer carries besides its message. Closed on purpose: every text a client may
 * show (`fields`, `rows`) is `Localized`, so the compiler refuses a message in one language only;
 * the rest are codes and numbers (`reason` is a stable code integrators rely on).
 */
export interface ApiErrorDetails {
  /** A stable code (`wrong_credentials`, `invalid_body`…), the same in every language. */
  readonly reason?: string;
  /** Seconds before trying again (423, 429). */
  readonly retryAfter?: number;
  /** The form's message for each field at fault. */
  readonly fields?: Readonly<Record<string, Localized>>;
  /** The refused rows of a replication batch. */
  readonly rows?: readonly RefusedRowDetail[];
  /** Where in the body the problem is (`0.newDocumentState`), or the query parameter at fault. */
  readonly path?: string | null;
  readonly field?: string;
  /** The delegable service a delegated session may not reach. */
  readonly service?: string;
  /** The status code of a delegation that cannot move. */
  readonly status?: string;
  /** The password rules not followed. */
  readonly rules?: readonly string[];
  /** Which card a strong sign-in's refusal is about: only a CPS card (`cps`) creates an account, a CPE (`cpe`) or director's (`cde`) does not. */
  readonly card?: 'cps' | 'cpe' | 'cde';
}

/**
 * An error the client caused or may act on, answered as JSON `{error, ...details}`. Its message
 * is written once in both languages (`{fr, en}`); the answer takes the one the request's
 * `Accept-Language` prefers (French by default; `app.ts`). Anything else that escapes a handler
 * is a bug: logged, answered 500.
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly error: Localized,
    readonly details: ApiErrorDetails = {},
  ) {
    // The French text for logs and stack traces; answers are rendered per request.
    super(status, { message: error.fr });
  }
}
