import * as v from 'valibot';
import { firstIssueByField } from '../../domain/index.ts';
import { ApiError } from '../http-errors.ts';

/**
 * Parses a request body with one of the shared form schemas; a refusal is a 422 whose `fields`
 * carry, field by field, the messages the form shows next to its controls.
 */
export function parseOr422<const S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return parsed.output;
  const fields = firstIssueByField(parsed.issues);
  throw new ApiError(422, parsed.issues[0].message, { reason: 'invalid_body', fields });
}
