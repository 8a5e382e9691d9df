import type pg from 'pg';
import type { Migration } from '../migrations.ts';

/**
 * The schema on PostgreSQL, versioned in code like SQLite's (`../migrations.ts`): each migration
 * runs once, in order, in a transaction (PostgreSQL's DDL is transactional), and its version is
 * recorded in `schema_migrations`. Several instances starting at once on one database wait for
 * each other on an advisory lock: one migrates, the others find it done.
 *
 * The first version is 13, SQLite's latest when PostgreSQL arrived: the same tables, columns and
 * meaning as SQLite's versions 1 to 13, written for PostgreSQL. A later change of the schema adds
 * the same version to both lists. Translation rules:
 * - times stay ISO-8601 text (`2026-12-07T10:00:00.000Z`), compared as text as on SQLite;
 * - documents stay JSON text, so a pull sends the stored bytes as they are;
 * - 0/1 flags stay integers; SQLite's `INTEGER PRIMARY KEY AUTOINCREMENT` is an identity column;
 * - SQLite's `COLLATE NOCASE` e-mails are compared with `lower(…)`, indexed as such;
 * - `change_sequence` is the same counter: its row lock, held until commit, hands out numbers in
 *   commit order (see `sequenced-transaction.ts`).
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 13,
    description: 'the schema of SQLite\'s versions 1 to 13: structures, users, sessions, audit, outbox, Contact COVID files with their grants, accounts and the directories, delegations, EMS, Pro Santé Connect flows',
    up: `
      CREATE TABLE structures (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('cabinet', 'pharmacie', 'laboratoire', 'centre_sante', 'organisme')),
        name TEXT NOT NULL,
        am_number TEXT UNIQUE,
        finess TEXT UNIQUE,
        postcode TEXT NOT NULL DEFAULT '',
        commune TEXT NOT NULL DEFAULT '',
        street TEXT NOT NULL DEFAULT '',
        insurer_office TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE directory_professionals (
        id TEXT PRIMARY KEY,
        rpps TEXT UNIQUE,
        role TEXT NOT NULL,
        practice TEXT NOT NULL CHECK (practice IN ('liberal', 'salarie', 'structure')),
        civility TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        specialty TEXT NOT NULL DEFAULT '',
        security_key_hash TEXT,
        key_failed_attempts INTEGER NOT NULL DEFAULT 0,
        key_locked_until TEXT,
        assistant_contract INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE directory_memberships (
        professional_id TEXT NOT NULL REFERENCES directory_professionals (id),
        structure_id TEXT NOT NULL REFERENCES structures (id),
        PRIMARY KEY (professional_id, structure_id)
      );
      CREATE INDEX directory_memberships_structure ON directory_memberships (structure_id);
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        civility TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        rpps TEXT,
        password_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        directory_id TEXT REFERENCES directory_professionals (id),
        account_kind TEXT NOT NULL DEFAULT 'liberal',
        email_verified_at TEXT,
        password_temporary_until TEXT,
        welcomed_at TEXT,
        preferences TEXT NOT NULL DEFAULT '{}',
        practitioner_number TEXT NOT NULL DEFAULT '',
        gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'F', 'M'))
      );
      CREATE INDEX users_email ON users (lower(email));
      CREATE UNIQUE INDEX users_directory ON users (directory_id) WHERE directory_id IS NOT NULL;
      CREATE UNIQUE INDEX users_rpps ON users (rpps) WHERE rpps IS NOT NULL;
      CREATE TABLE user_structures (
        user_id TEXT NOT NULL REFERENCES users (id),
        structure_id TEXT NOT NULL REFERENCES structures (id),
        PRIMARY KEY (user_id, structure_id)
      );
      CREATE TABLE audit (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id TEXT,
        on_behalf_of_id TEXT,
        structure_id TEXT,
        action TEXT NOT NULL,
        collection TEXT,
        document_id TEXT,
        changes TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_document ON audit (collection, document_id);
      CREATE TABLE outbox (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        created_at TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('email', 'post')),
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        sent_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at TEXT
      );
      CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_at IS NULL AND channel = 'email';
      CREATE TABLE change_sequence (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
      INSERT INTO change_sequence (name, value) VALUES ('changes', 0);
      CREATE TABLE fiches (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        structure_id TEXT NOT NULL,
        declarant_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        nir TEXT NOT NULL DEFAULT '',
        last_name_key TEXT NOT NULL DEFAULT '',
        first_name_key TEXT NOT NULL DEFAULT '',
        index_case_id TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX fiches_structure_seq ON fiches (structure_id, seq);
      CREATE INDEX fiches_nir ON fiches (nir) WHERE nir <> '';
      CREATE INDEX fiches_names ON fiches (last_name_key, first_name_key);
      CREATE INDEX fiches_index_case ON fiches (index_case_id) WHERE index_case_id <> '';
      CREATE TABLE fiche_access (
        user_id TEXT NOT NULL REFERENCES users (id),
        fiche_id TEXT NOT NULL REFERENCES fiches (id),
        granted_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        seq BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (user_id, fiche_id)
      );
      CREATE INDEX fiche_access_user_seq ON fiche_access (user_id, seq);
      CREATE INDEX fiche_access_fiche ON fiche_access (fiche_id);
      CREATE TABLE fiche_revocations (
        seq BIGINT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        fiche_id TEXT NOT NULL
      );
      CREATE INDEX fiche_revocations_user ON fiche_revocations (user_id, seq);
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        strong_auth INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        delegation_id TEXT
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE password_resets (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE INDEX password_resets_user ON password_resets (user_id);
      CREATE TABLE email_validations (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        email TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('creation', 'change')),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE INDEX email_validations_user ON email_validations (user_id);
      CREATE TABLE account_tickets (
        token_hash TEXT PRIMARY KEY,
        professional_id TEXT NOT NULL REFERENCES directory_professionals (id),
        method TEXT NOT NULL CHECK (method IN ('cps', 'security_key')),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE TABLE delegations (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        delegant_id TEXT NOT NULL REFERENCES users (id),
        delegate_id TEXT REFERENCES users (id),
        delegate_email TEXT NOT NULL,
        profile TEXT NOT NULL CHECK (profile IN ('remplacant', 'comptable', 'assistant_medical')),
        cpe_card_id TEXT NOT NULL DEFAULT '',
        valid_from TEXT NOT NULL,
        valid_until TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('en_cours', 'a_valider', 'validee', 'refusee', 'non_aboutie')),
        status_since TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        deleted_by TEXT,
        deletion_reason TEXT
      );
      CREATE INDEX delegations_delegant ON delegations (delegant_id, seq);
      CREATE INDEX delegations_delegate ON delegations (delegate_id, seq);
      CREATE INDEX delegations_pending ON delegations (status, created_at) WHERE deleted_at IS NULL;
      ALTER TABLE sessions ADD FOREIGN KEY (delegation_id) REFERENCES delegations (id);
      CREATE TABLE delegation_structures (
        delegation_id TEXT NOT NULL REFERENCES delegations (id),
        structure_id TEXT NOT NULL REFERENCES structures (id),
        PRIMARY KEY (delegation_id, structure_id)
      );
      CREATE TABLE delegation_transitions (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delegation_id TEXT NOT NULL REFERENCES delegations (id),
        at TEXT NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT
      );
      CREATE INDEX delegation_transitions_delegation ON delegation_transitions (delegation_id);
      CREATE TABLE delegation_invitations (
        token_hash TEXT PRIMARY KEY,
        delegation_id TEXT NOT NULL REFERENCES delegations (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE TABLE ems_threads (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        practitioner_id TEXT NOT NULL REFERENCES users (id),
        office TEXT NOT NULL,
        patient_nir TEXT NOT NULL,
        patient_last_name TEXT NOT NULL,
        patient_first_name TEXT NOT NULL,
        subject TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        last_message_at TEXT NOT NULL,
        practitioner_read_at TEXT NOT NULL DEFAULT '',
        insurer_read_at TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX ems_threads_practitioner ON ems_threads (practitioner_id, seq);
      CREATE INDEX ems_threads_office ON ems_threads (office, seq);
      CREATE TABLE ems_messages (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE,
        thread_id TEXT NOT NULL REFERENCES ems_threads (id),
        author TEXT NOT NULL CHECK (author IN ('practitioner', 'insurer')),
        author_id TEXT NOT NULL,
        on_behalf_of_id TEXT,
        author_name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT NOT NULL
      );
      CREATE INDEX ems_messages_thread ON ems_messages (thread_id, seq);
      CREATE TABLE insured_people (
        nir TEXT PRIMARY KEY,
        last_name TEXT NOT NULL,
        birth_name TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL,
        birth_date TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE card_holder_attempts (
        id TEXT PRIMARY KEY,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
      );
      CREATE TABLE strong_auth_flows (
        state_hash TEXT PRIMARY KEY,
        code_verifier TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 14,
    description: 'sign-in decided in the database, whatever the number of instances: wrong passwords on identifiers that match no account; the rate limits\' fixed windows',
    up: `
      CREATE TABLE unknown_identifier_attempts (
        id TEXT PRIMARY KEY,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
      );
      CREATE TABLE rate_limit_windows (
        key TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        reset_at BIGINT NOT NULL
      );
      CREATE INDEX rate_limit_windows_reset ON rate_limit_windows (reset_at);
    `,
  },
  {
    version: 15,
    description: 'professional information as the insurer\'s directories know it: a professional\'s contract status and approvals, a place of practice\'s phone and its own authorisations',
    up: `
      ALTER TABLE directory_professionals ADD COLUMN contract_status TEXT NOT NULL DEFAULT '';
      ALTER TABLE directory_professionals ADD COLUMN approvals TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE structures ADD COLUMN phone TEXT NOT NULL DEFAULT '';
      ALTER TABLE structures ADD COLUMN approvals TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 16,
    description: 'the migration of pharmacies\' and laboratories\' former accounts (account kind \'ancien\') to administrative or structure-manager accounts: the situation, the way of signing in, the kind reached, when, and when the user was told',
    up: `
      CREATE TABLE account_migrations (
        user_id TEXT PRIMARY KEY REFERENCES users (id),
        structure_id TEXT NOT NULL REFERENCES structures (id),
        situation INTEGER NOT NULL CHECK (situation IN (1, 2, 3)),
        sign_in TEXT NOT NULL CHECK (sign_in IN ('cps', 'password')),
        account_kind TEXT NOT NULL CHECK (account_kind IN ('administratif', 'responsable')),
        migrated_at TEXT NOT NULL,
        acknowledged_at TEXT
      );
    `,
  },
];

/** An arbitrary, fixed key of the advisory lock that one migrating instance holds. */
const MIGRATION_LOCK = 7_519_001;

type Queryable = Pick<pg.Pool, 'connect'>;

export async function postgresSchemaVersion(pool: Pick<pg.Pool, 'query'>): Promise<number> {
  const { rows } = await pool.query<{ version: number | null }>(
    "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT COALESCE(max(version), 0) FROM schema_migrations) END AS version",
  );
  return Number(rows[0]?.version ?? 0);
}

/** Applies the migrations the database has not seen yet; returns the versions applied. */
export async function migratePostgres(pool: Queryable, migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const current = await postgresSchemaVersion(client);
      const latest = migrations.at(-1)?.version ?? 0;
      if (current > latest) {
        throw new Error(`The database is at schema version ${current}, newer than this server (${latest}). Upgrade the server.`);
      }
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.up);
          await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [migration.version, migration.description]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        applied.push(migration.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}
