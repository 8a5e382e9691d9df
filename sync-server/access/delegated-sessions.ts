import {
  DELEGATION_PROFILE_DEFINITIONS,
  delegationWindow,
  formatDateFr,
  SERVICE_LABELS,
  todayInParis,
  type DelegableService,
  type DelegationProfile,
} from '../../domain/index.ts';
import type { Session } from '../auth/sessions.ts';
import { ApiError } from '../http-errors.ts';

/**
 * Which service a route belongs to: what a delegated session may reach is decided per service.
 * Each collection module says which service its routes belong to (`CollectionModule.policy`);
 * `createApp` gathers them.
 */
export type ServiceRoutes = readonly (readonly [prefix: string, service: DelegableService])[];

/** What a delegated session may always do: see itself, and end. */
const ALWAYS = new Set(['GET /api/auth/session', 'POST /api/auth/logout']);

/**
 * The first instant a delegation no longer allows access by its dates: midnight in Paris after
 * its last day (`validUntil`, inclusive).
 */
export function delegationEndsAt(delegation: { readonly validUntil: string }): Date {
  const [year, month, day] = delegation.validUntil.split('-').map(Number) as [number, number, number];
  const nextDayUtc = Date.UTC(year, month - 1, day + 1);
  // Paris is one hour ahead of UTC in winter, two in summer: its midnight is one of these instants.
  for (const hoursAhead of [2, 1]) {
    const candidate = new Date(nextDayUtc - hoursAhead * 3_600_000);
    if (todayInParis(candidate) > delegation.validUntil) return candidate;
  }
  return new Date(nextDayUtc);
}

/** When a session stops being valid by itself: its expiry, or earlier its delegation's last day. */
export function sessionEndsAt(session: Session): Date {
  const expiry = new Date(session.expiresAt);
  if (!session.delegation) return expiry;
  const delegationEnd = delegationEndsAt(session.delegation);
  return delegationEnd < expiry ? delegationEnd : expiry;
}

/**
 * The server-side enforcement of a delegation (SPEC §4), on every request of a délégué's
 * delegated session (the authenticate middleware, and each collection a change stream carries):
 * the delegation must still exist and be validated, today must be within its validity window
 * (Paris dates, inclusive), and the route's service must be in the profile's bundle. The selected
 * structures are enforced by the session itself (it carries only them). Outside any of these:
 * 403 with the reason. Server-wide: the features only say which service their routes belong to.
 */
export class DelegatedSessions {
  constructor(private readonly routes: ServiceRoutes) {}

  serviceOfRoute(path: string): DelegableService | null {
    return this.routes.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1] ?? null;
  }

  assertAllows(session: Session, method: string, path: string, now: Date): void {
    assertDelegationAllows(session, method, path, now, (route) => this.serviceOfRoute(route));
  }
}

function assertDelegationAllows(session: Session, method: string, path: string, now: Date, serviceOf: (path: string) => DelegableService | null): void {
  const delegation = session.delegation;
  if (!delegation || ALWAYS.has(`${method} ${path}`)) return;
  const delegant = `${session.user.civility} ${session.user.firstName} ${session.user.lastName}`.trim();
  if (delegation.deletedAt !== null) {
    throw new ApiError(
      403,
      { fr: `La délégation a été supprimée par ${delegant} : vous n’agissez plus pour son compte.`, en: `The delegation was deleted by ${delegant}: you no longer act on their behalf.` },
      { reason: 'delegation_deleted' },
    );
  }
  if (delegation.status !== 'validee') {
    throw new ApiError(
      403,
      { fr: 'Cette délégation n’est pas validée : vous ne pouvez pas encore agir pour le compte du délégant.', en: 'This delegation is not validated: you cannot act on the delegator’s behalf yet.' },
      { reason: 'delegation_not_validated' },
    );
  }
  const window = delegationWindow(delegation.validFrom, delegation.validUntil, todayInParis(now));
  if (window !== 'within') {
    const from = formatDateFr(delegation.validFrom);
    const until = formatDateFr(delegation.validUntil);
    throw new ApiError(
      403,
      {
        fr: `La délégation est valable du ${from} au ${until} : ${window === 'before' ? 'elle n’a pas commencé' : 'elle est terminée'}.`,
        en: `The delegation is valid from ${from} to ${until}: ${window === 'before' ? 'it has not started' : 'it has ended'}.`,
      },
      { reason: 'delegation_window' },
    );
  }
  // The shared change stream checks each collection it carries against the delegation itself.
  if (method === 'GET' && path === '/api/replication/stream') return;
  const service = serviceOf(path);
  const profile = DELEGATION_PROFILE_DEFINITIONS[delegation.profile as DelegationProfile];
  if (service === null) {
    throw new ApiError(
      403,
      {
        fr: `En délégation, vous agissez dans les services de ${delegant} : son compte et ses délégations restent les siens.`,
        en: `Under a delegation, you act in the services of ${delegant}: their account and their delegations remain theirs.`,
      },
      { reason: 'delegation_own_account' },
    );
  }
  if (!profile?.services.includes(service)) {
    throw new ApiError(
      403,
      {
        fr: `Le profil ${profile?.label.fr ?? delegation.profile} ne donne pas accès au service « ${SERVICE_LABELS[service].fr} ».`,
        en: `The ${profile?.label.en ?? delegation.profile} profile does not give access to the “${SERVICE_LABELS[service].en}” service.`,
      },
      { reason: 'delegation_profile', service },
    );
  }
}
