import { resolve } from 'node:path';
import type { ProSanteConnectSettings } from './auth/pro-sante-connect.ts';
import type { SmtpSettings } from './outbox/outbox-dispatcher.ts';
import { DEFAULT_POOL_SIZE, isPostgresUrl } from './db/postgres/postgres-database.ts';
import { parseOutboxKey } from './outbox/outbox-key.ts';

/** The sync server's settings, from the environment (documented in the README). */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Path of the SQLite file; created with its folder if missing (unused with `databaseUrl`). */
  readonly databasePath: string;
  /** `DATABASE_URL=postgres://…`: PostgreSQL instead of the SQLite file (several instances may share it). */
  readonly databaseUrl: string | null;
  /** `DATABASE_POOL_SIZE` (default 10): connections each instance holds to PostgreSQL, plus one for LISTEN. */
  readonly databasePoolSize: number;
  /** `demo` fills an empty database with the demo accounts and files. */
  readonly seed: 'demo' | null;
  /** `ALLOWED_ORIGINS`: comma-separated origins of the host pages, or `*` (the default). */
  readonly allowedOrigins: readonly string[] | '*';
  /** `APP_URL`: the host page the e-mailed links lead to (default: the demo page). */
  readonly appUrl: string;
  /** `TRUST_PROXY=1` behind a reverse proxy that sets X-Forwarded-For. */
  readonly trustProxy: boolean;
  /**
   * `DEMO_MAILBOX=1` (set by `npm run demo`): `GET /api/demo/outbox` lists the e-mails and
   * letters without a session, so the demo page can show them as a mailbox. Never in production.
   */
  readonly demoMailbox: boolean;
  /**
   * `SIMULATED_CPS=1` (implied by `SEED=demo`, set by `npm run demo`): the simulated CPS card
   * (RPPS + holder code 1234) signs in with strong authentication. Off, card sign-in answers 403
   * `strong_auth_disabled`. Never in production.
   */
  readonly simulatedCps: boolean;
  /**
   * `PSC_ISSUER` (+ `PSC_CLIENT_ID`, `PSC_CLIENT_SECRET`, `PSC_REDIRECT_URL`, `PSC_SCOPES`,
   * `PSC_ACR_VALUES`, `PSC_IDENTIFIER_CLAIM`, `PSC_POST_LOGOUT_REDIRECT_URL`, `PSC_DIRECTOR_ROLES`):
   * strong authentication by Pro Santé Connect (CPS, CPE and director's cards, e-CPS). Excludes `SIMULATED_CPS=1`.
   */
  readonly proSanteConnect: ProSanteConnectSettings | null;
  /**
   * `OUTBOX_KEY`: 32 random bytes (base64 or hex, e.g. `openssl rand -base64 32`) that encrypt the
   * outbox's bodies until sent. Unset: a random key per process, so what was queued before a
   * restart can no longer be sent nor read.
   */
  readonly outboxKey: Buffer | null;
  /** `DELEGATION_PURGE_DAYS` (default 30): unanswered delegation invitations are purged after it. */
  readonly delegationPurgeDays: number;
  /** `SMTP_HOST` (+ `SMTP_PORT`, `SMTP_SECURE`, `SMTP_USER`, `SMTP_PASSWORD`, `SMTP_FROM`): send e-mails; unset, the outbox only. */
  readonly smtp: SmtpSettings | null;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a TCP port number (0–65535), not "${env['PORT']}".`);
  }
  const purgeDays = Number(env['DELEGATION_PURGE_DAYS'] ?? 30);
  if (!Number.isInteger(purgeDays) || purgeDays < 1 || purgeDays > 3650) {
    throw new ConfigError(`DELEGATION_PURGE_DAYS must be a whole number of days (1–3650), not "${env['DELEGATION_PURGE_DAYS']}".`);
  }
  let smtp: SmtpSettings | null = null;
  if (env['SMTP_HOST']) {
    const smtpPort = Number(env['SMTP_PORT'] ?? 587);
    if (!Number.isInteger(smtpPort) || smtpPort < 1 || smtpPort > 65535) throw new ConfigError(`SMTP_PORT must be a TCP port number, not "${env['SMTP_PORT']}".`);
    if (!env['SMTP_FROM']) throw new ConfigError('SMTP_FROM is required with SMTP_HOST (the sender address of the e-mails).');
    smtp = {
      host: env['SMTP_HOST'],
      port: smtpPort,
      secure: env['SMTP_SECURE'] === '1' || env['SMTP_SECURE'] === 'true',
      from: env['SMTP_FROM'],
      ...(env['SMTP_USER'] ? { user: env['SMTP_USER'], password: env['SMTP_PASSWORD'] ?? '' } : {}),
    };
  }
  const outboxKey = parseOutboxKey(env['OUTBOX_KEY']);
  if (env['OUTBOX_KEY'] && !outboxKey) throw new ConfigError('OUTBOX_KEY must be 32 random bytes in base64 (44 characters) or hex (64), e.g. from `openssl rand -base64 32`.');
  const proSanteConnect = readProSanteConnect(env);
  const explicitlySimulated = env['SIMULATED_CPS'] === '1' || env['SIMULATED_CPS'] === 'true';
  if (proSanteConnect && explicitlySimulated) throw new ConfigError('SIMULATED_CPS=1 and PSC_ISSUER exclude each other: one strong authenticator only (Pro Santé Connect in production).');
  const databaseUrl = env['DATABASE_URL'] || null;
  if (databaseUrl !== null && !isPostgresUrl(databaseUrl)) throw new ConfigError('DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database); unset it to use the SQLite file DATABASE.');
  const poolSize = Number(env['DATABASE_POOL_SIZE'] ?? DEFAULT_POOL_SIZE);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
    throw new ConfigError(`DATABASE_POOL_SIZE must be a whole number of connections (1–1000), not "${env['DATABASE_POOL_SIZE']}".`);
  }
  const seed = env['SEED'] ?? '';
  if (seed !== '' && seed !== 'demo') throw new ConfigError(`SEED accepts only "demo", not "${seed}".`);
  if (seed === 'demo' && databaseUrl !== null) {
    throw new ConfigError('SEED=demo seeds the SQLite file only. To try PostgreSQL with the demo accounts, seed a SQLite file (SEED=demo DATABASE=…), then copy it with teleservices-sqlite-to-postgres.');
  }
  return {
    port,
    host: env['HOST'] || '127.0.0.1',
    databasePath: resolve(env['DATABASE'] || './data/teleservices.sqlite'),
    databaseUrl,
    databasePoolSize: poolSize,
    seed: seed === 'demo' ? 'demo' : null,
    trustProxy: env['TRUST_PROXY'] === '1' || env['TRUST_PROXY'] === 'true',
    demoMailbox: env['DEMO_MAILBOX'] === '1' || env['DEMO_MAILBOX'] === 'true',
    simulatedCps: !proSanteConnect && (seed === 'demo' || explicitlySimulated),
    proSanteConnect,
    delegationPurgeDays: purgeDays,
    outboxKey,
    smtp,
    appUrl: env['APP_URL'] || `http://127.0.0.1:${env['DEMO_PORT'] || 5173}/`,
    allowedOrigins: !env['ALLOWED_ORIGINS'] || env['ALLOWED_ORIGINS'].trim() === '*' ? '*' : env['ALLOWED_ORIGINS'].split(',').map((o) => o.trim()).filter(Boolean),
  };
}

