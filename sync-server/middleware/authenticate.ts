import type { Context, MiddlewareHandler } from 'hono';
import type { Session, SessionCache } from '../auth/sessions.ts';
import type { DelegatedSessions } from '../access/delegated-sessions.ts';
import { ApiError } from '../http-errors.ts';

export interface AuthVariables {
  session: Session;
  token: string;
}

/** The server's own routes reachable without a session (the features add theirs: `CollectionPolicy.publicRoutes`). */
export const SERVER_PUBLIC_ROUTES: readonly string[] = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/cps',
  'GET /api/auth/strong',
  'POST /api/auth/strong/authorization',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset/confirm',
  'POST /api/accounts',
  'POST /api/accounts/lookup',
  'POST /api/accounts/cps',
  'POST /api/accounts/security-key',
  'POST /api/accounts/by-post',
  'POST /api/accounts/email-validation',
];

/** Routes reachable without a session, `METHOD /api/path`: the server's and the features'. */
export class PublicRoutes {
  readonly #routes: ReadonlySet<string>;

  constructor(routes: Iterable<string>) {
    this.#routes = new Set(routes);
  }

  /** Whether the request's route is reachable without a session (its body limit is then the smallest). */
  has(c: Context): boolean {
    return this.#routes.has(`${c.req.method} ${c.req.path.replace(/\/$/, '')}`);
  }
}

/** What a session opened with a temporary password may do: choose the new password, and little else. */
const BEFORE_NEW_PASSWORD = new Set(['GET /api/auth/session', 'POST /api/auth/logout', 'POST /api/account/password', 'GET /api/account']);

/** What a former pharmacy or laboratory account may do before it chooses its kind (situation 2). */
const BEFORE_MIGRATION_CHOICE = new Set(['GET /api/auth/session', 'POST /api/auth/logout', 'POST /api/account/migration', 'GET /api/account']);

/**
 * Every `/api` route but the public ones needs `Authorization: Bearer <token>` naming a live
 * session; the session is then in `c.get('session')`.
 */
export function authenticate(sessions: SessionCache, now: () => Date, delegated: DelegatedSessions, publicRoutes: PublicRoutes): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    if (publicRoutes.has(c)) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match) {
      throw new ApiError(401, { fr: 'Connexion requise : envoyez le jeton de session (Authorization: Bearer …).', en: 'Sign-in required: send the session token (Authorization: Bearer …).' }, { reason: 'no_session' });
    }
    const session = await sessions.find(match[1]!, now());
    if (!session) throw new ApiError(401, { fr: 'Votre session a expiré ou a été fermée : reconnectez-vous.', en: 'Your session has expired or was closed: sign in again.' }, { reason: 'session_expired' });
    if (session.user.passwordChangeRequired && !BEFORE_NEW_PASSWORD.has(`${c.req.method} ${c.req.path.replace(/\/$/, '')}`)) {
      throw new ApiError(
        403,
        {
          fr: 'Choisissez d’abord votre mot de passe personnel : le mot de passe provisoire reçu par courrier ne sert qu’à la première connexion.',
          en: 'First choose your personal password: the temporary password received by post is only for the first sign-in.',
        },
        { reason: 'password_change_required' },
      );
    }
    if (session.user.accountMigration?.status === 'choice_required' && !BEFORE_MIGRATION_CHOICE.has(`${c.req.method} ${c.req.path.replace(/\/$/, '')}`)) {
      throw new ApiError(
        403,
        {
          fr: 'Les comptes des laboratoires et des pharmacies évoluent : choisissez d’abord le type de votre compte (administratif ou responsable de structure).',
          en: 'The laboratories’ and pharmacies’ accounts are changing: first choose the kind of your account (administrative or structure manager).',
        },
        { reason: 'account_migration_required' },
      );
    }
    delegated.assertAllows(session, c.req.method, c.req.path.replace(/\/$/, ''), now());
    c.set('session', session);
    c.set('token', match[1]!);
    return next();
  };
}
