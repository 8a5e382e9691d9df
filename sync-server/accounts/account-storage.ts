import type { AccountEvent, AccountKind, AccountProfile, MigrationAccountKind, MigrationSituation } from '../../domain/index.ts';
import type { OutgoingMessage } from '../outbox/outbox.ts';
import type { DirectoryProfessional, DirectoryStructure } from './directory.ts';

/**
 * What accounts need of a database — the insurer's directory, account creation, e-mail
 * validation links, the account's own page — as async methods, each one transaction (the
 * contract of `storage/storage.ts`). Where a rule must hold on what is stored at the moment of
 * writing (one account per professional, an address that is nobody else's identifier, a ticket or
 * a link used once), the store reads a snapshot inside its transaction and calls the caller's
 * pure `decide`, which refuses (throws) or says what to write. `sqlite-account-store.ts` and
 * `postgres-account-store.ts` implement it.
 */

/** A validation link to store and the e-mail carrying it (`email-validation.ts`). */
export interface EmailValidationLink {
  readonly tokenHash: string;
  readonly userId: string;
  readonly email: string;
  readonly purpose: 'creation' | 'change';
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly message: OutgoingMessage;
}

/** An account to insert, with its structures and the audit row of its creation. */
export interface NewAccount {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly rpps: string | null;
  readonly passwordHash: string;
  readonly createdAt: string;
  readonly directoryId: string | null;
  readonly accountKind: AccountKind;
  readonly temporaryUntil: string | null;
  readonly structureIds: readonly string[];
  /** The audit row's `changes` (JSON: the method, the kind). */
  readonly auditChanges: string;
}

/** An account a structure or a professional already has, and whether it waits for its letter (its temporary password's end). */
export interface ExistingAccount {
  readonly id: string;
  readonly pending: string | null;
}

/** What creating an account with a card's or a key's ticket decides on. */
export interface StrongSnapshot {
  /** The ticket, now used; null when unknown, used or expired. */
  readonly ticket: { readonly professionalId: string; readonly method: 'cps' | 'security_key' } | null;
  readonly professional: DirectoryProfessional | null;
  readonly professionalHasAccount: boolean;
  /** The accounts whose validated identifier the form's e-mail already is. */
  readonly emailHolders: readonly string[];
  /** The professional's places of practice. */
  readonly structureIds: readonly string[];
}

/** What creating an account by post decides on. */
export interface PostalSnapshot {
  readonly existing: ExistingAccount | null;
  readonly emailHolders: readonly string[];
}

/** What creating an account by post writes: a new account, or the expired pending one renewed; its letter and its validation link. */
export interface PostalPlan {
  readonly account: NewAccount | null;
  readonly renewed: { readonly id: string; readonly email: string; readonly passwordHash: string; readonly temporaryUntil: string } | null;
  readonly validation: EmailValidationLink;
  readonly letter: OutgoingMessage;
}

/** The outcome of following a validation link. */
export type ValidationOutcome =
  | { readonly status: 'invalid' }
  | { readonly status: 'taken' }
  | { readonly status: 'validated'; readonly userId: string; readonly email: string; readonly purpose: 'creation' | 'change'; readonly previousEmail: string };

/** What migrating a former pharmacy or laboratory account decides on, read in the migration's transaction. */
export interface MigrationSnapshot {
  /** The account's kind now: `ancien` until it is migrated. */
  readonly accountKind: string;
  readonly email: string;
  /** The account's structure (a former account belongs to one). */
  readonly structure: DirectoryStructure | null;
  /** Whether another account is the structure's administrative account (situation 3; an administrative choice refused). */
  readonly administrativeAccountExists: boolean;
  /** The migration already done, if any. */
  readonly migration: { readonly situation: MigrationSituation; readonly accountKind: MigrationAccountKind } | null;
  /** The accounts whose validated identifier the requested new address is (none asked: empty). */
  readonly emailHolders: readonly string[];
}

/** What a migration writes: the kind reached, the audit row, the e-mail telling it, a new address's link. */
export interface MigrationPlan {
  readonly situation: MigrationSituation;
  readonly signIn: 'cps' | 'password';
  readonly accountKind: MigrationAccountKind;
  readonly structureId: string;
  /**
   * An administrative account is the structure's: it bears the structure's name and no longer
   * holds the professional's RPPS nor directory entry (the card no longer signs it in, and the
   * professional may create their own structure-manager account with it).
   */
  readonly administrativeName: string | null;
  readonly notice: OutgoingMessage;
  readonly validation: EmailValidationLink | null;
}

