import * as v from 'valibot';
import { firstIssueByField } from '../../domain/validation/fields.ts';
import type { Checked } from '../controllers/command-controller.ts';

/**
 * A form's input parsed with a shared schema in the form's language: its output, or the first
 * message of each field. Only the modules the forms load on demand import it (with valibot).
 */
export function checkSchema<S extends v.GenericSchema>(schema: S, input: unknown, lang: string): Checked<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, input, { lang });
  return parsed.success ? { output: parsed.output, errors: {} } : { errors: firstIssueByField(parsed.issues) };
}
