import * as v from 'valibot';
import { DelegationCreateSchema, type DelegationCreateInput } from '../../../domain/delegation/delegation.ts';
import { firstIssueByField } from '../../../domain/validation/fields.ts';

export type DelegationCreateCheck = { readonly output: DelegationCreateInput; readonly errors: Record<string, string> } | { readonly output?: undefined; readonly errors: Record<string, string> };

/**
 * The request checked against the shared schema, its issues by field. The form loads this module
 * with `import()` at its first « VALIDER »: the schema stays out of the page's first load.
 */
export function checkDelegationCreate(input: unknown, lang: string): DelegationCreateCheck {
  const parsed = v.safeParse(DelegationCreateSchema, input, { lang });
  return parsed.success ? { output: parsed.output, errors: {} } : { errors: firstIssueByField(parsed.issues) };
}
