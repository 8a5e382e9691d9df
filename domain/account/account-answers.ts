import type { Localized } from '../i18n/index.ts';
import type { AccountEventAction, AccountKind, AccountPreferences } from './account-schemas.ts';

/**
 * What the account routes answer, typed once for the sync server that builds the answers and
 * the widgets that read them.
 */

/** Who the account form is for, as the directory knows them (read-only fields of the form). */
export interface CreationIdentity {
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly rpps: string | null;
  readonly specialty: string;
  readonly accountKind: AccountKind;
  readonly structures: readonly { readonly name: string; readonly number: string; readonly kind: string }[];
}

/** What an AM / FINESS number allows (« Créer un compte » → « Continuer »). */
export interface NumberLookup {
  readonly structure: { readonly name: string; readonly kind: string; readonly number: string; readonly postcode: string; readonly commune: string };
  readonly accountKind: AccountKind;
  /** `security_key` only for a liberal professional whose key is on file; `post` always. */
  readonly paths: readonly ('security_key' | 'post')[];
  /** Why the security key is not offered, when it is not. */
  readonly securityKeyUnavailable?: string;
}

/** A card or a security key was checked: the ticket of the account form, and who it is for. */
export interface StrongStart {
  readonly ticket: string;
  readonly identity: CreationIdentity;
}

/**
 * A code of the insurer's directories with its label in both languages: the directories'
 * vocabulary comes with the answer (`domain/account/professional-information.ts` on the server),
 * so the page carries none of it and a code it never heard of still reads right.
 */
export interface DirectoryTerm {
  readonly code: string;
  readonly label: Localized;
}

/** The approval the guides show on its own line, « Agrément radio : OUI / Non ». */
export const RADIO_APPROVAL = 'radio';

/** "Mon compte". */
export interface AccountProfile {
  readonly id: string;
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly role: string;
  readonly rpps: string | null;
  readonly specialty: string;
  readonly accountKind: AccountKind;
  readonly email: string;
  readonly emailVerified: boolean;
  /** A new address waiting for its validation link, if any. */
  readonly pendingEmail: string | null;
  /**
   * Whether the account's holder is a professional of the insurer's directory (not a structure's
   * administrative account, a health-centre director or a délégué): only they have a contract
   * status and approvals to show.
   */
  readonly listedProfessional: boolean;
  /** « Situation conventionnelle » (null when the directory has none on file). */
  readonly contractStatus: DirectoryTerm | null;
  /** The professional's approvals (« Agrément radio »…). */
  readonly approvals: readonly DirectoryTerm[];
  readonly structures: readonly AccountPlace[];
  readonly preferences: AccountPreferences;
}

/** A place of practice (« Lieu d'exercice ») as the insurer's directories know it. */
export interface AccountPlace {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly number: string;
  readonly street: string;
  readonly postcode: string;
  readonly commune: string;
  /** The practice's phone ('' when none is on file). */
  readonly phone: string;
  /** The place's own authorisations (officine, laboratoire, centre de santé). */
  readonly approvals: readonly DirectoryTerm[];
  /** « Caisse gestionnaire », with its address and phone ('' when unknown). */
  readonly insurerOffice: { readonly code: string; readonly label: string; readonly address: string; readonly phone: string } | null;
}

/** A line of "Mes derniers évènements". */
export interface AccountEvent {
  readonly at: string;
  readonly action: AccountEventAction;
}
