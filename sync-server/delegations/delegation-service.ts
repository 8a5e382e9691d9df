import { randomBytes } from 'node:crypto';
import {
  canCreateDelegation,
  checkDelegationStructures,
  DelegateAccountSchema,
  DELEGATION_PROFILE_DEFINITIONS,
  DELEGATION_STATUS_LABELS,
  DelegationCreateSchema,
  delegationTransition,
  todayInParis,
  type DelegateAccountInput,
  type DelegationAction,
  type DelegationCreateInput,
  type DelegationDocument,
  type DelegationProfile,
  type DelegationStatus,
} from '../../domain/index.ts';
import { parseOr422 } from '../http/request-body.ts';
import { hashPassword } from '../auth/passwords.ts';
import { auditParties, createSession, hashToken, loadUser, type Session } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { appLink, queueMessage } from '../outbox/outbox.ts';
import type { ChangeHub } from '../replication/change-hub.ts';
import type { SessionEvents } from '../session-events.ts';
import { nextSequence, type SequenceCheckpoint } from '../replication/checkpoint.ts';
import { delegationMails, type DelegationMailContext } from './delegation-mails.ts';

/** Unanswered invitations are purged after this many days (`DELEGATION_PURGE_DAYS`). */
export const DEFAULT_PURGE_DAYS = 30;

/** A delegation as it replicates: the document, or a content-free deletion. */
export type ReplicatedDelegation = (DelegationDocument & { _deleted: false }) | { id: string; _deleted: true };

interface DelegationRow {
  id: string;
  seq: number;
  delegantId: string;
  delegateId: string | null;
  delegateEmail: string;
  profile: DelegationProfile;
  cpeCardId: string;
  validFrom: string;
  validUntil: string;
  status: DelegationStatus;
  statusSince: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

const COLUMNS = `id, seq, delegant_id AS delegantId, delegate_id AS delegateId, delegate_email AS delegateEmail, profile, cpe_card_id AS cpeCardId,
  valid_from AS validFrom, valid_until AS validUntil, status, status_since AS statusSince, created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt`;

/** What the invitation page shows (`GET /api/delegations/invitations/:token`). */
export interface InvitationView {
  readonly delegation: DelegationDocument;
  /** An account already uses the invited e-mail: accept / refuse; otherwise create one. */
  readonly delegateHasAccount: boolean;
  readonly delegantSpecialty: string;
}

const UNKNOWN_DELEGATION: Localized = { fr: 'Délégation introuvable.', en: 'Delegation not found.' };

const displayName = (user: { civility: string; firstName: string; lastName: string }) => [user.civility, user.firstName, user.lastName].filter(Boolean).join(' ');

/**
 * The delegation service (seed 003), the server being the authority: creation by a délégant
 * signed in with the CPS card, the délégué's answers (by the invitation link or their account),
 * validation, deletion, purge; every transition checked against the domain's table and recorded
 * with its actor and time; every e-mail of the seed in the outbox. Delegations replicate
 * read-only to the délégant's and the délégué's devices (pull, stream).
 */
export class DelegationService {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly appUrl: string,
    readonly hub: ChangeHub<ReplicatedDelegation>,
    /** Told when a delegation stops allowing access: the délégué's delegated sessions end (their streams at once). */
    private readonly sessionEvents: SessionEvents,
    private readonly purgeAfterDays = DEFAULT_PURGE_DAYS,
  ) {}

  // ——— délégant ———

  /** "Cet utilisateur correspond-il à votre délégué ?": the account an e-mail names, if any (délégants with a card only). */
  lookupDelegate(session: Session, email: string): { exists: false } | { exists: true; firstName: string; lastName: string; email: string } {
    this.#assertDelegant(session);
    const account = this.#accountByEmail(email.trim());
    return account ? { exists: true, firstName: account.firstName, lastName: account.lastName, email: account.email } : { exists: false };
  }

