import type { Localized } from '../../domain/index.ts';
import type { Session } from '../auth/sessions.ts';
import { ApiError } from '../http-errors.ts';
import type { EmsScope, EmsStorage } from './ems-storage.ts';

export const NOT_YOURS: Localized = { fr: 'Cet échange ne vous concerne pas.', en: 'This exchange does not concern you.' };

/** Strong authentication and a role of the exchange; the scope of what the session sees. */
export async function emsScopeOf(session: Session, store: EmsStorage): Promise<EmsScope> {
  if (!session.strongAuth) {
    throw new ApiError(
      403,
      { fr: 'Les échanges médicaux sécurisés nécessitent une connexion par carte CPS (authentification forte).', en: 'Secure medical exchanges require signing in with a CPS card (strong authentication).' },
      { reason: 'strong_auth_required' },
    );
  }
  if (session.user.role === 'medecin_conseil') return { userId: session.user.id, side: 'insurer', offices: await store.officesOf(session.user.id) };
  if (session.user.role === 'medecin' || session.user.role === 'directeur_cds') return { userId: session.user.id, side: 'practitioner', offices: [] };
  throw new ApiError(
    403,
    { fr: 'Les échanges médicaux sécurisés sont réservés aux médecins et au service médical de l’Assurance Maladie.', en: 'Secure medical exchanges are for doctors and the health insurance’s medical service.' },
    { reason: 'ems_role' },
  );
}

/** What a session's streams listen to: its own threads, and (médecin conseil) its offices'. */
export function emsStreamKeys(scope: EmsScope): string[] {
  return [`user:${scope.userId}`, ...scope.offices.map((office) => `office:${office}`)];
}

/** A change of a thread or of its messages goes to its two parties (`grantedTo`: `user:…`, `office:…`). */
export const audience = (thread: { practitionerId: string; office: string }) => [`user:${thread.practitionerId}`, `office:${thread.office}`];

export function canSeeThread(scope: EmsScope, thread: { practitionerId: string; office: string }): boolean {
  return scope.side === 'practitioner' ? thread.practitionerId === scope.userId : scope.offices.includes(thread.office);
}

export const fullName = (user: { civility: string; firstName: string; lastName: string }) => [user.civility, user.firstName, user.lastName].filter(Boolean).join(' ');
