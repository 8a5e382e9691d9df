import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashToken, SESSION_LIFETIME_MS } from '../auth/sessions.ts';
import { changesOfOtherInstances, notifyChanges, type ChangeNoticeListener } from '../db/postgres/change-notices.ts';
import { sequencedTransaction, transaction, type SequencedTransaction } from '../db/postgres/sequenced-transaction.ts';
import { queuePostgresMessages } from '../outbox/postgres-outbox.ts';
import { writePostgresAudits } from '../storage/postgres-audit.ts';
import type { AuditEntry, ChangesOfOtherInstances } from '../storage/storage.ts';
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

const COLLECTION = 'delegations';
const COLUMNS = `id, seq, delegant_id AS "delegantId", delegate_id AS "delegateId", delegate_email AS "delegateEmail", profile, cpe_card_id AS "cpeCardId",
  valid_from AS "validFrom", valid_until AS "validUntil", status, status_since AS "statusSince", created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"`;
const PARTY = 'id, civility, first_name AS "firstName", last_name AS "lastName", email, gender';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** A delegation's change goes to both parties (`delegationChangeKeys`). */
const parties = (row: DelegationRow) => [row.delegantId, ...(row.delegateId ? [row.delegateId] : [])];

/**
 * `DelegationStorage` on PostgreSQL (issue 19): the same tables as SQLite's store. Every write
 * is one sequenced transaction (`db/postgres/sequenced-transaction.ts`) in which its transition is
 * decided on the row as stored, its e-mails queued (`outbox/postgres-outbox.ts`) and the other
 * instances told (`db/postgres/change-notices.ts`); a purge writes only a delegation still
 * unanswered, so instances purging at once purge each one once.
 */
export class PostgresDelegationStore implements DelegationStorage {
  readonly instance: string;
  readonly otherInstances?: ChangesOfOtherInstances<DelegationView>;

