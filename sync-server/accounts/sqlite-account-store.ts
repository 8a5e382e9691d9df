import type { AccountEvent, AccountKind } from '../../domain/index.ts';
import { revokeResetLinks } from '../auth/sqlite-auth-store.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { queueMessage, type OutgoingMessage } from '../outbox/outbox.ts';
import type { AccountStorage, EmailValidationLink, ExistingAccount, MigrationPlan, MigrationSnapshot, NewAccount, PostalPlan, PostalSnapshot, StrongSnapshot, ValidationOutcome } from './account-storage.ts';
import { SqliteDirectory, STRUCTURE_COLUMNS, type DirectoryProfessional, type DirectoryStructure } from './directory.ts';

/** Accounts on SQLite (`account-storage.ts`): each method one synchronous transaction on the one connection. */
export class SqliteAccountStore implements AccountStorage {
  readonly #directory: SqliteDirectory;

  constructor(private readonly db: SqliteDatabase) {
    this.#directory = new SqliteDirectory(db);
  }

  async structureByNumber(number: string) {
    return this.#directory.structureByNumber(number);
  }
  async professionalByRpps(rpps: string) {
    return this.#directory.professionalByRpps(rpps);
  }
  async liberalOfStructure(structureId: string) {
    return this.#directory.liberalOfStructure(structureId);
  }
  async structuresOf(professionalId: string) {
    return this.#directory.structuresOf(professionalId);
  }
  async structuresOfAccount(userId: string) {
    return this.#directory.structuresOfAccount(userId);
  }

  async existingAccount(professional: DirectoryProfessional | null, structureId: string, accountKind: AccountKind): Promise<ExistingAccount | null> {
    return this.#existingAccount(professional, structureId, accountKind);
  }

