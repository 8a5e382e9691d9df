import type pg from 'pg';
import type { AccountEvent, AccountKind } from '../../domain/index.ts';
import { revokePostgresResetLinks } from '../auth/postgres-auth-store.ts';
import { transaction } from '../db/postgres/sequenced-transaction.ts';
import type { OutgoingMessage } from '../outbox/outbox.ts';
import { queuePostgresMessages } from '../outbox/postgres-outbox.ts';
import type { AccountStorage, EmailValidationLink, ExistingAccount, MigrationPlan, MigrationSnapshot, NewAccount, PostalPlan, PostalSnapshot, StrongSnapshot, ValidationOutcome } from './account-storage.ts';
import type { DirectoryProfessional, DirectoryStructure } from './directory.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

const STRUCTURE_COLUMNS = `s.id, s.kind, s.name, s.am_number AS "amNumber", s.finess, s.street, s.postcode, s.commune, s.insurer_office AS "insurerOffice", s.phone, s.approvals`;
const PROFESSIONAL_COLUMNS = `p.id, p.rpps, p.role, p.practice, p.civility, p.first_name AS "firstName", p.last_name AS "lastName", p.specialty, p.security_key_hash AS "securityKeyHash"`;

/**
 * Accounts on PostgreSQL (`account-storage.ts`), shared by every instance. The races a single
 * SQLite writer never met are decided by row locks inside each transaction: two creations for
 * one professional or one structure take turns on its directory row (`FOR UPDATE`), so the second
 * sees the first's account; two accounts validating one address take turns on a lock of that
 * address (`pg_advisory_xact_lock`), so only one makes it its identifier; a ticket or a link is
 * used by one conditional UPDATE.
 */
export class PostgresAccountStore implements AccountStorage {
  constructor(private readonly pool: pg.Pool) {}

  async structureByNumber(number: string): Promise<DirectoryStructure | null> {
    return (await this.pool.query<DirectoryStructure>(`SELECT ${STRUCTURE_COLUMNS} FROM structures s WHERE s.am_number = $1 OR s.finess = $1 LIMIT 1`, [number])).rows[0] ?? null;
  }

  async professionalByRpps(rpps: string): Promise<DirectoryProfessional | null> {
    return (await this.pool.query<DirectoryProfessional>(`SELECT ${PROFESSIONAL_COLUMNS} FROM directory_professionals p WHERE p.rpps = $1`, [rpps])).rows[0] ?? null;
  }

  async liberalOfStructure(structureId: string): Promise<DirectoryProfessional | null> {
    const { rows } = await this.pool.query<DirectoryProfessional>(
      `SELECT ${PROFESSIONAL_COLUMNS} FROM directory_professionals p JOIN directory_memberships m ON m.professional_id = p.id
        WHERE m.structure_id = $1 AND p.practice = 'liberal' ORDER BY p.id COLLATE "C" LIMIT 1`,
      [structureId],
    );
    return rows[0] ?? null;
  }

  structuresOf(professionalId: string): Promise<DirectoryStructure[]> {
    return structuresOf(this.pool, professionalId);
  }

  async structuresOfAccount(userId: string): Promise<DirectoryStructure[]> {
    const { rows } = await this.pool.query<DirectoryStructure>(
      `SELECT ${STRUCTURE_COLUMNS} FROM structures s JOIN user_structures us ON us.structure_id = s.id WHERE us.user_id = $1 ORDER BY s.name COLLATE "C"`,
      [userId],
    );
    return rows;
  }

  existingAccount(professional: DirectoryProfessional | null, structureId: string, accountKind: AccountKind): Promise<ExistingAccount | null> {
    return existingAccount(this.pool, professional, structureId, accountKind);
  }

  professionalHasAccount(professional: DirectoryProfessional): Promise<boolean> {
    return professionalHasAccount(this.pool, professional);
  }