  /** `listener`: this instance's LISTEN connection, when other instances share the database. */
  constructor(
    private readonly pool: pg.Pool,
    listener?: ChangeNoticeListener,
  ) {
    this.instance = listener?.instance ?? randomUUID();
    if (listener) this.otherInstances = changesOfOtherInstances(listener, COLLECTION, async (ids) => new Map((await this.#views(this.pool, ids)).map((view) => [view.row.id, view])));
  }

  async view(id: string): Promise<DelegationView | null> {
    return (await this.#views(this.pool, [id]))[0] ?? null;
  }

  async viewsOf(userId: string, after: number, limit: number): Promise<DelegationView[]> {
    const { rows } = await this.pool.query<DelegationRow>(`SELECT ${COLUMNS} FROM delegations WHERE (delegant_id = $1 OR delegate_id = $1) AND seq > $2 ORDER BY seq LIMIT $3`, [userId, after, limit]);
    return this.#viewsOf(this.pool, rows);
  }

  async invitation(tokenHash: string): Promise<InvitationSnapshot> {
    return this.#invitation(this.pool, tokenHash);
  }

  async accountByEmail(email: string): Promise<DelegationParty | null> {
    return this.#accountByEmail(this.pool, email);
  }

  async party(userId: string): Promise<DelegationParty | null> {
    return (await this.pool.query<DelegationParty>(`SELECT ${PARTY} FROM users WHERE id = $1`, [userId])).rows[0] ?? null;
  }

  async accountKind(userId: string): Promise<string> {
    return (await this.pool.query<{ kind: string }>('SELECT account_kind AS kind FROM users WHERE id = $1', [userId])).rows[0]?.kind ?? '';
  }

  async specialtyOf(userId: string): Promise<string> {
    return (await this.pool.query<{ specialty: string | null }>('SELECT p.specialty FROM users u LEFT JOIN directory_professionals p ON p.id = u.directory_id WHERE u.id = $1', [userId])).rows[0]?.specialty ?? '';
  }

  async hasAssistantContract(userId: string): Promise<boolean> {
    return (await this.pool.query<{ contract: number }>('SELECT d.assistant_contract AS contract FROM users u JOIN directory_professionals d ON d.id = u.directory_id WHERE u.id = $1', [userId])).rows[0]?.contract === 1;
  }

  async practisesInPractice(email: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      "SELECT 1 FROM users u JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id WHERE lower(u.email) = lower($1) AND u.email_verified_at IS NOT NULL AND s.kind = 'cabinet' LIMIT 1",
      [email],
    );
    return (rowCount ?? 0) > 0;
  }

  async hasLiveDelegation(delegantId: string, delegateEmail: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      "SELECT 1 FROM delegations WHERE delegant_id = $1 AND lower(delegate_email) = lower($2) AND deleted_at IS NULL AND status IN ('en_cours', 'a_valider', 'validee') LIMIT 1",
      [delegantId, delegateEmail],
    );
    return (rowCount ?? 0) > 0;
  }

  async unansweredSince(before: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>("SELECT id FROM delegations WHERE status = 'en_cours' AND deleted_at IS NULL AND created_at < $1", [before]);
    return rows.map((row) => row.id);
  }

  async create(d: NewDelegation): Promise<DelegationView> {
    return this.#write(async (tx) => {
      await tx.client.query(
        `INSERT INTO delegations (id, seq, delegant_id, delegate_id, delegate_email, profile, cpe_card_id, valid_from, valid_until, status, status_since, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'en_cours', $10, $10, $10)`,
        [d.id, tx.nextSequence(), d.delegantId, d.delegateId, d.delegateEmail, d.profile, d.cpeCardId, d.validFrom, d.validUntil, d.at],
      );
      await this.#structures(tx.client, d.id, d.structureIds);
      await this.#transition(tx.client, d.id, d.delegantId, 'create', null, 'en_cours', d.at);
      await tx.client.query('INSERT INTO delegation_invitations (token_hash, delegation_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [d.invitation.tokenHash, d.id, d.at, d.invitation.expiresAt]);
      await writePostgresAudits(tx.client, [d.audit]);
      return this.#mail(tx.client, d.id, d.mails, d.at);
    });
  }

  async move(move: DelegationMove): Promise<DelegationView> {
    return this.#write((tx) => this.#move(tx, move));
  }

  async update(change: DelegationUpdate): Promise<DelegationView> {
    return this.#write(async (tx) => {
      const before = (await this.#views(tx.client, [change.id]))[0]!;
      change.check(before);
      await tx.client.query('UPDATE delegations SET valid_from = $1, valid_until = $2, updated_at = $3, seq = $4 WHERE id = $5', [change.validFrom, change.validUntil, change.at, tx.nextSequence(), change.id]);
      await tx.client.query('DELETE FROM delegation_structures WHERE delegation_id = $1', [change.id]);
      await this.#structures(tx.client, change.id, change.structureIds);
      await this.#transition(tx.client, change.id, change.actorId, 'update', before.row.status, before.row.status, change.at);
      await writePostgresAudits(tx.client, [change.audit(before)]);
      return this.#mail(tx.client, change.id, change.mails, change.at);
    });
  }

