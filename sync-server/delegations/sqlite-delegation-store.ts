import { createSession } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { queueMessage } from '../outbox/outbox.ts';
import { nextSequence } from '../replication/checkpoint.ts';
import { writeAudit } from '../storage/sqlite-audit.ts';
import type { AuditEntry } from '../storage/storage.ts';
import type {
  DelegateAccount,
  DelegationMails,
  DelegationMove,
  DelegationParty,
  DelegationRow,
  DelegationStorage,
  DelegationUpdate,
  DelegationView,
  InvitationSnapshot,
  NewDelegation,
} from './delegation-storage.ts';

const COLUMNS = `id, seq, delegant_id AS delegantId, delegate_id AS delegateId, delegate_email AS delegateEmail, profile, cpe_card_id AS cpeCardId,
  valid_from AS validFrom, valid_until AS validUntil, status, status_since AS statusSince, created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt`;
const PARTY = 'id, civility, first_name AS firstName, last_name AS lastName, email, gender';

/**
 * `DelegationStorage` on better-sqlite3: the `delegations` table, their structures, transitions
 * and invitation links, the parties' accounts. Each write runs synchronously inside its own
 * transaction (storage/storage.ts), e-mails included (the outbox).
 */
export class SqliteDelegationStore implements DelegationStorage {
  constructor(private readonly db: SqliteDatabase) {}

  async view(id: string): Promise<DelegationView | null> {
    return this.#view(id);
  }

