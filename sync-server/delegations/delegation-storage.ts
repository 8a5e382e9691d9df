import type { DelegationAction, DelegationDocument, DelegationProfile, DelegationStatus } from '../../domain/index.ts';
import type { OutgoingMessage } from '../outbox/outbox.ts';
import type { AuditEntry, ChangesOfOtherInstances } from '../storage/storage.ts';

/**
 * What the delegations need of a database (the contract: `storage/storage.ts`).
 * `SqliteDelegationStore` (`sqlite-delegation-store.ts`) implements it; the commands, the
 * replication and the routes only see this interface. Each write is one unit of work: its
 * transition is decided on the row as stored inside the transaction (`decide`), its e-mails
 * rendered from the delegation as written (`mails`), both pure.
 */

/** A delegation as stored. */
export interface DelegationRow {
  readonly id: string;
  readonly seq: number;
  readonly delegantId: string;
  readonly delegateId: string | null;
  readonly delegateEmail: string;
  readonly profile: DelegationProfile;
  readonly cpeCardId: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly status: DelegationStatus;
  readonly statusSince: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
}

/** One party of a delegation, as its documents and e-mails name them. */
export interface DelegationParty {
  readonly id: string;
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** '' when unknown. */
  readonly gender: '' | 'F' | 'M';
}

/** A delegation with what its document and e-mails show: both parties, its structures. */
export interface DelegationView {
  readonly row: DelegationRow;
  readonly delegant: DelegationParty | null;
  /** The account `row.delegateId` names (null until the délégué has one). */
  readonly delegate: DelegationParty | null;
  readonly structures: DelegationDocument['structures'];
}

/** An invitation link, by the SHA-256 of its token. */
export interface DelegationInvitationRow {
  readonly delegationId: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

/** What an invitation link leads to: the link, its delegation, the account of the invited délégué if there is one. */
export interface InvitationSnapshot {
  readonly invitation: DelegationInvitationRow | null;
  readonly view: DelegationView | null;
  /** The délégué's account: the one the delegation names, else the one with the invited (validated) e-mail. */
  readonly delegate: DelegationParty | null;
}

/** The e-mails a write queues in its transaction, rendered from the delegation as written. */
export type DelegationMails = (view: DelegationView) => readonly OutgoingMessage[];

/** A delegation to create: its row's own fields (the store numbers and stamps it), and the rest. */
export interface NewDelegation
  extends Pick<DelegationRow, 'id' | 'delegantId' | 'delegateId' | 'delegateEmail' | 'profile' | 'cpeCardId' | 'validFrom' | 'validUntil'> {
  readonly structureIds: readonly string[];
  readonly at: string;
  readonly invitation: { readonly tokenHash: string; readonly expiresAt: string };
  readonly audit: AuditEntry;
  readonly mails: DelegationMails;
}

/** A transition of the status table, decided on the row as stored. */
export interface DelegationMove {
  readonly id: string;
  readonly action: DelegationAction;
  /** Who moves it (null: the system). */
  readonly actorId: string | null;
  readonly at: string;
  /** The status it moves to, or throws the refusal: pure, on the row read in the transaction. */
  decide(row: DelegationRow): DelegationStatus;
  readonly mails: DelegationMails;
  /** The délégué's account, recorded on the delegation with the move. */
  readonly delegateId?: string;
  /** The invitation link the move uses up (its token's SHA-256). */
  readonly usesInvitation?: string;
  /** Every unused link of the delegation is used up with the move. */
  readonly closesInvitations?: boolean;
  readonly audit?: AuditEntry;
}

/**
 * « Mise à jour d'une délégation »: its dates and structures replaced (a new change number), the
 * status unchanged. `check` and `audit` are pure, on the delegation as stored in the transaction.
 */
export interface DelegationUpdate {
  readonly id: string;
  readonly actorId: string;
  readonly at: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly structureIds: readonly string[];
  /** Throws the refusal when the delegation, as stored, may not take this update. */
  check(before: DelegationView): void;
  /** The audit row, with what changed from `before`. */
  audit(before: DelegationView): AuditEntry;
  readonly mails: DelegationMails;
}

/** The account a délégué creates from the invitation, with the move to « À valider ». */
export interface DelegateAccount {
  readonly userId: string;
  readonly email: string;
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly passwordHash: string;
  readonly practitionerNumber: string;
  readonly rpps: string | null;
  readonly at: string;
}

export interface DelegationStorage {
  /** On a database several instances share: the delegations the others write, for this instance's streams. */
  readonly otherInstances?: ChangesOfOtherInstances<DelegationView>;
  view(id: string): Promise<DelegationView | null>;
  /** The delegations a user is a party of, changed after `after`, in change order (deleted ones too). */
  viewsOf(userId: string, after: number, limit: number): Promise<DelegationView[]>;
  invitation(tokenHash: string): Promise<InvitationSnapshot>;
  /** The account whose validated e-mail this is. */
  accountByEmail(email: string): Promise<DelegationParty | null>;
  party(userId: string): Promise<DelegationParty | null>;
  accountKind(userId: string): Promise<string>;
  specialtyOf(userId: string): Promise<string>;
  hasAssistantContract(userId: string): Promise<boolean>;
  /** A validated account with this e-mail works in a self-employed practice (`cabinet`). */
  practisesInPractice(email: string): Promise<boolean>;
  /** The délégant already has a pending or validated delegation to this address. */
  hasLiveDelegation(delegantId: string, delegateEmail: string): Promise<boolean>;
  /** Unanswered (`en_cours`) delegations created before `before`. */
  unansweredSince(before: string): Promise<string[]>;

  /** One transaction: the delegation (`en_cours`), its structures, its first transition, its invitation, the audit, the e-mails. */
  create(delegation: NewDelegation): Promise<DelegationView>;
  /** One transaction: the status moves as `decide` says (a new change number), the transition recorded, the e-mails queued. */
  move(move: DelegationMove): Promise<DelegationView>;
  /** One transaction: `check`, then the dates and structures replaced, the transition (`update`, same status) recorded, the audit, the e-mails. */
  update(update: DelegationUpdate): Promise<DelegationView>;
  /** One transaction: the délégant deletes it (a new change number); its links used up; transition, audit, e-mails. */
  remove(id: string, by: string, at: string, audit: AuditEntry, mails: DelegationMails): Promise<DelegationView>;
  /** One transaction: an unanswered invitation purged. */
  purge(id: string, at: string): Promise<DelegationView | null>;
  /**
   * One transaction: the délégué's account, recorded on the delegation, then `move` (« À valider »).
   * `recheck` is asked inside it on the link as it is then (it throws a refusal): of several
   * creations sent at once with one link, one creates the account, the others are refused.
   */
  createDelegateAccount(tokenHash: string, account: DelegateAccount, recheck: (snapshot: InvitationSnapshot) => void, move: DelegationMove): Promise<DelegationView>;
  /** A session of the délégué acting for the délégant under the delegation; the audit row. */
  openDelegatedSession(userId: string, strongAuth: boolean, delegationId: string, at: Date, audit: AuditEntry): Promise<{ token: string; expiresAt: string }>;
}