  async issueTicket(ticket: Parameters<AccountStorage['issueTicket']>[0]): Promise<void> {
    await this.pool.query('INSERT INTO account_tickets (token_hash, professional_id, method, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      ticket.tokenHash,
      ticket.professionalId,
      ticket.method,
      ticket.createdAt,
      ticket.expiresAt,
    ]);
  }

  createStrong(ticketHash: string, email: string, at: Date, decide: (snapshot: StrongSnapshot) => { account: NewAccount; validation: EmailValidationLink }): Promise<NewAccount> {
    const nowIso = at.toISOString();
    return transaction(this.pool, async (client) => {
      const { rows } = await client.query<NonNullable<StrongSnapshot['ticket']>>(
        'UPDATE account_tickets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING professional_id AS "professionalId", method',
        [nowIso, ticketHash],
      );
      const ticket = rows[0] ?? null;
      // Creations for one professional take turns on its directory row: the second sees the first's account.
      const professional = ticket
        ? ((await client.query<DirectoryProfessional>(`SELECT ${PROFESSIONAL_COLUMNS} FROM directory_professionals p WHERE p.id = $1 FOR UPDATE`, [ticket.professionalId])).rows[0] ?? null)
        : null;
      const { account, validation } = decide({
        ticket,
        professional,
        professionalHasAccount: professional ? await professionalHasAccount(client, professional) : false,
        emailHolders: await emailHolders(client, email),
        structureIds: professional ? (await structuresOf(client, professional.id)).map((s) => s.id) : [],
      });
      await insertAccount(client, account);
      await issueEmailValidation(client, this.pool, validation);
      return account;
    });
  }

  createByPost(target: Parameters<AccountStorage['createByPost']>[0], decide: (snapshot: PostalSnapshot) => PostalPlan): Promise<void> {
    return transaction(this.pool, async (client) => {
      // Creations for one structure (or its practitioner) take turns on its directory rows.
      await client.query('SELECT 1 FROM structures WHERE id = $1 FOR UPDATE', [target.structureId]);
      if (target.professional) await client.query('SELECT 1 FROM directory_professionals WHERE id = $1 FOR UPDATE', [target.professional.id]);
      const plan = decide({
        existing: await existingAccount(client, target.professional, target.structureId, target.accountKind),
        emailHolders: await emailHolders(client, target.email),
      });
      if (plan.renewed) {
        const { id, email, passwordHash, temporaryUntil } = plan.renewed;
        await client.query(
          'UPDATE users SET email = $1, email_verified_at = NULL, password_hash = $2, password_temporary_until = $3, failed_attempts = 0, locked_until = NULL WHERE id = $4',
          [email, passwordHash, temporaryUntil, id],
        );
      }
      if (plan.account) await insertAccount(client, plan.account);
      await issueEmailValidation(client, this.pool, plan.validation);
      await queuePostgresMessages(client, this.pool, [plan.letter], plan.validation.createdAt);
    });
  }

  issueEmailValidation(link: EmailValidationLink): Promise<void> {
    return transaction(this.pool, (client) => issueEmailValidation(client, this.pool, link));
  }

  validateEmail(tokenHash: string, at: Date, changeNotice: (previousEmail: string, newEmail: string) => OutgoingMessage | null): Promise<ValidationOutcome> {
    const nowIso = at.toISOString();
    return transaction(this.pool, async (client): Promise<ValidationOutcome> => {
      const { rows } = await client.query<{ userId: string; email: string; purpose: 'creation' | 'change' }>(
        'SELECT user_id AS "userId", email, purpose FROM email_validations WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE',
        [tokenHash, nowIso],
      );
      const row = rows[0];
      if (!row) return { status: 'invalid' };
      // Accounts validating one address take turns: the second sees the first's identifier.
      await client.query('SELECT pg_advisory_xact_lock(hashtext(lower($1)))', [row.email]);
      if ((await emailHolders(client, row.email)).some((id) => id !== row.userId)) return { status: 'taken' };
      const previous = (await client.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [row.userId])).rows[0];
      if (!previous) return { status: 'invalid' };
      await client.query('UPDATE email_validations SET used_at = $1 WHERE token_hash = $2', [nowIso, tokenHash]);
      await client.query('UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3', [row.email, nowIso, row.userId]);
      if (row.purpose === 'change') {
        await client.query("INSERT INTO audit (at, actor_id, action, changes) VALUES ($1, $2, 'email_change', '{}')", [nowIso, row.userId]);
        const notice = changeNotice(previous.email, row.email);
        if (notice) await queuePostgresMessages(client, this.pool, [notice], nowIso);
      }
      return { status: 'validated', ...row, previousEmail: previous.email };
    });
  }

  async profile(userId: string, now: Date) {
    const { rows } = await this.pool.query(
      `SELECT u.id, u.civility, u.first_name AS "firstName", u.last_name AS "lastName", u.role, u.rpps, u.account_kind AS "accountKind",
              u.email, u.email_verified_at IS NOT NULL AS "emailVerified", u.preferences, COALESCE(p.specialty, '') AS specialty,
              p.contract_status AS "contractStatus", COALESCE(p.approvals, '[]') AS approvals,
              (SELECT v.email FROM email_validations v WHERE v.user_id = u.id AND v.purpose = 'change' AND v.used_at IS NULL AND v.expires_at > $2
                ORDER BY v.created_at DESC LIMIT 1) AS "pendingEmail"
         FROM users u LEFT JOIN directory_professionals p ON p.id = u.directory_id WHERE u.id = $1`,
      [userId, now.toISOString()],
    );
    return (rows[0] as Awaited<ReturnType<AccountStorage['profile']>>) ?? null;
  }

  async events(userId: string, actions: readonly string[], limit: number): Promise<AccountEvent[]> {
    const { rows } = await this.pool.query<AccountEvent>(
      'SELECT at, action FROM audit WHERE actor_id = $1 AND on_behalf_of_id IS NULL AND action = ANY($2::text[]) ORDER BY seq DESC LIMIT $3',
      [userId, actions, limit],
    );
    return rows;
  }

  async credentials(userId: string) {
    const { rows } = await this.pool.query<{ email: string; verified: boolean; passwordHash: string; temporaryUntil: string | null }>(
      'SELECT email, email_verified_at IS NOT NULL AS verified, password_hash AS "passwordHash", password_temporary_until AS "temporaryUntil" FROM users WHERE id = $1',
      [userId],
    );
    return rows[0] ?? null;
  }

  emailHolders(email: string): Promise<string[]> {
    return emailHolders(this.pool, email);
  }

  changePassword(userId: string, passwordHash: string, keptTokenHash: string, at: Date): Promise<void> {
    const nowIso = at.toISOString();
    return transaction(this.pool, async (client) => {
      await client.query('UPDATE users SET password_hash = $1, password_temporary_until = NULL, failed_attempts = 0, locked_until = NULL WHERE id = $2', [passwordHash, userId]);
      await revokePostgresResetLinks(client, userId, nowIso);
      await client.query('UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND token_hash <> $3', [nowIso, userId, keptTokenHash]);
      await client.query("INSERT INTO audit (at, actor_id, action, changes) VALUES ($1, $2, 'password_change', '{}')", [nowIso, userId]);
    });
  }

  async savePreferences(userId: string, preferences: string): Promise<void> {
    await this.pool.query('UPDATE users SET preferences = $1 WHERE id = $2', [preferences, userId]);
  }

  async welcomed(userId: string, at: Date): Promise<void> {
    await this.pool.query('UPDATE users SET welcomed_at = COALESCE(welcomed_at, $1) WHERE id = $2', [at.toISOString(), userId]);
  }

  migrate(userId: string, newEmail: string, at: Date, decide: (snapshot: MigrationSnapshot) => MigrationPlan | null): Promise<MigrationPlan | null> {
    const nowIso = at.toISOString();
    return transaction(this.pool, async (client) => {
      // Two sign-ins of one account take turns on its row; the structure's row is the one account
      // creations by post lock too, so an administrative account is never made twice at once.
      const account = (await client.query<{ accountKind: string; email: string }>('SELECT account_kind AS "accountKind", email FROM users WHERE id = $1 FOR UPDATE', [userId])).rows[0];
      if (!account) return null;
      const structure =
        (
          await client.query<DirectoryStructure>(
            `SELECT ${STRUCTURE_COLUMNS} FROM structures s JOIN user_structures us ON us.structure_id = s.id WHERE us.user_id = $1 ORDER BY s.name COLLATE "C" LIMIT 1 FOR UPDATE OF s`,
            [userId],
          )
        ).rows[0] ?? null;
      const administrativeAccountExists =
        structure !== null &&
        ((
          await client.query(
            "SELECT 1 FROM users a JOIN user_structures us ON us.user_id = a.id WHERE us.structure_id = $1 AND a.account_kind = 'administratif' AND a.id <> $2 LIMIT 1",
            [structure.id, userId],
          )
        ).rowCount ?? 0) > 0;
      const migration = (await client.query<NonNullable<MigrationSnapshot['migration']>>('SELECT situation, account_kind AS "accountKind" FROM account_migrations WHERE user_id = $1', [userId])).rows[0] ?? null;
      const plan = decide({ ...account, structure, administrativeAccountExists, migration, emailHolders: newEmail ? await emailHolders(client, newEmail) : [] });
      if (!plan) return null;
      const changed = plan.administrativeName
        ? await client.query(
            "UPDATE users SET account_kind = $1, rpps = NULL, directory_id = NULL, civility = '', first_name = '', last_name = $2, gender = '' WHERE id = $3 AND account_kind = 'ancien'",
            [plan.accountKind, plan.administrativeName, userId],
          )
        : await client.query("UPDATE users SET account_kind = $1 WHERE id = $2 AND account_kind = 'ancien'", [plan.accountKind, userId]);
      if ((changed.rowCount ?? 0) === 0) return null;
      await client.query('INSERT INTO account_migrations (user_id, structure_id, situation, sign_in, account_kind, migrated_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        userId,
        plan.structureId,
        plan.situation,
        plan.signIn,
        plan.accountKind,
        nowIso,
      ]);
      await client.query("INSERT INTO audit (at, actor_id, structure_id, action, changes) VALUES ($1, $2, $3, 'account_migrated', $4)", [
        nowIso,
        userId,
        plan.structureId,
        JSON.stringify({ situation: plan.situation, signIn: plan.signIn, accountKind: ['ancien', plan.accountKind] }),
      ]);
      await queuePostgresMessages(client, this.pool, [plan.notice], nowIso);
      if (plan.validation) await issueEmailValidation(client, this.pool, plan.validation);
      return plan;
    });
  }

  async acknowledgeMigration(userId: string, at: Date): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE account_migrations SET acknowledged_at = COALESCE(acknowledged_at, $1) WHERE user_id = $2', [at.toISOString(), userId]);
    return (rowCount ?? 0) > 0;
  }
}