export interface AccountStorage {
  // The directory.
  structureByNumber(number: string): Promise<DirectoryStructure | null>;
  professionalByRpps(rpps: string): Promise<DirectoryProfessional | null>;
  liberalOfStructure(structureId: string): Promise<DirectoryProfessional | null>;
  structuresOf(professionalId: string): Promise<DirectoryStructure[]>;
  structuresOfAccount(userId: string): Promise<DirectoryStructure[]>;

  // Account creation.
  /** The account of a professional (by directory entry or RPPS), or else of a structure's `accountKind`. */
  existingAccount(professional: DirectoryProfessional | null, structureId: string, accountKind: AccountKind): Promise<ExistingAccount | null>;
  professionalHasAccount(professional: DirectoryProfessional): Promise<boolean>;
  issueTicket(ticket: { readonly tokenHash: string; readonly professionalId: string; readonly method: 'cps' | 'security_key'; readonly createdAt: string; readonly expiresAt: string }): Promise<void>;
  /** Uses the ticket and creates the account `decide` returns (its validation link with it), in one transaction; `decide` throws to refuse. */
  createStrong(ticketHash: string, email: string, at: Date, decide: (snapshot: StrongSnapshot) => { account: NewAccount; validation: EmailValidationLink }): Promise<NewAccount>;
  /** Creates (or renews) the account by post that `decide` returns, its letter and validation link with it, in one transaction. */
  createByPost(target: { readonly professional: DirectoryProfessional | null; readonly structureId: string; readonly accountKind: AccountKind; readonly email: string }, decide: (snapshot: PostalSnapshot) => PostalPlan): Promise<void>;

  // E-mail validation links.
  /** Ends the account's older links of the same purpose and stores this one with its e-mail. */
  issueEmailValidation(link: EmailValidationLink): Promise<void>;
  /**
   * Follows a link, once: the address becomes the account's unless another account validated it
   * meanwhile; for a change, the audit row and `changeNotice(previous address, new one)` (the
   * e-mail to the old address, if any) in the same transaction.
   */
  validateEmail(tokenHash: string, at: Date, changeNotice: (previousEmail: string, newEmail: string) => OutgoingMessage | null): Promise<ValidationOutcome>;

  // The account's own page.
  /** The account with its directory entry's contract status (null without one) and approvals (JSON text), its preferences as stored. */
  profile(
    userId: string,
    now: Date,
  ): Promise<(Omit<AccountProfile, 'structures' | 'preferences' | 'listedProfessional' | 'contractStatus' | 'approvals'> & { preferences: string; contractStatus: string | null; approvals: string }) | null>;
  events(userId: string, actions: readonly string[], limit: number): Promise<AccountEvent[]>;
  /** The e-mail, whether validated, and the password's state. */
  credentials(userId: string): Promise<{ email: string; verified: boolean; passwordHash: string; temporaryUntil: string | null } | null>;
  emailHolders(email: string): Promise<string[]>;
  /** Sets the password, lifts the lockout, ends every reset link and every other session of the account, audits: one transaction. */
  changePassword(userId: string, passwordHash: string, keptTokenHash: string, at: Date): Promise<void>;
  savePreferences(userId: string, preferences: string): Promise<void>;
  welcomed(userId: string, at: Date): Promise<void>;

  // The migration of former pharmacy and laboratory accounts.
  /**
   * Migrates a former account as `decide` plans it, in one transaction: the kind (only if it is
   * still `ancien`: two sign-ins at once migrate once), the migration's row, the audit row, the
   * notice and the new address's link. `decide` returns null to leave the account as it is, or
   * throws to refuse. `newEmail` ('' for none) is the address whose holders the snapshot reads.
   */
  migrate(userId: string, newEmail: string, at: Date, decide: (snapshot: MigrationSnapshot) => MigrationPlan | null): Promise<MigrationPlan | null>;
  /** The user was told of the migration (the dialog closed); false when the account has none. */
  acknowledgeMigration(userId: string, at: Date): Promise<boolean>;
}
