import type { RxCollection } from 'rxdb';
import type { Session } from '../session/session.ts';
import { registerFeature, type TeleservicesFeature } from '../features/feature-registry.ts';
import { emsMessageSchema, emsThreadSchema, withMessageDefaults, withThreadDefaults, type LocalEmsMessage, type LocalEmsThread } from './ems-collection-schemas.ts';
import { EMS_MESSAGES, EMS_THREADS, EmsRepository } from './ems-repository.ts';

/** Whether a session may use EMS: signed in with the CPS card, as a doctor or the médecin conseil. */
export function emsAllowed(session: Session): boolean {
  return session.user.strongAuth && ['medecin', 'directeur_cds', 'medecin_conseil'].includes(session.user.role);
}

/**
 * Secure medical exchanges: threads and messages, written on the device (offline too) and
 * replicated both ways — only for sessions the server lets use EMS (otherwise the widgets say why).
 */
export const emsFeature: TeleservicesFeature = {
  name: 'ems',
  collections: () => ({ emsthreads: { schema: emsThreadSchema }, emsmessages: { schema: emsMessageSchema } }),
  services: ({ db, journal, session }) => ({
    ems: new EmsRepository(db.emsthreads, db.emsmessages, journal, session.user.role === 'medecin_conseil' ? 'insurer' : 'practitioner'),
  }),
  streams: (session) => (emsAllowed(session) ? [EMS_THREADS, EMS_MESSAGES] : []),
  replicate({ db, api, journal, report, reached, stream$, replicateCollection }) {
    const common = { api, report, reached };
    const threads = replicateCollection({ ...common, path: EMS_THREADS, collection: db.emsthreads, push: { journal, journalName: EMS_THREADS }, modifier: withThreadDefaults, stream$: stream$(EMS_THREADS) });
    const messages = replicateCollection({
      ...common,
      path: EMS_MESSAGES,
      collection: db.emsmessages,
      push: { journal, journalName: EMS_MESSAGES },
      modifier: withMessageDefaults,
      stream$: stream$(EMS_MESSAGES),
      // A new thread's first message must not reach the server before the thread.
      pushAfter: () => threads.awaitInSync(),
    });
    return [threads, messages];
  },
};

registerFeature(emsFeature);

declare module '../database.ts' {
  interface TeleservicesCollections {
    emsthreads: RxCollection<LocalEmsThread>;
    emsmessages: RxCollection<LocalEmsMessage>;
  }
}

declare module '../teleservices-context.ts' {
  interface TeleservicesServices {
    /** Secure medical exchanges: threads and messages on this device (written offline too). */
    readonly ems: EmsRepository;
  }
}
