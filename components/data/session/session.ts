import type { SessionUser as DomainSessionUser } from '../../../domain/account/session-user.ts';
import { ApiClient, ApiRequestError, type LocaleSource } from '../replication/api-client.ts';
import { cardProofBody, providerSignOut, type CardProof } from './strong-auth.ts';

/** Who is signed in, and whether by strong authentication (CPS). */
export interface SessionUser extends DomainSessionUser {
  readonly strongAuth: boolean;
}

export interface Session {
  readonly token: string;
  /** Whose services the session reaches (the délégant, when a délégué acts for them). */
  readonly user: SessionUser;
  readonly expiresAt: string;
  /** A délégué acting for `user`: who really acts. */
  readonly actor?: { readonly id: string; readonly civility: string; readonly firstName: string; readonly lastName: string; readonly email: string };
  /** The delegation the session runs under (profile, window, structures). */
  readonly delegation?: { readonly id: string; readonly profile: string; readonly validFrom: string; readonly validUntil: string; readonly structureIds: readonly string[] };
}

/** Where the session is kept (`localStorage`); other tabs watch it (`storage` events). */
export const SESSION_STORAGE_KEY = 'teleservices.session';

/** A stored value of the key, or null when there is none or it cannot be read. */
function parseKept(value: string | null): (Session & { server: string }) | null {
  try {
    return JSON.parse(value ?? 'null') as (Session & { server: string }) | null;
  } catch {
    return null;
  }
}

/**
 * Keeps the session on this device so the widgets open offline after a reload, a closed tab or a
 * restarted browser, without asking the server. The token is an opaque, expiring, revocable
 * server token; sign-out removes it here and on the server. A session past its `expiresAt` is
 * still given back: offline the person keeps working on the device, and the server, once it
 * answers, asks them to sign in again (their waiting writes then leave under the new session).
 */
export const sessionStorageArea = {
  load(server: string): Session | null {
    const stored = parseKept(localStorage.getItem(SESSION_STORAGE_KEY));
    if (!stored || stored.server !== server || typeof stored.token !== 'string' || !stored.user) return null;
    const { server: _server, ...session } = stored;
    return session;
  },
  /** The sync server a stored value of the key belongs to (a storage event's old or new value); null for none. */
  serverOf(value: string | null): string | null {
    return parseKept(value)?.server ?? null;
  },
  save(server: string, session: Session): void {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ ...session, server }));
  },
  clear(): void {
    localStorage.removeItem(SESSION_STORAGE_KEY);
  },
};

/*
 * Each call below takes the `locale` of the element that makes it (its `this.locale`): the
 * server's messages come in that language (without it, the page's `<html lang>`, else French).
 */

/** Password sign-in: the server's message on failure (wrong password, lockout with its delay…). */
export async function signInWithPassword(server: string, identifier: string, password: string, locale?: LocaleSource): Promise<Session> {
  const api = new ApiClient({ server, token: () => null, ...(locale ? { locale } : {}) });
  return api.json<Session>('/api/auth/login', { method: 'POST', json: { identifier, password } });
}

/** CPS sign-in (strong authentication): Pro Santé Connect's return, or the simulated card. */
export async function signInWithCps(server: string, proof: CardProof, locale?: LocaleSource): Promise<Session> {
  const api = new ApiClient({ server, token: () => null, ...(locale ? { locale } : {}) });
  const { providerSignOutUrl, ...session } = await api.json<Session & { providerSignOutUrl?: string }>('/api/auth/cps', { method: 'POST', json: cardProofBody(proof) });
  if (providerSignOutUrl) providerSignOut.keep(session.token, providerSignOutUrl);
  return session;
}

/** "Mot de passe oublié": the server's confirmation, the same whether an account exists or not. */
export async function requestPasswordReset(server: string, identifier: string, locale?: LocaleSource): Promise<string> {
  const api = new ApiClient({ server, token: () => null, ...(locale ? { locale } : {}) });
  return (await api.json<{ message: string }>('/api/auth/password-reset/request', { method: 'POST', json: { identifier } })).message;
}

/** Sets a new password with the token of an e-mailed link; the server's confirmation. */
export async function confirmPasswordReset(server: string, token: string, password: string, locale?: LocaleSource): Promise<string> {
  const api = new ApiClient({ server, token: () => null, ...(locale ? { locale } : {}) });
  return (await api.json<{ message: string }>('/api/auth/password-reset/confirm', { method: 'POST', json: { token, password } })).message;
}

/**
 * The session a token opens, as the server says. Offline, a session stored on this device for the
 * same token stands in (expired or not), so the widgets keep working on local data.
 */
export async function resumeSession(server: string, token: string, locale?: LocaleSource): Promise<Session> {
  const api = new ApiClient({ server, token: () => token, ...(locale ? { locale } : {}) });
  try {
    const { user, expiresAt, actor, delegation } = await api.json<Omit<Session, 'token'>>('/api/auth/session');
    return { token, user, expiresAt, ...(actor ? { actor } : {}), ...(delegation ? { delegation } : {}) };
  } catch (error) {
    const stored = sessionStorageArea.load(server);
    if (error instanceof ApiRequestError && error.kind === 'offline' && stored?.token === token) return stored;
    throw error;
  }
}

/**
 * Ends the session here and on the server. Answers the identity provider's sign-out page when the
 * session came from Pro Santé Connect and the server gave one (to follow once signed out), or null.
 */
export async function signOut(server: string, token: string): Promise<string | null> {
  sessionStorageArea.clear();
  const providerPage = providerSignOut.take(token);
  const api = new ApiClient({ server, token: () => token });
  // keepalive: the revocation still goes out if the page is closing.
  await api.send('/api/auth/logout', { method: 'POST', keepalive: true }).catch(() => undefined);
  return providerPage;
}
