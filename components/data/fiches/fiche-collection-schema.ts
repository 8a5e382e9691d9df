import type { RxJsonSchema } from 'rxdb';
import type { Fiche } from '../../../domain/fiche/fiche-schema.ts';

/**
 * A file as stored in the browser. Every field of the shared schema, plus the fields Dexie
 * indexes, which must be present: they default to '' (see `withStorageDefaults`).
 */
export type LocalFiche = Fiche & { nir: string; lastName: string; firstName: string; indexCaseId: string; updatedAt: string };

const text = (maxLength = 1000) => ({ type: 'string', maxLength }) as const;
const flag = { type: 'boolean' } as const;

export const ficheCollectionSchema: RxJsonSchema<LocalFiche> = {
  title: 'Contact COVID file',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(64),
    kind: { type: 'string', maxLength: 20 },
    status: { type: 'string', maxLength: 40 },
    statusSince: text(30),
    nir: text(20),
    lastName: text(100),
    birthName: text(100),
    firstName: text(100),
    birthDate: text(10),
    phone: text(20),
    email: text(254),
    emailConsent: flag,
    address: text(300),
    postcode: text(5),
    commune: text(100),
    identityFromDirectory: flag,
    patientSituation: text(500),
    symptoms: text(20),
    diagnosis: text(30),
    samplingDate: text(10),
    collectivityExposure: flag,
    travel14Days: flag,
    socialSupport: flag,
    socialSupportNeeds: { type: 'array', items: { type: 'string' } },
    socialSupportDetails: text(1000),
    homeSampling: flag,
    healthcareWorker: flag,
    shareIdentityWithContacts: flag,
    legalNotice: flag,
    indexCaseId: text(64),
    sameHousehold: flag,
    lastContactDate: text(10),
    wantsResults: flag,
    resultsRecipient: text(500),
    maskDelivered: flag,
    declarantId: text(64),
    structureId: text(64),
    createdAt: text(30),
    updatedAt: text(30),
  },
  required: ['id', 'kind', 'status', 'nir', 'lastName', 'firstName', 'indexCaseId', 'updatedAt'],
  indexes: ['nir', 'indexCaseId', 'updatedAt'],
};

const STORAGE_DEFAULTS = { nir: '', lastName: '', firstName: '', indexCaseId: '', updatedAt: '' } as const;

/** Fills the indexed fields Dexie needs with '' ("not given"), whatever the source of the document. */
export function withStorageDefaults<T extends Record<string, unknown>>(doc: T): T & typeof STORAGE_DEFAULTS {
  return { ...STORAGE_DEFAULTS, ...Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== undefined && value !== null)) } as T &
    typeof STORAGE_DEFAULTS;
}