  async viewsOf(userId: string, after: number, limit: number): Promise<DelegationView[]> {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM delegations WHERE (delegant_id = ? OR delegate_id = ?) AND seq > ? ORDER BY seq LIMIT ?`).all(userId, userId, after, limit) as DelegationRow[];
    return rows.map((row) => this.#viewOf(row));
  }

  async invitation(tokenHash: string): Promise<InvitationSnapshot> {
    return this.#invitation(tokenHash);
  }

  async accountByEmail(email: string): Promise<DelegationParty | null> {
    return this.#accountByEmail(email);
  }

  async party(userId: string): Promise<DelegationParty | null> {
    return this.#party(userId);
  }

  async accountKind(userId: string): Promise<string> {
    return (this.db.prepare('SELECT account_kind AS kind FROM users WHERE id = ?').get(userId) as { kind: string } | undefined)?.kind ?? '';
  }

  async specialtyOf(userId: string): Promise<string> {
    return (this.db.prepare('SELECT p.specialty FROM users u LEFT JOIN directory_professionals p ON p.id = u.directory_id WHERE u.id = ?').get(userId) as { specialty: string | null } | undefined)?.specialty ?? '';
  }

  async hasAssistantContract(userId: string): Promise<boolean> {
    const row = this.db.prepare('SELECT d.assistant_contract AS contract FROM users u JOIN directory_professionals d ON d.id = u.directory_id WHERE u.id = ?').get(userId) as { contract: number } | undefined;
    return row?.contract === 1;
  }

  async practisesInPractice(email: string): Promise<boolean> {
    return (
      this.db
        .prepare("SELECT 1 FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id WHERE u.email = ? AND u.email_verified_at IS NOT NULL AND s.kind = 'cabinet' LIMIT 1")
        .get(email) !== undefined
    );
  }

  async hasLiveDelegation(delegantId: string, delegateEmail: string): Promise<boolean> {
    return (
      this.db
        .prepare("SELECT 1 FROM delegations WHERE delegant_id = ? AND delegate_email = ? AND deleted_at IS NULL AND status IN ('en_cours', 'a_valider', 'validee')")
        .get(delegantId, delegateEmail) !== undefined
    );
  }

  async unansweredSince(before: string): Promise<string[]> {
    return (this.db.prepare("SELECT id FROM delegations WHERE status = 'en_cours' AND deleted_at IS NULL AND created_at < ?").all(before) as { id: string }[]).map((row) => row.id);
  }

  async create(d: NewDelegation): Promise<DelegationView> {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO delegations (id, seq, delegant_id, delegate_id, delegate_email, profile, cpe_card_id, valid_from, valid_until, status, status_since, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'en_cours', ?, ?, ?)`,
        )
        .run(d.id, nextSequence(this.db), d.delegantId, d.delegateId, d.delegateEmail, d.profile, d.cpeCardId, d.validFrom, d.validUntil, d.at, d.at, d.at);
      const insertStructure = this.db.prepare('INSERT INTO delegation_structures (delegation_id, structure_id) VALUES (?, ?)');
      for (const structureId of new Set(d.structureIds)) insertStructure.run(d.id, structureId);
      this.#transition(d.id, d.delegantId, 'create', null, 'en_cours', d.at);
      this.db.prepare('INSERT INTO delegation_invitations (token_hash, delegation_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(d.invitation.tokenHash, d.id, d.at, d.invitation.expiresAt);
      writeAudit(this.db, d.audit);
      return this.#mail(this.#view(d.id)!, d.mails, d.at);
    })();
  }

  async move(move: DelegationMove): Promise<DelegationView> {
    return this.db.transaction(() => this.#move(move))();
  }

  async update(change: DelegationUpdate): Promise<DelegationView> {
    return this.db.transaction(() => {
      const before = this.#view(change.id)!;
      change.check(before);
      this.db.prepare('UPDATE delegations SET valid_from = ?, valid_until = ?, updated_at = ?, seq = ? WHERE id = ?').run(change.validFrom, change.validUntil, change.at, nextSequence(this.db), change.id);
      this.db.prepare('DELETE FROM delegation_structures WHERE delegation_id = ?').run(change.id);
      const insertStructure = this.db.prepare('INSERT INTO delegation_structures (delegation_id, structure_id) VALUES (?, ?)');
      for (const structureId of new Set(change.structureIds)) insertStructure.run(change.id, structureId);
      this.#transition(change.id, change.actorId, 'update', before.row.status, before.row.status, change.at);
      writeAudit(this.db, change.audit(before));
      return this.#mail(this.#view(change.id)!, change.mails, change.at);
    })();
  }

  async remove(id: string, by: string, at: string, audit: AuditEntry, mails: DelegationMails): Promise<DelegationView> {
    return this.db.transaction(() => {
      const { status } = this.#row(id)!;
      this.db.prepare("UPDATE delegations SET deleted_at = ?, deleted_by = ?, deletion_reason = 'deleted', seq = ?, updated_at = ? WHERE id = ?").run(at, by, nextSequence(this.db), at, id);
      this.#closeInvitations(id, at);
      this.#transition(id, by, 'delete', status, null, at);
      writeAudit(this.db, audit);
      return this.#mail(this.#view(id)!, mails, at);
    })();
  }

  async purge(id: string, at: string): Promise<DelegationView | null> {
    return this.db.transaction(() => {
      this.db.prepare("UPDATE delegations SET deleted_at = ?, deletion_reason = 'purged', seq = ?, updated_at = ? WHERE id = ?").run(at, nextSequence(this.db), at, id);
      this.#closeInvitations(id, at);
      this.#transition(id, null, 'purge', 'en_cours', null, at);
      return this.#view(id);
    })();
  }

  async createDelegateAccount(tokenHash: string, account: DelegateAccount, recheck: (snapshot: InvitationSnapshot) => void, move: DelegationMove): Promise<DelegationView> {
    return this.db.transaction(() => {
      recheck(this.#invitation(tokenHash));
      this.db
        .prepare(
          `INSERT INTO users (id, email, role, civility, first_name, last_name, password_hash, created_at, account_kind, email_verified_at, practitioner_number, rpps)
           VALUES (?, ?, 'delegue', ?, ?, ?, ?, ?, 'delegue', ?, ?, ?)`,
        )
        .run(account.userId, account.email, account.civility, account.firstName, account.lastName, account.passwordHash, account.at, account.at, account.practitionerNumber, account.rpps);
      writeAudit(this.db, { at: account.at, actorId: account.userId, action: 'account_created', changes: JSON.stringify({ method: 'delegation_invitation', delegationId: move.id }) });
      return this.#move(move);
    })();
  }

  async openDelegatedSession(userId: string, strongAuth: boolean, delegationId: string, at: Date, audit: AuditEntry): Promise<{ token: string; expiresAt: string }> {
    const opened = createSession(this.db, userId, at, strongAuth, delegationId);
    writeAudit(this.db, audit);
    return opened;
  }

  // ——— inside a transaction ———

  #move(move: DelegationMove): DelegationView {
    if (move.delegateId !== undefined) this.db.prepare('UPDATE delegations SET delegate_id = ? WHERE id = ? AND delegate_id IS NULL').run(move.delegateId, move.id);
    const row = this.#row(move.id)!;
    const to = move.decide(row);
    this.db.prepare('UPDATE delegations SET status = ?, status_since = ?, updated_at = ?, seq = ? WHERE id = ?').run(to, move.at, move.at, nextSequence(this.db), move.id);
    this.#transition(move.id, move.actorId, move.action, row.status, to, move.at);
    const view = this.#mail(this.#view(move.id)!, move.mails, move.at);
    if (move.usesInvitation !== undefined) this.db.prepare('UPDATE delegation_invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL').run(move.at, move.usesInvitation);
    if (move.closesInvitations) this.#closeInvitations(move.id, move.at);
    if (move.audit) writeAudit(this.db, move.audit);
    return view;
  }

  #mail(view: DelegationView, mails: DelegationMails, at: string): DelegationView {
    for (const message of mails(view)) queueMessage(this.db, message, new Date(at));
    return view;
  }

  #closeInvitations(id: string, at: string): void {
    this.db.prepare('UPDATE delegation_invitations SET used_at = COALESCE(used_at, ?) WHERE delegation_id = ?').run(at, id);
  }

  #transition(id: string, actorId: string | null, action: string, from: string | null, to: string | null, at: string): void {
    this.db.prepare('INSERT INTO delegation_transitions (delegation_id, at, actor_id, action, from_status, to_status) VALUES (?, ?, ?, ?, ?, ?)').run(id, at, actorId, action, from, to);
  }

  #invitation(tokenHash: string): InvitationSnapshot {
    const invitation =
      (this.db.prepare('SELECT delegation_id AS delegationId, expires_at AS expiresAt, used_at AS usedAt FROM delegation_invitations WHERE token_hash = ?').get(tokenHash) as InvitationSnapshot['invitation'] | undefined) ?? null;
    const view = invitation ? this.#view(invitation.delegationId) : null;
    const delegate = view ? (view.delegate ?? this.#accountByEmail(view.row.delegateEmail)) : null;
    return { invitation, view, delegate };
  }

  #row(id: string): DelegationRow | null {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM delegations WHERE id = ?`).get(id) as DelegationRow | undefined) ?? null;
  }

  #view(id: string): DelegationView | null {
    const row = this.#row(id);
    return row ? this.#viewOf(row) : null;
  }

  #viewOf(row: DelegationRow): DelegationView {
    const structures = (
      this.db
        .prepare(
          `SELECT s.id, s.name, COALESCE(s.am_number, s.finess, '') AS number, s.street, s.postcode, s.commune
             FROM delegation_structures ds JOIN structures s ON s.id = ds.structure_id WHERE ds.delegation_id = ? ORDER BY s.name`,
        )
        .all(row.id) as { id: string; name: string; number: string; street: string; postcode: string; commune: string }[]
    ).map((s) => ({ id: s.id, name: s.name, number: s.number, address: [s.street, `${s.postcode} ${s.commune.toUpperCase()}`].filter((p) => p.trim()).join(' ') }));
    return { row, delegant: this.#party(row.delegantId), delegate: row.delegateId ? this.#party(row.delegateId) : null, structures };
  }

  #party(userId: string): DelegationParty | null {
    return (this.db.prepare(`SELECT ${PARTY} FROM users WHERE id = ?`).get(userId) as DelegationParty | undefined) ?? null;
  }

  #accountByEmail(email: string): DelegationParty | null {
    return (this.db.prepare(`SELECT ${PARTY} FROM users WHERE email = ? AND email_verified_at IS NOT NULL`).get(email) as DelegationParty | undefined) ?? null;
  }
}