  create(session: Session, input: unknown): DelegationDocument {
    this.#assertDelegant(session);
    const form = parseOr422(DelegationCreateSchema, input as DelegationCreateInput);
    const delegantStructures = session.user.structures.map((s) => s.id);
    const structures = checkDelegationStructures(form.profile, form.structureIds, delegantStructures);
    if (structures !== 'ok') {
      const label = DELEGATION_PROFILE_DEFINITIONS[form.profile].label;
      const message: Localized =
        structures === 'unknown'
          ? { fr: 'Une structure sélectionnée n’est pas la vôtre.', en: 'A selected structure is not yours.' }
          : { fr: `Pour le profil ${label.fr}, toutes vos structures doivent être sélectionnées.`, en: `For the ${label.en} profile, all your structures must be selected.` };
      throw new ApiError(422, message, { reason: 'invalid_body', fields: { structureIds: message } });
    }
    if (form.validUntil < todayInParis(this.now())) {
      const message = { fr: 'La date de fin est passée.', en: 'The end date has passed.' };
      throw new ApiError(422, message, { reason: 'invalid_body', fields: { validUntil: message } });
    }
    if (form.delegateEmail.toLowerCase() === session.user.email.toLowerCase()) {
      const message = { fr: 'Vous ne pouvez pas vous déléguer à vous-même.', en: 'You cannot delegate to yourself.' };
      throw new ApiError(422, message, { reason: 'invalid_body', fields: { delegateEmail: message } });
    }
    const live = this.db
      .prepare("SELECT 1 FROM delegations WHERE delegant_id = ? AND delegate_email = ? AND deleted_at IS NULL AND status IN ('en_cours', 'a_valider', 'validee')")
      .get(session.user.id, form.delegateEmail);
    if (live) {
      const message = {
        fr: 'Une délégation est déjà en cours ou validée pour cette adresse : supprimez-la d’abord pour en créer une autre.',
        en: 'A delegation is already pending or validated for this address: delete it first to create another one.',
      };
      throw new ApiError(409, message, { reason: 'delegation_exists', fields: { delegateEmail: message } });
    }
    this.#assertEligible(session, form.profile, form.delegateEmail);
    const delegate = this.#accountByEmail(form.delegateEmail);
    const at = this.now().toISOString();
    const id = `d-${randomBytes(9).toString('base64url')}`;
    const token = randomBytes(32).toString('base64url');
    const document = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO delegations (id, seq, delegant_id, delegate_id, delegate_email, profile, cpe_card_id, valid_from, valid_until, status, status_since, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'en_cours', ?, ?, ?)`,
        )
        .run(id, nextSequence(this.db), session.user.id, delegate?.id ?? null, form.delegateEmail, form.profile, form.cpeCardId, form.validFrom, form.validUntil, at, at, at);
      const insertStructure = this.db.prepare('INSERT INTO delegation_structures (delegation_id, structure_id) VALUES (?, ?)');
      for (const structureId of new Set(form.structureIds)) insertStructure.run(id, structureId);
      this.#transition(id, session.user.id, 'create', null, 'en_cours', at);
      this.db
        .prepare('INSERT INTO delegation_invitations (token_hash, delegation_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(hashToken(token), id, at, new Date(this.now().getTime() + this.purgeAfterDays * 86_400_000).toISOString());
      this.#audit(session, 'delegation_create', id, { profile: form.profile, delegateEmail: form.delegateEmail });
      const context = this.#mailContext(this.#row(id)!);
      queueMessage(this.db, delegationMails.created(context), this.now());
      queueMessage(this.db, delegationMails.invitation(context, appLink(this.appUrl, 'delegation', token), delegate !== null), this.now());
      return this.#document(this.#row(id)!);
    })();
    this.#publish(id);
    return document;
  }

  /** "VALIDER" on an `À valider` row: the délégué may now sign in and act. */
  validate(session: Session, id: string): DelegationDocument {
    const row = this.#ownRow(session, id);
    this.#move(row, 'validate', 'delegant', session.user.id, (context) => [delegationMails.validated(context)]);
    this.#audit(session, 'delegation_validate', id, {});
    return this.#document(this.#row(id)!);
  }

  /** The trash icon, confirmed: the délégué loses access at once; both are told. */
  remove(session: Session, id: string): void {
    const row = this.#ownRow(session, id);
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db.prepare("UPDATE delegations SET deleted_at = ?, deleted_by = ?, deletion_reason = 'deleted', seq = ?, updated_at = ? WHERE id = ?").run(at, session.user.id, nextSequence(this.db), at, id);
      this.db.prepare('UPDATE delegation_invitations SET used_at = COALESCE(used_at, ?) WHERE delegation_id = ?').run(at, id);
      this.#transition(id, session.user.id, 'delete', row.status, null, at);
      this.#audit(session, 'delegation_delete', id, {});
      const context = this.#mailContext(row);
      queueMessage(this.db, delegationMails.deletedToDelegant(context), this.now());
      queueMessage(this.db, delegationMails.deletedToDelegate(context), this.now());
    })();
    this.#publish(id);
    this.sessionEvents.publish({ kind: 'delegation', delegationId: id });
  }

  // ——— délégué ———

  /** What the invitation link shows; a used, expired or unknown link is refused. */
  invitation(token: string): InvitationView {
    const row = this.#rowOfInvitation(token);
    const delegant = loadUser(this.db, row.delegantId)!;
    const specialty = (this.db.prepare('SELECT p.specialty FROM users u LEFT JOIN directory_professionals p ON p.id = u.directory_id WHERE u.id = ?').get(delegant.id) as { specialty: string | null } | undefined)?.specialty ?? '';
    return { delegation: this.#document(row), delegateHasAccount: this.#delegateOf(row) !== null, delegantSpecialty: specialty };
  }

  /**
   * The délégué's answer from the invitation: `accept` / `refuse` (an account uses the invited
   * e-mail), `not_concerned` ("je ne travaille pas avec ce praticien"), `has_account` ("J'ai déjà
   * un compte" under another e-mail). The link was sent to that address: it proves who answers.
   */
  answerInvitation(token: string, action: unknown): { status: DelegationStatus } {
    if (action !== 'accept' && action !== 'refuse' && action !== 'not_concerned' && action !== 'has_account') {
      throw new ApiError(400, { fr: 'Réponse inconnue : accept, refuse, not_concerned ou has_account.', en: 'Unknown answer: accept, refuse, not_concerned or has_account.' }, { reason: 'invalid_body' });
    }
    const row = this.#rowOfInvitation(token);
    const delegate = this.#delegateOf(row);
    if ((action === 'accept' || action === 'refuse') && !delegate) {
      throw new ApiError(
        409,
        { fr: 'Aucun compte n’utilise cette adresse e-mail : créez votre compte pour accepter la délégation.', en: 'No account uses this e-mail address: create your account to accept the delegation.' },
        { reason: 'no_account' },
      );
    }
    if (delegate && row.delegateId === null) this.db.prepare('UPDATE delegations SET delegate_id = ? WHERE id = ?').run(delegate.id, row.id);
    const status = this.#move({ ...row, delegateId: delegate?.id ?? null }, action, 'delegue', delegate?.id ?? null, (context) =>
      action === 'accept'
        ? [delegationMails.accepted(context)]
        : action === 'refuse'
          ? [delegationMails.refused(context)]
          : action === 'not_concerned'
            ? [delegationMails.notConcerned(context)]
            : [delegationMails.hasAccountToDelegate(context), delegationMails.hasAccountToDelegant(context)],
    );
    this.#useInvitation(token);
    return { status };
  }

  /** "Je crée un compte" from the invitation: the délégué's account, and the delegation `À valider`. */
  async createDelegateAccount(input: unknown): Promise<{ status: DelegationStatus; message: Localized }> {
    const form = parseOr422(DelegateAccountSchema, input as DelegateAccountInput);
    const row = this.#rowOfInvitation(form.token);
    this.#assertNoDelegateAccount(row);
    const passwordHash = await hashPassword(form.password);
    const at = this.now().toISOString();
    const userId = `u-${randomBytes(9).toString('base64url')}`;
    this.db.transaction(() => {
      // Checked again once the password is hashed, in the transaction that uses the link: of
      // several creations sent at once with one link, one account is created, the others refused.
      this.#assertNoDelegateAccount(this.#rowOfInvitation(form.token));
      this.db
        .prepare(
          `INSERT INTO users (id, email, role, civility, first_name, last_name, password_hash, created_at, account_kind, email_verified_at, practitioner_number, rpps)
           VALUES (?, ?, 'delegue', ?, ?, ?, ?, ?, 'delegue', ?, ?, ?)`,
        )
        .run(userId, row.delegateEmail, form.civility, form.firstName, form.lastName.toUpperCase(), passwordHash, at, at, form.practitionerNumber, form.practitionerNumber.length === 11 ? form.practitionerNumber : null);
      this.db.prepare("INSERT INTO audit (at, actor_id, action, changes) VALUES (?, ?, 'account_created', ?)").run(at, userId, JSON.stringify({ method: 'delegation_invitation', delegationId: row.id }));
      this.db.prepare('UPDATE delegations SET delegate_id = ? WHERE id = ?').run(userId, row.id);
      this.#move({ ...row, delegateId: userId }, 'create_account', 'delegue', userId, (context) => [delegationMails.accountCreated(context)]);
      this.#useInvitation(form.token);
    })();
    return {
      status: 'a_valider',
      message: {
        fr: 'Votre compte a bien été créé. La connexion au portail sera possible lorsque le professionnel de santé ayant initié la délégation aura procédé à sa validation.',
        en: 'Your account has been created. You will be able to sign in once the health professional who started the delegation has validated it.',
      },
    };
  }

  /** The same answers from the délégué's own dashboard (signed in with the invited account). */
  answerAsDelegate(session: Session, id: string, action: unknown): DelegationDocument {
    if (action !== 'accept' && action !== 'refuse') throw new ApiError(400, { fr: 'Réponse inconnue : accept ou refuse.', en: 'Unknown answer: accept or refuse.' }, { reason: 'invalid_body' });
    const row = this.#row(id);
    if (!row || row.deletedAt !== null || row.delegateId !== session.user.id) throw new ApiError(404, UNKNOWN_DELEGATION, { reason: 'unknown_delegation' });
    this.#move(row, action, 'delegue', session.user.id, (context) => [action === 'accept' ? delegationMails.accepted(context) : delegationMails.refused(context)]);
    this.db.prepare("UPDATE delegation_invitations SET used_at = COALESCE(used_at, ?) WHERE delegation_id = ?").run(this.now().toISOString(), id);
    return this.#document(this.#row(id)!);
  }

  /**
   * "Agir pour le compte de…": a session of the délégué acting for the délégant, in the
   * delegation's structures and services. Refused outside the window or before validation.
   */
  actFor(session: Session, id: string): { token: string; expiresAt: string } {
    if (session.delegation) throw new ApiError(403, { fr: 'Revenez d’abord à votre propre compte.', en: 'First go back to your own account.' }, { reason: 'delegation_own_account' });
    const row = this.#row(id);
    if (!row || row.deletedAt !== null || row.delegateId !== session.user.id) throw new ApiError(404, UNKNOWN_DELEGATION, { reason: 'unknown_delegation' });
    if (row.status !== 'validee') throw new ApiError(403, { fr: 'Cette délégation n’est pas validée.', en: 'This delegation is not validated.' }, { reason: 'delegation_not_validated' });
    const today = todayInParis(this.now());
    if (today < row.validFrom || today > row.validUntil) {
      throw new ApiError(403, { fr: 'La délégation n’est pas valable aujourd’hui.', en: 'The delegation is not valid today.' }, { reason: 'delegation_window' });
    }
    const opened = createSession(this.db, session.user.id, this.now(), session.strongAuth, id);
    this.db.prepare("INSERT INTO audit (at, actor_id, on_behalf_of_id, action, changes) VALUES (?, ?, ?, 'delegation_act', ?)").run(this.now().toISOString(), session.user.id, row.delegantId, JSON.stringify({ delegationId: id }));
    return opened;
  }

  /** Unanswered invitations (`En cours`) older than the purge delay leave the dashboards. */
  purge(): number {
    const at = this.now();
    const before = new Date(at.getTime() - this.purgeAfterDays * 86_400_000).toISOString();
    const stale = this.db.prepare("SELECT id FROM delegations WHERE status = 'en_cours' AND deleted_at IS NULL AND created_at < ?").all(before) as { id: string }[];
    for (const { id } of stale) {
      this.db.transaction(() => {
        this.db.prepare("UPDATE delegations SET deleted_at = ?, deletion_reason = 'purged', seq = ?, updated_at = ? WHERE id = ?").run(at.toISOString(), nextSequence(this.db), at.toISOString(), id);
        this.db.prepare('UPDATE delegation_invitations SET used_at = COALESCE(used_at, ?) WHERE delegation_id = ?').run(at.toISOString(), id);
        this.#transition(id, null, 'purge', 'en_cours', null, at.toISOString());
      })();
      this.#publish(id);
    }
    return stale.length;
  }

  // ——— replication (read-only) ———

  pull(session: Session, checkpoint: SequenceCheckpoint | null, limit: number): { documents: ReplicatedDelegation[]; checkpoint: SequenceCheckpoint } {
    const after = checkpoint?.sequence ?? 0;
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM delegations WHERE (delegant_id = ? OR delegate_id = ?) AND seq > ? ORDER BY seq LIMIT ?`)
      .all(session.user.id, session.user.id, after, limit) as DelegationRow[];
    return { documents: rows.map((row) => this.#replicated(row)), checkpoint: { sequence: rows.at(-1)?.seq ?? after } };
  }

  // ——— inside ———

  /**
   * The profiles' conditions (seed 003): « seuls les remplaçants exclusifs, sans activité libérale
   * par ailleurs » for Remplaçant; Assistant médical only for « les médecins signataires d'un
   * contrat assistant médical ». A 422 next to the profile.
   */
  #assertEligible(session: Session, profile: DelegationProfile, delegateEmail: string): void {
    const refuse = (message: Localized) => {
      throw new ApiError(422, message, { reason: 'delegation_not_eligible', fields: { profile: message } });
    };
    if (profile === 'assistant_medical') {
      const contract = this.db.prepare('SELECT d.assistant_contract AS contract FROM users u JOIN directory_professionals d ON d.id = u.directory_id WHERE u.id = ?').get(session.user.id) as { contract: number } | undefined;
      if (contract?.contract !== 1) {
        refuse({
          fr: 'Le profil Assistant médical est réservé aux médecins signataires d’un contrat assistant médical.',
          en: 'The Medical assistant profile is only for doctors who signed a medical assistant contract.',
        });
      }
    }
    if (profile === 'remplacant') {
      const practising = this.db
        .prepare("SELECT 1 FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id WHERE u.email = ? AND u.email_verified_at IS NOT NULL AND s.kind = 'cabinet' LIMIT 1")
        .get(delegateEmail.trim());
      if (practising) {
        refuse({
          fr: 'Seuls les remplaçants exclusifs, sans activité libérale par ailleurs, peuvent recevoir le profil Remplaçant : cette personne exerce dans un cabinet libéral.',
          en: 'Only exclusive substitutes, with no self-employed practice of their own, can receive the Substitute profile: this person works in a practice.',
        });
      }
    }
  }