  async remove(id: string, by: string, at: string, audit: AuditEntry, mails: DelegationMails): Promise<DelegationView> {
    return this.#write(async (tx) => {
      const { rows } = await tx.client.query<{ status: string }>('SELECT status FROM delegations WHERE id = $1', [id]);
      await tx.client.query("UPDATE delegations SET deleted_at = $1, deleted_by = $2, deletion_reason = 'deleted', seq = $3, updated_at = $1 WHERE id = $4", [at, by, tx.nextSequence(), id]);
      await this.#closeInvitations(tx.client, id, at);
      await this.#transition(tx.client, id, by, 'delete', rows[0]!.status, null, at);
      await writePostgresAudits(tx.client, [audit]);
      return this.#mail(tx.client, id, mails, at);
    });
  }

  /** Null when it is no longer unanswered: another instance purged it (or it was answered) first. */
  async purge(id: string, at: string): Promise<DelegationView | null> {
    return this.#write(async (tx) => {
      const purged = await tx.client.query(
        "UPDATE delegations SET deleted_at = $1, deletion_reason = 'purged', seq = $2, updated_at = $1 WHERE id = $3 AND status = 'en_cours' AND deleted_at IS NULL",
        [at, tx.nextSequence(), id],
      );
      if ((purged.rowCount ?? 0) === 0) return null;
      await this.#closeInvitations(tx.client, id, at);
      await this.#transition(tx.client, id, null, 'purge', 'en_cours', null, at);
      return (await this.#views(tx.client, [id]))[0]!;
    });
  }

  async createDelegateAccount(tokenHash: string, account: DelegateAccount, recheck: (snapshot: InvitationSnapshot) => void, move: DelegationMove): Promise<DelegationView> {
    return this.#write(async (tx) => {
      // The change sequence is held: of several creations with one link, the next sees the link used.
      recheck(await this.#invitation(tx.client, tokenHash));
      await tx.client.query(
        `INSERT INTO users (id, email, role, civility, first_name, last_name, password_hash, created_at, account_kind, email_verified_at, practitioner_number, rpps)
         VALUES ($1, $2, 'delegue', $3, $4, $5, $6, $7, 'delegue', $7, $8, $9)`,
        [account.userId, account.email, account.civility, account.firstName, account.lastName, account.passwordHash, account.at, account.practitionerNumber, account.rpps],
      );
      await writePostgresAudits(tx.client, [{ at: account.at, actorId: account.userId, action: 'account_created', changes: JSON.stringify({ method: 'delegation_invitation', delegationId: move.id }) }]);
      return this.#move(tx, move);
    });
  }

  async openDelegatedSession(userId: string, strongAuth: boolean, delegationId: string, at: Date, audit: AuditEntry): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(at.getTime() + SESSION_LIFETIME_MS).toISOString();
    await transaction(this.pool, async (client) => {
      await client.query('INSERT INTO sessions (token_hash, user_id, strong_auth, created_at, expires_at, delegation_id) VALUES ($1, $2, $3, $4, $5, $6)', [
        hashToken(token),
        userId,
        strongAuth ? 1 : 0,
        at.toISOString(),
        expiresAt,
        delegationId,
      ]);
      await writePostgresAudits(client, [audit]);
    });
    return { token, expiresAt };
  }

  // ——— inside a transaction ———

  /** A numbered write whose result is the delegation as written (or null): told to the other instances as it commits. */
  async #write<T extends DelegationView | null>(work: (tx: SequencedTransaction) => Promise<T>): Promise<T> {
    return sequencedTransaction(this.pool, async (tx) => {
      const view = await work(tx);
      if (view) notifyChanges(tx, this.instance, COLLECTION, [{ sequence: view.row.seq, id: view.row.id, keys: parties(view.row) }]);
      return view;
    });
  }

  async #move(tx: SequencedTransaction, move: DelegationMove): Promise<DelegationView> {
    if (move.delegateId !== undefined) await tx.client.query('UPDATE delegations SET delegate_id = $1 WHERE id = $2 AND delegate_id IS NULL', [move.delegateId, move.id]);
    const { rows } = await tx.client.query<DelegationRow>(`SELECT ${COLUMNS} FROM delegations WHERE id = $1`, [move.id]);
    const row = rows[0]!;
    const to = move.decide(row);
    await tx.client.query('UPDATE delegations SET status = $1, status_since = $2, updated_at = $2, seq = $3 WHERE id = $4', [to, move.at, tx.nextSequence(), move.id]);
    await this.#transition(tx.client, move.id, move.actorId, move.action, row.status, to, move.at);
    const view = await this.#mail(tx.client, move.id, move.mails, move.at);
    if (move.usesInvitation !== undefined) await tx.client.query('UPDATE delegation_invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL', [move.at, move.usesInvitation]);
    if (move.closesInvitations) await this.#closeInvitations(tx.client, move.id, move.at);
    if (move.audit) await writePostgresAudits(tx.client, [move.audit]);
    return view;
  }

  /** The delegation as written, its e-mails queued. */
  async #mail(client: Queryable, id: string, mails: DelegationMails, at: string): Promise<DelegationView> {
    const view = (await this.#views(client, [id]))[0]!;
    await queuePostgresMessages(client, this.pool, mails(view), at);
    return view;
  }

  async #structures(client: Queryable, id: string, structureIds: readonly string[]): Promise<void> {
    await client.query('INSERT INTO delegation_structures (delegation_id, structure_id) SELECT $1, s FROM unnest($2::text[]) AS s ON CONFLICT DO NOTHING', [id, [...new Set(structureIds)]]);
  }

  async #closeInvitations(client: Queryable, id: string, at: string): Promise<void> {
    await client.query('UPDATE delegation_invitations SET used_at = COALESCE(used_at, $1) WHERE delegation_id = $2', [at, id]);
  }

  async #transition(client: Queryable, id: string, actorId: string | null, action: string, from: string | null, to: string | null, at: string): Promise<void> {
    await client.query('INSERT INTO delegation_transitions (delegation_id, at, actor_id, action, from_status, to_status) VALUES ($1, $2, $3, $4, $5, $6)', [id, at, actorId, action, from, to]);
  }

  async #invitation(client: Queryable, tokenHash: string): Promise<InvitationSnapshot> {
    const { rows } = await client.query<NonNullable<InvitationSnapshot['invitation']>>(
      'SELECT delegation_id AS "delegationId", expires_at AS "expiresAt", used_at AS "usedAt" FROM delegation_invitations WHERE token_hash = $1',
      [tokenHash],
    );
    const invitation = rows[0] ?? null;
    const view = invitation ? ((await this.#views(client, [invitation.delegationId]))[0] ?? null) : null;
    const delegate = view ? (view.delegate ?? (await this.#accountByEmail(client, view.row.delegateEmail))) : null;
    return { invitation, view, delegate };
  }

  async #accountByEmail(client: Queryable, email: string): Promise<DelegationParty | null> {
    return (await client.query<DelegationParty>(`SELECT ${PARTY} FROM users WHERE lower(email) = lower($1) AND email_verified_at IS NOT NULL`, [email])).rows[0] ?? null;
  }

  async #views(client: Queryable, ids: readonly string[]): Promise<DelegationView[]> {
    const { rows } = await client.query<DelegationRow>(`SELECT ${COLUMNS} FROM delegations WHERE id = ANY($1)`, [ids]);
    return this.#viewsOf(client, rows);
  }

  /** The rows with their parties and structures, in the rows' order (two statements whatever their number). */
  async #viewsOf(client: Queryable, rows: readonly DelegationRow[]): Promise<DelegationView[]> {
    if (rows.length === 0) return [];
    const structures = await client.query<{ delegationId: string; id: string; name: string; number: string; street: string; postcode: string; commune: string }>(
      `SELECT ds.delegation_id AS "delegationId", s.id, s.name, COALESCE(s.am_number, s.finess, '') AS number, s.street, s.postcode, s.commune
         FROM delegation_structures ds JOIN structures s ON s.id = ds.structure_id WHERE ds.delegation_id = ANY($1) ORDER BY s.name`,
      [rows.map((row) => row.id)],
    );
    const users = await client.query<DelegationParty>(`SELECT ${PARTY} FROM users WHERE id = ANY($1)`, [[...new Set(rows.flatMap(parties))]]);
    const byUser = new Map(users.rows.map((user) => [user.id, user]));
    return rows.map((row) => ({
      row,
      delegant: byUser.get(row.delegantId) ?? null,
      delegate: row.delegateId ? (byUser.get(row.delegateId) ?? null) : null,
      structures: structures.rows
        .filter((s) => s.delegationId === row.id)
        .map((s) => ({ id: s.id, name: s.name, number: s.number, address: [s.street, `${s.postcode} ${s.commune.toUpperCase()}`].filter((p) => p.trim()).join(' ') })),
    }));
  }
}
