import * as v from 'valibot';
import { DelegationUpdateSchema, type DelegationUpdateInput } from '../../../domain/delegation/delegation.ts';
import { firstIssueByField } from '../../../domain/validation/fields.ts';

export type DelegationUpdateCheck = { readonly output: DelegationUpdateInput; readonly errors: Record<string, string> } | { readonly output?: undefined; readonly errors: Record<string, string> };

/**
 * The new dates and structures checked against the shared schema, the issues by field. The
 * dashboard loads this module with `import()` at its first save: the schema stays out of its first load.
 */
export function checkDelegationUpdate(input: unknown, lang: string): DelegationUpdateCheck {
  const parsed = v.safeParse(DelegationUpdateSchema, input, { lang });
  return parsed.success ? { output: parsed.output, errors: {} } : { errors: firstIssueByField(parsed.issues) };
}