  #existingAccount(professional: DirectoryProfessional | null, structureId: string, accountKind: AccountKind): ExistingAccount | null {
    if (professional) {
      return (this.db.prepare('SELECT id, password_temporary_until AS pending FROM users WHERE directory_id = ? OR (rpps IS NOT NULL AND rpps = ?)').get(professional.id, professional.rpps) as ExistingAccount | undefined) ?? null;
    }
    return (
      (this.db
        .prepare('SELECT u.id, u.password_temporary_until AS pending FROM users u JOIN user_structures us ON us.user_id = u.id WHERE us.structure_id = ? AND u.account_kind = ?')
        .get(structureId, accountKind) as ExistingAccount | undefined) ?? null
    );
  }

  async professionalHasAccount(professional: DirectoryProfessional): Promise<boolean> {
    return this.#professionalHasAccount(professional);
  }

  #professionalHasAccount(professional: DirectoryProfessional): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE directory_id = ? OR (rpps IS NOT NULL AND rpps = ?)').get(professional.id, professional.rpps) !== undefined;
  }

  async issueTicket(ticket: Parameters<AccountStorage['issueTicket']>[0]): Promise<void> {
    this.db
      .prepare('INSERT INTO account_tickets (token_hash, professional_id, method, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(ticket.tokenHash, ticket.professionalId, ticket.method, ticket.createdAt, ticket.expiresAt);
  }

  async createStrong(ticketHash: string, email: string, at: Date, decide: (snapshot: StrongSnapshot) => { account: NewAccount; validation: EmailValidationLink }): Promise<NewAccount> {
    const nowIso = at.toISOString();
    return this.db.transaction(() => {
      const ticket = this.db
        .prepare('UPDATE account_tickets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING professional_id AS professionalId, method')
        .get(nowIso, ticketHash, nowIso) as StrongSnapshot['ticket'] | undefined;
      const professional = ticket ? this.#directory.professional(ticket.professionalId) : null;
      const { account, validation } = decide({
        ticket: ticket ?? null,
        professional,
        professionalHasAccount: professional ? this.#professionalHasAccount(professional) : false,
        emailHolders: this.#emailHolders(email),
        structureIds: professional ? this.#directory.structuresOf(professional.id).map((s) => s.id) : [],
      });
      this.#insertAccount(account);
      this.#issueEmailValidation(validation);
      return account;
    })();
  }

  async createByPost(target: Parameters<AccountStorage['createByPost']>[0], decide: (snapshot: PostalSnapshot) => PostalPlan): Promise<void> {
    this.db.transaction(() => {
      const plan = decide({ existing: this.#existingAccount(target.professional, target.structureId, target.accountKind), emailHolders: this.#emailHolders(target.email) });
      if (plan.renewed) {
        const { id, email, passwordHash, temporaryUntil } = plan.renewed;
        this.db
          .prepare('UPDATE users SET email = ?, email_verified_at = NULL, password_hash = ?, password_temporary_until = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?')
          .run(email, passwordHash, temporaryUntil, id);
      }
      if (plan.account) this.#insertAccount(plan.account);
      this.#issueEmailValidation(plan.validation);
      queueMessage(this.db, plan.letter, new Date(plan.validation.createdAt));
    })();
  }

  async issueEmailValidation(link: EmailValidationLink): Promise<void> {
    this.db.transaction(() => this.#issueEmailValidation(link))();
  }

  #issueEmailValidation(link: EmailValidationLink): void {
    // A newer link replaces the older ones of the same purpose.
    this.db.prepare('UPDATE email_validations SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL').run(link.createdAt, link.userId, link.purpose);
    this.db
      .prepare('INSERT INTO email_validations (token_hash, user_id, email, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(link.tokenHash, link.userId, link.email, link.purpose, link.createdAt, link.expiresAt);
    queueMessage(this.db, link.message, new Date(link.createdAt));
  }

  async validateEmail(tokenHash: string, at: Date, changeNotice: (previousEmail: string, newEmail: string) => OutgoingMessage | null): Promise<ValidationOutcome> {
    const nowIso = at.toISOString();
    const validate = this.db.transaction((): ValidationOutcome => {
      const row = this.db
        .prepare('UPDATE email_validations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id AS userId, email, purpose')
        .get(nowIso, tokenHash, nowIso) as { userId: string; email: string; purpose: 'creation' | 'change' } | undefined;
      if (!row) return { status: 'invalid' };
      if (this.#emailHolders(row.email).some((id) => id !== row.userId)) {
        // Nothing of this transaction is kept: the link stays usable should the other account give the address up.
        throw new TakenAddress();
      }
      const previous = this.db.prepare('SELECT email FROM users WHERE id = ?').get(row.userId) as { email: string } | undefined;
      if (!previous) return { status: 'invalid' };
      this.db.prepare('UPDATE users SET email = ?, email_verified_at = ? WHERE id = ?').run(row.email, nowIso, row.userId);
      if (row.purpose === 'change') {
        this.db.prepare("INSERT INTO audit (at, actor_id, action, changes) VALUES (?, ?, 'email_change', '{}')").run(nowIso, row.userId);
        const notice = changeNotice(previous.email, row.email);
        if (notice) queueMessage(this.db, notice, at);
      }
      return { status: 'validated', ...row, previousEmail: previous.email };
    });
    try {
      return validate();
    } catch (error) {
      if (error instanceof TakenAddress) return { status: 'taken' };
      throw error;
    }
  }

  async profile(userId: string, now: Date) {
    const row = this.db
      .prepare(
        `SELECT u.id, u.civility, u.first_name AS firstName, u.last_name AS lastName, u.role, u.rpps, u.account_kind AS accountKind,
                u.email, u.email_verified_at IS NOT NULL AS emailVerified, u.preferences, COALESCE(p.specialty, '') AS specialty,
                p.contract_status AS contractStatus, COALESCE(p.approvals, '[]') AS approvals
           FROM users u LEFT JOIN directory_professionals p ON p.id = u.directory_id WHERE u.id = ?`,
      )
      .get(userId) as (Record<string, unknown> & { emailVerified: number; preferences: string }) | undefined;
    if (!row) return null;
    const pending = this.db
      .prepare("SELECT email FROM email_validations WHERE user_id = ? AND purpose = 'change' AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1")
      .get(userId, now.toISOString()) as { email: string } | undefined;
    return { ...row, emailVerified: row.emailVerified === 1, pendingEmail: pending?.email ?? null } as Awaited<ReturnType<AccountStorage['profile']>>;
  }

  async events(userId: string, actions: readonly string[], limit: number): Promise<AccountEvent[]> {
    return this.db
      .prepare(`SELECT at, action FROM audit WHERE actor_id = ? AND on_behalf_of_id IS NULL AND action IN (${actions.map(() => '?').join(', ')}) ORDER BY seq DESC LIMIT ?`)
      .all(userId, ...actions, limit) as AccountEvent[];
  }

  async credentials(userId: string) {
    const row = this.db
      .prepare('SELECT email, email_verified_at IS NOT NULL AS verified, password_hash AS passwordHash, password_temporary_until AS temporaryUntil FROM users WHERE id = ?')
      .get(userId) as { email: string; verified: number; passwordHash: string; temporaryUntil: string | null } | undefined;
    return row ? { ...row, verified: row.verified === 1 } : null;
  }

  async emailHolders(email: string): Promise<string[]> {
    return this.#emailHolders(email);
  }

  #emailHolders(email: string): string[] {
    return (this.db.prepare('SELECT id FROM users WHERE email = ? AND email_verified_at IS NOT NULL').all(email) as { id: string }[]).map((row) => row.id);
  }

  async changePassword(userId: string, passwordHash: string, keptTokenHash: string, at: Date): Promise<void> {
    const nowIso = at.toISOString();
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ?, password_temporary_until = NULL, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(passwordHash, userId);
      revokeResetLinks(this.db, userId, at);
      this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash <> ?').run(nowIso, userId, keptTokenHash);
      this.db.prepare("INSERT INTO audit (at, actor_id, action, changes) VALUES (?, ?, 'password_change', '{}')").run(nowIso, userId);
    })();
  }

  async savePreferences(userId: string, preferences: string): Promise<void> {
    this.db.prepare('UPDATE users SET preferences = ? WHERE id = ?').run(preferences, userId);
  }

  async welcomed(userId: string, at: Date): Promise<void> {
    this.db.prepare('UPDATE users SET welcomed_at = COALESCE(welcomed_at, ?) WHERE id = ?').run(at.toISOString(), userId);
  }

  async migrate(userId: string, newEmail: string, at: Date, decide: (snapshot: MigrationSnapshot) => MigrationPlan | null): Promise<MigrationPlan | null> {
    const nowIso = at.toISOString();
    return this.db.transaction(() => {
      const account = this.db.prepare('SELECT account_kind AS accountKind, email FROM users WHERE id = ?').get(userId) as { accountKind: string; email: string } | undefined;
      if (!account) return null;
      const structure =
        (this.db.prepare(`SELECT ${STRUCTURE_COLUMNS} FROM structures s JOIN user_structures us ON us.structure_id = s.id WHERE us.user_id = ? ORDER BY s.name LIMIT 1`).get(userId) as
          | DirectoryStructure
          | undefined) ?? null;
      const administrativeAccountExists =
        structure !== null &&
        this.db
          .prepare("SELECT 1 FROM users a JOIN user_structures us ON us.user_id = a.id WHERE us.structure_id = ? AND a.account_kind = 'administratif' AND a.id <> ?")
          .get(structure.id, userId) !== undefined;
      const migration = (this.db.prepare('SELECT situation, account_kind AS accountKind FROM account_migrations WHERE user_id = ?').get(userId) as MigrationSnapshot['migration'] | undefined) ?? null;
      const plan = decide({ ...account, structure, administrativeAccountExists, migration, emailHolders: newEmail ? this.#emailHolders(newEmail) : [] });
      if (!plan) return null;
      const changed = plan.administrativeName
        ? this.db
            .prepare("UPDATE users SET account_kind = ?, rpps = NULL, directory_id = NULL, civility = '', first_name = '', last_name = ?, gender = '' WHERE id = ? AND account_kind = 'ancien'")
            .run(plan.accountKind, plan.administrativeName, userId)
        : this.db.prepare("UPDATE users SET account_kind = ? WHERE id = ? AND account_kind = 'ancien'").run(plan.accountKind, userId);
      if (changed.changes === 0) return null;
      this.db
        .prepare('INSERT INTO account_migrations (user_id, structure_id, situation, sign_in, account_kind, migrated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(userId, plan.structureId, plan.situation, plan.signIn, plan.accountKind, nowIso);
      this.db
        .prepare("INSERT INTO audit (at, actor_id, structure_id, action, changes) VALUES (?, ?, ?, 'account_migrated', ?)")
        .run(nowIso, userId, plan.structureId, JSON.stringify({ situation: plan.situation, signIn: plan.signIn, accountKind: ['ancien', plan.accountKind] }));
      queueMessage(this.db, plan.notice, at);
      if (plan.validation) this.#issueEmailValidation(plan.validation);
      return plan;
    })();
  }

  async acknowledgeMigration(userId: string, at: Date): Promise<boolean> {
    return this.db.prepare('UPDATE account_migrations SET acknowledged_at = COALESCE(acknowledged_at, ?) WHERE user_id = ?').run(at.toISOString(), userId).changes > 0;
  }

  #insertAccount(account: NewAccount): void {
    this.db
      .prepare(
        `INSERT INTO users (id, email, role, civility, first_name, last_name, rpps, password_hash, created_at, directory_id, account_kind, password_temporary_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        account.id,
        account.email,
        account.role,
        account.civility,
        account.firstName,
        account.lastName,
        account.rpps,
        account.passwordHash,
        account.createdAt,
        account.directoryId,
        account.accountKind,
        account.temporaryUntil,
      );
    const member = this.db.prepare('INSERT INTO user_structures (user_id, structure_id) VALUES (?, ?)');
    for (const structureId of account.structureIds) member.run(account.id, structureId);
    this.db.prepare("INSERT INTO audit (at, actor_id, action, changes) VALUES (?, ?, 'account_created', ?)").run(account.createdAt, account.id, account.auditChanges);
  }
}

/** Thrown inside a validation's transaction to roll it back: the address became another account's identifier. */
class TakenAddress extends Error {}