async function structuresOf(db: Queryable, professionalId: string): Promise<DirectoryStructure[]> {
  const { rows } = await db.query<DirectoryStructure>(
    `SELECT ${STRUCTURE_COLUMNS} FROM structures s JOIN directory_memberships m ON m.structure_id = s.id WHERE m.professional_id = $1 ORDER BY s.name COLLATE "C"`,
    [professionalId],
  );
  return rows;
}

async function existingAccount(db: Queryable, professional: DirectoryProfessional | null, structureId: string, accountKind: AccountKind): Promise<ExistingAccount | null> {
  const { rows } = professional
    ? await db.query<ExistingAccount>('SELECT id, password_temporary_until AS pending FROM users WHERE directory_id = $1 OR (rpps IS NOT NULL AND rpps = $2) LIMIT 1', [professional.id, professional.rpps])
    : await db.query<ExistingAccount>(
        'SELECT u.id, u.password_temporary_until AS pending FROM users u JOIN user_structures us ON us.user_id = u.id WHERE us.structure_id = $1 AND u.account_kind = $2 LIMIT 1',
        [structureId, accountKind],
      );
  return rows[0] ?? null;
}

async function professionalHasAccount(db: Queryable, professional: DirectoryProfessional): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM users WHERE directory_id = $1 OR (rpps IS NOT NULL AND rpps = $2) LIMIT 1', [professional.id, professional.rpps]);
  return (rowCount ?? 0) > 0;
}

