import { ApiClient, type LocaleSource } from '../replication/api-client.ts';

/**
 * The sync server's strong authentication (`GET /api/auth/strong`): Pro Santé Connect (CPS card,
 * e-CPS, through OpenID Connect), the simulated card of the demo and the tests, or none.
 */
export type StrongAuthKind = 'pro_sante_connect' | 'simulated_cps' | 'none';

/**
 * A simulated card and its holder code: a CPS card (its RPPS number), a CPE card (its
 * identifier: a medical assistant's, named by her delegation) or an establishment director's card
 * (the establishment's FINESS number).
 */
export type SimulatedCard = { readonly rpps: string; readonly code: string } | { readonly cpe: string; readonly code: string } | { readonly finess: string; readonly code: string };

/** The parameters Pro Santé Connect appends to the redirect URL after a sign-in. */
export interface ProviderAuthorization {
  readonly code: string;
  readonly state: string;
  readonly iss?: string;
}

/** What proves a CPS card to the server: the simulated card, or Pro Santé Connect's return. */
export type CardProof = SimulatedCard | { readonly authorization: ProviderAuthorization };

/** The body of `POST /api/auth/cps` and `POST /api/accounts/cps` for a proof. */
export const cardProofBody = (proof: CardProof): Record<string, unknown> => ('authorization' in proof ? { authorization: proof.authorization } : { card: proof });

/** The RPPS a proof shows before the server checks it (the simulated card's), or ''. */
export const cardProofRpps = (proof: CardProof | null | undefined): string => (proof && 'rpps' in proof ? proof.rpps : '');

/** Which strong authentication the server has. */
export async function strongAuthKind(server: string, locale?: LocaleSource): Promise<StrongAuthKind> {
  const api = new ApiClient({ server, token: () => null, ...(locale ? { locale } : {}) });
  const { kind } = await api.json<{ kind: string | null }>('/api/auth/strong');
  return kind === 'pro_sante_connect' || kind === 'simulated_cps' ? kind : 'none';
}

/** Starts Pro Santé Connect's authorization code flow: the provider's page to open. */
export async function startProSanteConnect(server: string, locale?: LocaleSource): Promise<string> {
  const api = new ApiClient({ server, token: () => null, ...(locale ? { locale } : {}) });
  return (await api.json<{ authorizationUrl: string }>('/api/auth/strong/authorization', { method: 'POST', json: {} })).authorizationUrl;
}

/** Where the provider's sign-out page of a Pro Santé Connect session is kept, with its token. */
const PROVIDER_SIGN_OUT_KEY = 'teleservices.provider-sign-out';

/**
 * Pro Santé Connect's own sign-out page (`providerSignOutUrl` of the server's answer, its
 * `end_session_endpoint` with the ID token as hint), kept on this device with the session's token
 * so that signing out of that session also ends the practitioner's session at the provider.
 */
export const providerSignOut = {
  keep(token: string, url: string): void {
    localStorage.setItem(PROVIDER_SIGN_OUT_KEY, JSON.stringify({ token, url }));
  },
  /** The page kept for that token (taken out: used once), or null. */
  take(token: string): string | null {
    try {
      const kept = JSON.parse(localStorage.getItem(PROVIDER_SIGN_OUT_KEY) ?? 'null') as { token?: unknown; url?: unknown } | null;
      if (kept?.token !== token || typeof kept.url !== 'string') return null;
      localStorage.removeItem(PROVIDER_SIGN_OUT_KEY);
      return kept.url;
    } catch {
      return null;
    }
  },
};
