import type * as v from 'valibot';
import { ApiError } from '../http-errors.ts';
import { firstMessageByField, safeParseLocalized } from '../i18n.ts';

/**
 * Parses a request body with one of the shared form schemas; a refusal is a 422 whose `fields`
 * carry, field by field, the messages the form shows next to its controls (in the request's
 * language: the schema's messages come in both).
 */
export function parseOr422<const S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const parsed = safeParseLocalized(schema, input);
  if (parsed.success) return parsed.output;
  throw new ApiError(422, parsed.message, { reason: 'invalid_body', fields: firstMessageByField(parsed.issues) });
}
