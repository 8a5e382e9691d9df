import type { AccountMigrationState } from '../../../domain/account/account-migration.ts';

/** Situation 2: the kind was chosen and the server migrated the account (`detail.accountMigration`); the explanation follows. */
export class AccountMigrationChosenEvent extends Event {
  constructor(readonly detail: { accountMigration: AccountMigrationState & { status: 'migrated' } }) {
    super('account-migration-chosen', { bubbles: true, composed: true });
  }
}

/** « Continuer »: the user read what changed (the server remembers it); `detail.accountKind` is the account's kind now. */
export class AccountMigrationClosedEvent extends Event {
  constructor(readonly detail: { accountKind: 'administratif' | 'responsable' }) {
    super('account-migration-closed', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'account-migration-chosen': AccountMigrationChosenEvent;
    'account-migration-closed': AccountMigrationClosedEvent;
  }
}
