import type { AccountMigrationState } from './account-migration.ts';

/** A structure a professional works in, as the server describes it to the widgets. */
export interface SessionStructure {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly amNumber: string | null;
  readonly finess: string | null;
}

/** Who is signed in, as `POST /api/auth/login` and `GET /api/auth/session` describe them. */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly structures: readonly SessionStructure[];
  /** The kind of account (`liberal`, `administratif`, `responsable`…; see ACCOUNT_KINDS). */
  readonly accountKind: string;
  /** Whether the e-mail was validated by its link (only then is it an identifier). */
  readonly emailVerified: boolean;
  /** First sign-in: the one-time welcome dialog has not been closed yet. */
  readonly firstSignIn: boolean;
  /**
   * The account's e-mail is shared with another account (a group practice's secretariat, a
   * doctor with several practices): it is no identifier. After each sign-in, until an address of
   * their own is validated by its link, the user is asked for one (doctors' guide, « Connexion des
   * PS ayant une adresse e-mail partagée » / « plusieurs adresses e-mail (multi-cabinet) »).
   * Absent from a session stored on a device by an older version.
   */
  readonly ownEmailRequired?: boolean;
  /**
   * A pharmacy's or laboratory's account from before the accounts' change (`account-migration.ts`):
   * the kind to choose (every route but this choice refused until then), or the automatic or
   * chosen migration to explain once; absent otherwise (and from older sessions).
   */
  readonly accountMigration?: AccountMigrationState | null;
  /**
   * Signed in with the temporary password sent by post: a new password must be chosen before
   * anything else (the server refuses every other route until then).
   */
  readonly passwordChangeRequired: boolean;
}
