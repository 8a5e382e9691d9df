import * as v from 'valibot';
import { validateEmail } from '../identifiers/contact-details.ts';
import { identifier, message } from '../validation/fields.ts';

/**
 * « Migration vers les nouveaux comptes » (pharmacists' guide, annex): a pharmacy's or a
 * laboratory's account from before the change (`accountKind: 'ancien'`) becomes, at its next
 * sign-in, an administrative account (the structure's, signed in with its AM / FINESS number or
 * its e-mail) or a structure-manager account (personal, signed in with the CPS card or the
 * e-mail). Three situations, by the way of signing in and what the insurer's directory knows:
 *
 * 1. signed in with the CPS card → structure manager, automatically;
 * 2. signed in with a password, no administrative account known for the structure → the user
 *    chooses (`AccountMigrationChoiceSchema`); until then the server answers nothing else;
 * 3. signed in with a password, an administrative account already known → structure manager,
 *    automatically.
 *
 * In every case the account keeps its files, delegations, history and password: only how one
 * signs in changes. The user is told once (`AccountMigrationState` until acknowledged).
 */
export const MIGRATION_ACCOUNT_KINDS = ['administratif', 'responsable'] as const;
export type MigrationAccountKind = (typeof MIGRATION_ACCOUNT_KINDS)[number];

export const MIGRATION_SITUATIONS = [1, 2, 3] as const;
export type MigrationSituation = (typeof MIGRATION_SITUATIONS)[number];

/** What the session tells the widgets: a choice to make, or a migration to explain (until acknowledged). */
export type AccountMigrationState =
  | { readonly status: 'choice_required' }
  | { readonly status: 'migrated'; readonly situation: MigrationSituation; readonly accountKind: MigrationAccountKind };

/**
 * Situation 2's choice: the kind of account, and optionally the address the account will use
 * from now on (the guide advises the structure's generic address for an administrative account,
 * one's own for a structure manager's); '' keeps the current one. A new address is the account's
 * identifier only once its e-mailed link is followed.
 */
export const AccountMigrationChoiceSchema = v.object({
  // Absent, it is checked as '' (refused with the message), as the form sends it with no choice.
  accountKind: v.pipe(v.optional(v.string(message('account.migrationChoice')), ''), v.picklist(MIGRATION_ACCOUNT_KINDS, message('account.migrationChoice'))),
  email: v.optional(v.pipe(v.string(message('email.empty')), v.maxLength(254, message('email.tooLong')), identifier(validateEmail)), ''),
});
export type AccountMigrationChoiceInput = v.InferInput<typeof AccountMigrationChoiceSchema>;
export type AccountMigrationChoice = v.InferOutput<typeof AccountMigrationChoiceSchema>;
