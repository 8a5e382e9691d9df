import type { SessionUser } from '../../domain/index.ts';
import type { OutgoingMessage } from '../outbox/outbox.ts';
import type { Session } from './sessions.ts';
import type { StrongIdentity } from './strong-auth.ts';

/**
 * What signing in, sessions, lockouts, rate limits and single-use links need of a database, as
 * async interfaces (the contract of `storage/storage.ts`: one method, one transaction). Every
 * decision that must hold across several instances on one database — a session ended, a wrong
 * answer counted, a window's count, a link used — is taken inside one of these methods, in the
 * database, never in one process's memory. `sqlite-auth-store.ts` and `postgres-auth-store.ts`
 * implement them; `createApp({ authStores })` receives them (SQLite's on `db` by default).
 */

/** A row of the `sessions` table, as a lookup reads it. */
export interface SessionRow {
  readonly userId: string;
  readonly strongAuth: boolean;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly delegationId: string | null;
}

export interface NewSession {
  /** The token's SHA-256 (the token itself is never stored). */
  readonly tokenHash: string;
  readonly userId: string;
  readonly strongAuth: boolean;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface SessionStorage {
  /**
   * Several instances share these sessions (PostgreSQL): a session ended on one must be refused
   * by the others at once, so the session row is read on every request (`SessionCache`).
   */
  readonly shared: boolean;
  /** Stores a new session and, in the same transaction, the audit row of the sign-in (`auditAction`), if any. */
  create(session: NewSession, auditAction: string | null): Promise<void>;
  row(tokenHash: string): Promise<SessionRow | null>;
  /** The session a row opens, its user (and delegation) read now; null when revoked, expired, or its user or delegation is gone. */
  open(row: SessionRow, now: Date): Promise<Session | null>;
  /** The user as a session shows it (profile, structures, flags). */
  user(userId: string): Promise<SessionUser | null>;
  /** Sign-out: the session is revoked (once). */
  revoke(tokenHash: string, at: Date): Promise<void>;
}

/**
 * What a lockout counts wrong answers of: an account's password, an identifier that matches no
 * account, a CPS card's holder code, a practitioner's security key.
 */
export type LockoutKind = 'account' | 'unknown_identifier' | 'card' | 'security_key';

/** A lockout's row: its failures (checks under way included) and its lock. */
export interface Reservation {
  /** Set when the row is locked (an expired lock is lifted first, with its failures). */
  readonly lockedUntil: string | null;
  /**
   * The place of this check among the failures counted (1, 2, 3), when one more check may run
   * now; null when as many checks are under way as wrong answers are left before the lock.
   */
  readonly rank: number | null;
}

/**
 * Wrong answers counted per row, in the database. A check under way counts as a failure from
 * the moment it starts (`reserve`) until it is known right (`right`: the counter starts again),
 * so parallel guesses on any number of instances never check more than the lock allows; a check
 * cut short by a crash stays counted as a failure.
 */
export interface LockoutStorage {
  reserve(kind: LockoutKind, id: string, now: Date, max: number): Promise<Reservation>;
  /** The reserved check was right, or the answer was right by another way (a card lifts a password lockout). */
  right(kind: LockoutKind, id: string): Promise<void>;
  /** The check of `rank` was wrong: from `max` on, the row is locked until `lockUntil` (an earlier lock kept). Returns the lock, if any. */
  wrong(kind: LockoutKind, id: string, rank: number, max: number, lockUntil: string): Promise<string | null>;
  /** Forgets the unknown identifiers whose lock is over (they count from zero again, as without a row). */
  purge(now: Date): Promise<void>;
}

/** A fixed window of a rate limit: its count and when it ends (ms since the epoch). */
export interface RateWindow {
  readonly count: number;
  readonly resetAt: number;
}

/** Fixed-window counters per key, in the database: every instance counts in the same windows. */
export interface RateLimitStorage {
  /** Counts one hit in the key's current window (a new window of `windowMs` when the last one is over), atomically. */
  hit(key: string, nowMs: number, windowMs: number): Promise<RateWindow>;
  /** The key's count in its current window (0 when it is over). */
  count(key: string, nowMs: number): Promise<number>;
  /** Takes back one hit, in the window that ends at `resetAt` only. */
  refund(key: string, resetAt: number): Promise<void>;
  /** Forgets the windows that are over. */
  purge(nowMs: number): Promise<void>;
}

/** An account an identifier may name, with what signing in checks. */
export interface SignInCandidate {
  readonly id: string;
  readonly passwordHash: string;
  readonly temporaryUntil: string | null;
  readonly kind: string;
  readonly email: string;
}

/** Accounts as signing in and « Mot de passe oublié » find them. */
export interface CredentialStorage {
  /** The accounts whose validated e-mail is `email` (case forgiven). */
  byEmail(email: string): Promise<SignInCandidate[]>;
  /** The accounts an AM / FINESS number signs in: a liberal professional's, a structure's administrative account, a health-centre director's. */
  byNumber(number: string): Promise<SignInCandidate[]>;
  /** Whether a délégué has a delegation validated and not deleted. */
  hasValidatedDelegation(userId: string): Promise<boolean>;
  /**
   * The account a card proves: a CPS card's holder by RPPS; a CPE card's délégué, named by a
   * validated Assistant médical delegation (seed 003: the CPE card of the delegation form); an
   * establishment director's card, the director's account of the health centre of that FINESS.
   */
  byCard(identity: StrongIdentity): Promise<string | null>;
}

/** Password reset links: single-use, stored hashed. */
export interface PasswordResetStorage {
  /** Ends the account's older links and stores the new one with its e-mail (outbox), in one transaction. */
  issue(link: { readonly tokenHash: string; readonly userId: string; readonly createdAt: string; readonly expiresAt: string }, message: OutgoingMessage): Promise<void>;
  /**
   * Uses a link: known, unused, not expired — once, whatever the number of parallel uses — and in
   * the same transaction sets the password, lifts the lockout, ends every session and every
   * other link of the account, audits. The account's id, or null when the link is not valid.
   */
  use(tokenHash: string, passwordHash: string, at: Date): Promise<string | null>;
}

/** Pro Santé Connect flows under way: the PKCE verifier and nonce under the state's hash, 10 minutes, used once. */
export interface StrongAuthFlowStorage {
  /** Stores a flow (and forgets the expired ones). */
  start(flow: { readonly stateHash: string; readonly codeVerifier: string; readonly nonce: string; readonly expiresAt: string }, now: Date): Promise<void>;
  /** Takes a flow out, once: null when unknown or already taken. */
  take(stateHash: string): Promise<{ readonly verifier: string; readonly nonce: string; readonly expiresAt: string } | null>;
}

/** The stores of signing in and sessions, one back end's (the accounts' own: `accounts/account-storage.ts`). */
export interface AuthStores {
  readonly sessions: SessionStorage;
  readonly lockouts: LockoutStorage;
  readonly rateLimits: RateLimitStorage;
  readonly credentials: CredentialStorage;
  readonly passwordResets: PasswordResetStorage;
  readonly strongAuthFlows: StrongAuthFlowStorage;
}
