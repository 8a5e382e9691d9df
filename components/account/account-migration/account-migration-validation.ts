import * as v from 'valibot';
import { AccountMigrationChoiceSchema, type AccountMigrationChoice } from '../../../domain/account/account-migration.ts';
import { firstIssueByField } from '../../../domain/validation/fields.ts';

export type AccountMigrationCheck = { readonly output: AccountMigrationChoice; readonly errors?: undefined } | { readonly output?: undefined; readonly errors: Record<string, string> };

/**
 * The choice checked against the shared schema, its issues by field. `<account-migration>` loads
 * this module with `import()` at its first send: valibot stays out of the page's first load.
 */
export function checkMigrationChoice(input: { accountKind: string; email: string }, lang: string): AccountMigrationCheck {
  const parsed = v.safeParse(AccountMigrationChoiceSchema, input, { lang });
  return parsed.success ? { output: parsed.output } : { errors: firstIssueByField(parsed.issues) };
}
