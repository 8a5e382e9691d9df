import type { Context } from 'hono';
import type * as v from 'valibot';
import { BoundedJson } from '../../domain/validation/fields.ts';
import { ApiError } from '../http-errors.ts';
import { firstMessageByField, safeParseLocalized } from '../i18n.ts';

/**
 * Request bodies, server-wide: every route reads its JSON body with `readJsonBody` and parses a
 * form with `parseOr422`, whatever feature it belongs to.
 */

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

/**
 * The JSON body of a request, or a 400 that says the body is not JSON or nests deeper than the
 * shared schemas allow (`BoundedJson`: no form or document needs it, and deep values are how
 * recursive code is made to overflow).
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, { fr: 'Le corps de la requête doit être du JSON valide.', en: 'The request body must be valid JSON.' }, { reason: 'invalid_json' });
  }
  const bounded = safeParseLocalized(BoundedJson, body);
  if (!bounded.success) throw new ApiError(400, bounded.message, { reason: 'too_deep' });
  return body;
}