  #assertDelegant(session: Session): void {
    if (!session.strongAuth) {
      throw new ApiError(
        403,
        { fr: 'La création d’une délégation nécessite une connexion par carte CPS (authentification forte).', en: 'Creating a delegation requires signing in with a CPS card (strong authentication).' },
        { reason: 'strong_auth_required' },
      );
    }
    const kind = (this.db.prepare('SELECT account_kind AS kind FROM users WHERE id = ?').get(session.user.id) as { kind: string } | undefined)?.kind ?? '';
    if (!canCreateDelegation({ accountKind: kind, structures: session.user.structures })) {
      throw new ApiError(
        403,
        {
          fr: 'Seul un professionnel de santé ayant au moins un cabinet libéral, ou un directeur d’établissement, peut créer une délégation.',
          en: 'Only a self-employed health professional with at least one practice, or an establishment director, can create a delegation.',
        },
        { reason: 'not_a_delegant' },
      );
    }
  }

  #accountByEmail(email: string): { id: string; firstName: string; lastName: string; email: string; civility: string } | null {
    return (
      (this.db.prepare('SELECT id, first_name AS firstName, last_name AS lastName, email, civility FROM users WHERE email = ? AND email_verified_at IS NOT NULL').get(email) as
        | { id: string; firstName: string; lastName: string; email: string; civility: string }
        | undefined) ?? null
    );
  }

  #assertNoDelegateAccount(row: DelegationRow): void {
    if (this.#delegateOf(row)) {
      throw new ApiError(
        409,
        { fr: 'Un compte utilise déjà cette adresse e-mail : connectez-vous pour accepter la délégation.', en: 'An account already uses this e-mail address: sign in to accept the delegation.' },
        { reason: 'account_exists' },
      );
    }
  }

  #delegateOf(row: DelegationRow) {
    if (row.delegateId) return loadUser(this.db, row.delegateId);
    const found = this.#accountByEmail(row.delegateEmail);
    return found ? loadUser(this.db, found.id) : null;
  }

  #row(id: string): DelegationRow | null {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM delegations WHERE id = ?`).get(id) as DelegationRow | undefined) ?? null;
  }

  #ownRow(session: Session, id: string): DelegationRow {
    const row = this.#row(id);
    if (!row || row.deletedAt !== null || row.delegantId !== session.user.id) throw new ApiError(404, UNKNOWN_DELEGATION, { reason: 'unknown_delegation' });
    return row;
  }

  #rowOfInvitation(token: string): DelegationRow {
    const invitation = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? (this.db.prepare('SELECT delegation_id AS id, expires_at AS expiresAt, used_at AS usedAt FROM delegation_invitations WHERE token_hash = ?').get(hashToken(token)) as
          | { id: string; expiresAt: string; usedAt: string | null }
          | undefined)
      : undefined;
    const row = invitation ? this.#row(invitation.id) : null;
    if (!invitation || !row || invitation.usedAt !== null || invitation.expiresAt <= this.now().toISOString() || row.deletedAt !== null || row.status !== 'en_cours') {
      throw new ApiError(
        400,
        {
          fr: 'Ce lien de délégation n’est plus valable : la demande a déjà reçu une réponse, a expiré ou a été supprimée.',
          en: 'This delegation link is no longer valid: the request has already been answered, has expired or was deleted.',
        },
        { reason: 'invalid_link' },
      );
    }
    return row;
  }

  #useInvitation(token: string): void {
    this.db.prepare('UPDATE delegation_invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL').run(this.now().toISOString(), hashToken(token));
  }

  /** Applies a transition if the domain's table allows it; records it, mails, publishes. */
  #move(row: DelegationRow, action: DelegationAction, by: 'delegant' | 'delegue', actorId: string | null, mails: (context: DelegationMailContext) => ReturnType<typeof delegationMails.created>[]): DelegationStatus {
    const to = delegationTransition(row.status, action, by);
    if (!to) {
      throw new ApiError(
        409,
        { fr: `Cette délégation est « ${row.status} » : cette action n’est plus possible.`, en: `This delegation is “${DELEGATION_STATUS_LABELS[row.status].en}”: this action is no longer possible.` },
        { reason: 'invalid_transition', status: row.status },
      );
    }
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.db.prepare('UPDATE delegations SET status = ?, status_since = ?, updated_at = ?, seq = ? WHERE id = ?').run(to, at, at, nextSequence(this.db), row.id);
      this.#transition(row.id, actorId, action, row.status, to, at);
      const context = this.#mailContext(this.#row(row.id)!);
      for (const message of mails(context)) queueMessage(this.db, message, this.now());
    })();
    this.#publish(row.id);
    if (to !== 'validee') this.sessionEvents.publish({ kind: 'delegation', delegationId: row.id });
    return to;
  }

  #transition(id: string, actorId: string | null, action: string, from: string | null, to: string | null, at: string): void {
    this.db.prepare('INSERT INTO delegation_transitions (delegation_id, at, actor_id, action, from_status, to_status) VALUES (?, ?, ?, ?, ?, ?)').run(id, at, actorId, action, from, to);
  }

  #audit(session: Session, action: string, id: string, changes: Record<string, unknown>): void {
    const { actorId, onBehalfOfId } = auditParties(session);
    this.db
      .prepare("INSERT INTO audit (at, actor_id, on_behalf_of_id, action, collection, document_id, changes) VALUES (?, ?, ?, ?, 'delegations', ?, ?)")
      .run(this.now().toISOString(), actorId, onBehalfOfId, action, id, JSON.stringify(changes));
  }

  #structures(id: string): DelegationDocument['structures'] {
    return (
      this.db
        .prepare(
          `SELECT s.id, s.name, COALESCE(s.am_number, s.finess, '') AS number, s.street, s.postcode, s.commune
             FROM delegation_structures ds JOIN structures s ON s.id = ds.structure_id WHERE ds.delegation_id = ? ORDER BY s.name`,
        )
        .all(id) as { id: string; name: string; number: string; street: string; postcode: string; commune: string }[]
    ).map((s) => ({ id: s.id, name: s.name, number: s.number, address: [s.street, `${s.postcode} ${s.commune.toUpperCase()}`].filter((p) => p.trim()).join(' ') }));
  }

  #document(row: DelegationRow): DelegationDocument {
    const delegant = loadUser(this.db, row.delegantId);
    const delegate = row.delegateId ? loadUser(this.db, row.delegateId) : null;
    return {
      id: row.id,
      delegantId: row.delegantId,
      delegantName: delegant ? displayName(delegant) : '',
      delegateId: row.delegateId ?? '',
      delegateEmail: row.delegateEmail,
      delegateCivility: delegate?.civility ?? '',
      delegateFirstName: delegate?.firstName ?? '',
      delegateLastName: delegate?.lastName ?? '',
      profile: row.profile,
      cpeCardId: row.cpeCardId,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      status: row.status,
      statusSince: row.statusSince,
      structures: this.#structures(row.id),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  #replicated(row: DelegationRow): ReplicatedDelegation {
    return row.deletedAt !== null ? { id: row.id, _deleted: true } : { ...this.#document(row), _deleted: false };
  }

  #mailContext(row: DelegationRow): DelegationMailContext {
    const document = this.#document(row);
    const delegant = loadUser(this.db, row.delegantId)!;
    return {
      delegantName: document.delegantName,
      delegantGender: (this.db.prepare('SELECT gender FROM users WHERE id = ?').get(row.delegantId) as { gender: '' | 'F' | 'M' }).gender,
      delegantEmail: delegant.email,
      delegateName: [document.delegateCivility, document.delegateFirstName, document.delegateLastName].filter(Boolean).join(' '),
      delegateEmail: row.delegateEmail,
      profile: row.profile,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      structures: document.structures.map((s) => `${s.name}, ${s.address}`),
    };
  }

  #publish(id: string): void {
    const row = this.#row(id);
    if (!row) return;
    const document = this.#replicated(row);
    // Routed to both parties' streams (see delegationChangeKeys in the routes).
    this.hub.publish([{ sequence: row.seq, document, grantedTo: [row.delegantId, ...(row.delegateId ? [row.delegateId] : [])] }]);
  }
}