function readProSanteConnect(env: NodeJS.ProcessEnv): ProSanteConnectSettings | null {
  const issuer = env['PSC_ISSUER'];
  if (!issuer) return null;
  const url = (name: string, value: string | undefined) => {
    if (!value || !URL.canParse(value)) throw new ConfigError(`${name} must be an absolute URL with PSC_ISSUER, not "${value ?? ''}".`);
    return value;
  };
  url('PSC_ISSUER', issuer);
  for (const name of ['PSC_CLIENT_ID', 'PSC_CLIENT_SECRET']) {
    if (!env[name]) throw new ConfigError(`${name} is required with PSC_ISSUER (the client registered with Pro Santé Connect).`);
  }
  const acrValues = (env['PSC_ACR_VALUES'] || 'eidas1').split(/[\s,]+/).filter(Boolean);
  return {
    issuer,
    clientId: env['PSC_CLIENT_ID']!,
    clientSecret: env['PSC_CLIENT_SECRET']!,
    redirectUrl: url('PSC_REDIRECT_URL', env['PSC_REDIRECT_URL']),
    scopes: env['PSC_SCOPES'] || 'openid scope_all',
    acrValues,
    identifierClaim: env['PSC_IDENTIFIER_CLAIM'] || 'SubjectNameID',
    postLogoutRedirectUrl: env['PSC_POST_LOGOUT_REDIRECT_URL'] ? url('PSC_POST_LOGOUT_REDIRECT_URL', env['PSC_POST_LOGOUT_REDIRECT_URL']) : null,
    directorRoles: (env['PSC_DIRECTOR_ROLES'] ?? '').split(/[\s,]+/).filter(Boolean),
  };
}
