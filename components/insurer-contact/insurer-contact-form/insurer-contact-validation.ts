import * as v from 'valibot';
import { InsurerContactSchema, type InsurerContact } from '../../../domain/insurer-contact/insurer-contact-schema.ts';
import { firstIssueByField } from '../../../domain/validation/fields.ts';

export type InsurerContactCheck = { readonly output: InsurerContact; readonly errors?: undefined } | { readonly output?: undefined; readonly errors: Record<string, string> };

/**
 * The message checked against the schema, its issues by field. The form loads this module with
 * `import()` at its first send: valibot and the schema stay out of the page's first load.
 */
export function checkInsurerContact(input: Record<'scheme' | 'office' | 'subject' | 'message', string>, lang: string): InsurerContactCheck {
  const parsed = v.safeParse(InsurerContactSchema, input, { lang });
  return parsed.success ? { output: parsed.output } : { errors: firstIssueByField(parsed.issues) };
}
