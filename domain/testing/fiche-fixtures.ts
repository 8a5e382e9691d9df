import { computeNirKey } from '../index.ts';

let counter = 0;

/** A valid NIR, different for each `n`. */
export function nirFor(n: number, sex: '1' | '2' = '1'): string {
  const body = `${sex}850175${String(n % 1_000_000).padStart(6, '0')}`;
  return body + computeNirKey(body);
}

/** A validated patient zéro as a widget would push it (client-owned fields only). */
export function patientZero(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    id: `p0-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'patient_zero',
    status: 'p0_confirme_a_trouver',
    nir: nirFor(counter),
    lastName: 'Dupont',
    firstName: 'Jean',
    birthDate: '1985-01-12',
    phone: '0612345678',
    postcode: '75012',
    commune: 'Paris',
    symptoms: 'oui',
    diagnosis: 'rt_pcr_positif',
    samplingDate: '2026-11-20',
    legalNotice: true,
    ...overrides,
  };
}

/** A contact of a patient zéro, with only what the seeds require plus a phone. */
export function contactOf(indexCaseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    id: `pc-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    kind: 'contact',
    status: 'pc_a_contacter',
    indexCaseId,
    nir: nirFor(counter, '2'),
    lastName: 'Durand',
    firstName: 'Clémence',
    phone: '0143000000',
    postcode: '75',
    sameHousehold: true,
    ...overrides,
  };
}

export const insert = (doc: Record<string, unknown>) => ({ newDocumentState: doc });
export const update = (assumed: Record<string, unknown>, doc: Record<string, unknown>) => ({ assumedMasterState: assumed, newDocumentState: doc });