async function emailHolders(db: Queryable, email: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1) AND email_verified_at IS NOT NULL', [email]);
  return rows.map((row) => row.id);
}

async function issueEmailValidation(client: Queryable, pool: pg.Pool, link: EmailValidationLink): Promise<void> {
  // A newer link replaces the older ones of the same purpose.
  await client.query('UPDATE email_validations SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL', [link.createdAt, link.userId, link.purpose]);
  await client.query('INSERT INTO email_validations (token_hash, user_id, email, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    link.tokenHash,
    link.userId,
    link.email,
    link.purpose,
    link.createdAt,
    link.expiresAt,
  ]);
  await queuePostgresMessages(client, pool, [link.message], link.createdAt);
}

async function insertAccount(client: Queryable, account: NewAccount): Promise<void> {
  await client.query(
    `INSERT INTO users (id, email, role, civility, first_name, last_name, rpps, password_hash, created_at, directory_id, account_kind, password_temporary_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
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
    ],
  );
  await client.query('INSERT INTO user_structures (user_id, structure_id) SELECT $1, unnest($2::text[])', [account.id, account.structureIds]);
  await client.query("INSERT INTO audit (at, actor_id, action, changes) VALUES ($1, $2, 'account_created', $3)", [account.createdAt, account.id, account.auditChanges]);
}
