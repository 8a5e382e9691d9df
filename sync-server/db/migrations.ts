import type Database from 'better-sqlite3';

/**
 * Schema migrations, versioned in code. Each runs once, in order, inside a transaction, and
 * bumps SQLite's `user_version`. Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'structures, users and their memberships, sessions, audit trail, e-mail outbox',
    up: `
      CREATE TABLE structures (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('cabinet', 'pharmacie', 'laboratoire', 'centre_sante', 'organisme')),
        name TEXT NOT NULL,
        am_number TEXT UNIQUE,
        finess TEXT UNIQUE,
        postcode TEXT NOT NULL DEFAULT '',
        commune TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL COLLATE NOCASE,
        role TEXT NOT NULL,
        civility TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        rpps TEXT,
        password_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX users_email ON users (email);
      CREATE TABLE user_structures (
        user_id TEXT NOT NULL REFERENCES users (id),
        structure_id TEXT NOT NULL REFERENCES structures (id),
        PRIMARY KEY (user_id, structure_id)
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        strong_auth INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('email', 'post')),
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        sent_at TEXT
      );
    `,
  },
  {
    version: 2,
    description: 'Contact COVID files with a server-stamped change sequence, explicit access grants and per-user revocations',
    up: `
      CREATE TABLE change_sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT INTO change_sequence (name, value) VALUES ('changes', 0);
      CREATE TABLE fiches (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
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
        PRIMARY KEY (user_id, fiche_id)
      );
      CREATE TABLE fiche_revocations (
        seq INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        fiche_id TEXT NOT NULL
      );
      CREATE INDEX fiche_revocations_user ON fiche_revocations (user_id, seq);
    `,
  },
  {
    version: 3,
    description: 'grants carry the sequence number of their file, so a user\'s grants are read by an index seek',
    up: `
      ALTER TABLE fiche_access ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
      UPDATE fiche_access SET seq = (SELECT f.seq FROM fiches f WHERE f.id = fiche_access.fiche_id);
      CREATE INDEX fiche_access_user_seq ON fiche_access (user_id, seq);
      CREATE INDEX fiche_access_fiche ON fiche_access (fiche_id);
    `,
  },
  {
    version: 4,
    description: 'password reset links: random, stored hashed, single-use, expiring',
    up: `
      CREATE TABLE password_resets (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE INDEX password_resets_user ON password_resets (user_id);
    `,
  },
  {
    version: 5,
    description: 'accounts: the insurer\'s directory (référentiel) of professionals and structure addresses, account kinds, e-mail validation links, creation tickets, temporary passwords, welcome and preferences',
    up: `
      ALTER TABLE structures ADD COLUMN street TEXT NOT NULL DEFAULT '';
      ALTER TABLE structures ADD COLUMN insurer_office TEXT NOT NULL DEFAULT '';
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
        key_locked_until TEXT
      );
      CREATE TABLE directory_memberships (
        professional_id TEXT NOT NULL REFERENCES directory_professionals (id),
        structure_id TEXT NOT NULL REFERENCES structures (id),
        PRIMARY KEY (professional_id, structure_id)
      );
      CREATE INDEX directory_memberships_structure ON directory_memberships (structure_id);
      ALTER TABLE users ADD COLUMN directory_id TEXT REFERENCES directory_professionals (id);
      ALTER TABLE users ADD COLUMN account_kind TEXT NOT NULL DEFAULT 'liberal';
      ALTER TABLE users ADD COLUMN email_verified_at TEXT;
      ALTER TABLE users ADD COLUMN password_temporary_until TEXT;
      ALTER TABLE users ADD COLUMN welcomed_at TEXT;
      ALTER TABLE users ADD COLUMN preferences TEXT NOT NULL DEFAULT '{}';
      UPDATE users SET email_verified_at = created_at, welcomed_at = created_at,
        account_kind = CASE role WHEN 'pharmacien' THEN 'responsable' WHEN 'biologiste' THEN 'responsable'
                                 WHEN 'directeur_cds' THEN 'directeur' WHEN 'medecin_conseil' THEN 'organisme'
                                 WHEN 'agent_plateforme' THEN 'organisme' ELSE 'liberal' END;
      CREATE UNIQUE INDEX users_directory ON users (directory_id) WHERE directory_id IS NOT NULL;
      CREATE UNIQUE INDEX users_rpps ON users (rpps) WHERE rpps IS NOT NULL;
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
    `,
  },
  {
    version: 6,
    description: 'delegations of access: statuses with their transitions (actor, time), selected structures, invitation links, delegated sessions, délégué accounts',
    up: `
      CREATE TABLE delegations (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        delegant_id TEXT NOT NULL REFERENCES users (id),
        delegate_id TEXT REFERENCES users (id),
        delegate_email TEXT NOT NULL COLLATE NOCASE,
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
      CREATE TABLE delegation_structures (
        delegation_id TEXT NOT NULL REFERENCES delegations (id),
        structure_id TEXT NOT NULL REFERENCES structures (id),
        PRIMARY KEY (delegation_id, structure_id)
      );
      CREATE TABLE delegation_transitions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
      ALTER TABLE sessions ADD COLUMN delegation_id TEXT REFERENCES delegations (id);
      ALTER TABLE users ADD COLUMN practitioner_number TEXT NOT NULL DEFAULT '';
    `,
  },
  {
    version: 7,
    description: 'outbox delivery: attempts, last error and next try of each e-mail sent by a transport',
    up: `
      ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE outbox ADD COLUMN last_error TEXT;
      ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
      CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_at IS NULL AND channel = 'email';
    `,
  },
  {
    version: 8,
    description: 'secure medical exchanges (EMS): threads bound to one patient and one practitioner, addressed to an insurer office, with each side\'s read mark; immutable messages',
    up: `
      CREATE TABLE ems_threads (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
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
        seq INTEGER NOT NULL UNIQUE,
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
    `,
  },
  {
    version: 9,
    description: 'the insurer\'s directory of insured people (répertoire des assurés): the identity that prefills a Contact COVID file, looked up by NIR',
    up: `
      CREATE TABLE insured_people (
        nir TEXT PRIMARY KEY,
        last_name TEXT NOT NULL,
        birth_name TEXT NOT NULL DEFAULT '',
        first_name TEXT NOT NULL,
        birth_date TEXT NOT NULL DEFAULT ''
      );
    `,
  },
  {
    version: 10,
    description: 'wrong holder codes of the simulated CPS card, counted per card like wrong passwords',
    up: `
      CREATE TABLE card_holder_attempts (
        id TEXT PRIMARY KEY,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
      );
    `,
  },
  {
    version: 11,
    description: 'the gender of a user (F, M or unknown), for the pronouns of the e-mails about them (« qu’elle vous a accordée »)',
    up: `
      ALTER TABLE users ADD COLUMN gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'F', 'M'));
    `,
  },
  {
    version: 12,
    description: 'whether a professional signed the medical assistant contract (contrat assistant médical): only they may delegate to an assistant',
    up: `
      ALTER TABLE directory_professionals ADD COLUMN assistant_contract INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 13,
    description: 'Pro Santé Connect flows under way: the PKCE verifier and nonce of each started sign-in, under its state\'s hash, used once',
    up: `
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
    description: 'sign-in decided in the database, whatever the number of instances: wrong passwords on identifiers that match no account, counted like real ones; the rate limits\' fixed windows',
    up: `
      CREATE TABLE unknown_identifier_attempts (
        id TEXT PRIMARY KEY,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
      );
      CREATE TABLE rate_limit_windows (
        key TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        reset_at INTEGER NOT NULL
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

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the migrations the database has not seen yet; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`The database is at schema version ${current}, newer than this server (${latest}). Upgrade the server.`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
