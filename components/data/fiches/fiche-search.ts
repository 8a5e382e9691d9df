import { nameSearchKey } from '../../../domain/fiche/vocabulary.ts';
import { normalizeNir } from '../../../domain/identifiers/nir.ts';
import type { FicheStatus } from '../../../domain/fiche/fiche-status.ts';

/** What the search of "Votre liste Contact-COVID" takes: NIR, nom, prénom, statut (all optional). */
export interface FicheSearch {
  readonly nir?: string;
  readonly lastName?: string;
  readonly firstName?: string;
  readonly status?: FicheStatus | '';
}

/** The fields a search looks at, on a stored file or on a summary found on the server. */
export interface SearchableFiche {
  readonly nir: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly birthName?: string | undefined;
  readonly status: string;
}

/**
 * A test for one search, built once: the NIR by its start (spaces aside), nom (usage or birth
 * name) and prénom by their start with accents and case ignored, the exact statut.
 */
export function ficheSearchMatcher(criteria: FicheSearch): (fiche: SearchableFiche) => boolean {
  const nir = normalizeNir(criteria.nir ?? '');
  const lastName = nameSearchKey(criteria.lastName);
  const firstName = nameSearchKey(criteria.firstName);
  return (f) =>
    (nir === '' || f.nir.startsWith(nir)) &&
    (lastName === '' || nameSearchKey(f.lastName).startsWith(lastName) || nameSearchKey(f.birthName).startsWith(lastName)) &&
    (firstName === '' || nameSearchKey(f.firstName).startsWith(firstName)) &&
    (!criteria.status || f.status === criteria.status);
}
