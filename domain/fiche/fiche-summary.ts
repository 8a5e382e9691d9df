import type { Fiche } from './fiche-schema.ts';

/**
 * What a search beyond one's scope shows of a file (`GET /api/fiches/search`): enough to
 * recognise the person and open the file, no contact details and no medical data.
 */
export interface FicheSummary {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly nir: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly postcode: string;
  readonly createdAt: string;
  readonly statusSince: string;
}

export function toFicheSummary(fiche: Fiche): FicheSummary {
  return {
    id: fiche.id,
    kind: fiche.kind,
    status: fiche.status,
    nir: fiche.nir ?? '',
    lastName: fiche.lastName ?? '',
    firstName: fiche.firstName ?? '',
    postcode: fiche.postcode ?? '',
    createdAt: fiche.createdAt ?? '',
    statusSince: fiche.statusSince ?? '',
  };
}
