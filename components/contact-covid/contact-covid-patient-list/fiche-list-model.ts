import { departmentOf } from '../../../domain/identifiers/contact-details.ts';
import { nameSearchKey } from '../../../domain/fiche/vocabulary.ts';
import type { FicheStatus } from '../../../domain/fiche/fiche-status.ts';
import type { FicheSummary } from '../../../domain/fiche/fiche-summary.ts';
import { ficheSearchMatcher } from '../../data/fiches/fiche-search.ts';

/** A row of the list: a file on the device, or a summary found on the server. */
export interface ListRow extends Pick<FicheSummary, 'id' | 'kind' | 'status' | 'nir' | 'lastName' | 'firstName'> {
  readonly birthName?: string | undefined;
  readonly postcode?: string | undefined;
  readonly createdAt?: string | undefined;
  readonly statusSince?: string | undefined;
  readonly declarantId?: string | undefined;
}

export interface ListCriteria {
  readonly nir: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly status: FicheStatus | '';
}

export const EMPTY_CRITERIA: ListCriteria = { nir: '', lastName: '', firstName: '', status: '' };

export type SortColumn = 'patient' | 'declarant' | 'reception' | 'status' | 'since' | 'department';
export interface ListSort {
  readonly column: SortColumn;
  readonly direction: 'asc' | 'desc';
}

/** The rows of "Votre liste Contact-COVID": search, sort, page — pure, so the view stays thin. */
export function filterFiches<R extends ListRow>(fiches: readonly R[], criteria: ListCriteria): R[] {
  return fiches.filter(ficheSearchMatcher(criteria));
}

function sortKey(fiche: ListRow, column: SortColumn, userId: string): string {
  switch (column) {
    case 'patient':
      return `${nameSearchKey(fiche.lastName)} ${nameSearchKey(fiche.firstName)}`;
    case 'declarant':
      return !fiche.declarantId || fiche.declarantId === userId ? '0' : `1${fiche.declarantId}`;
    case 'reception':
      return fiche.createdAt || '9999';
    case 'status':
      return fiche.status;
    case 'since':
      return fiche.statusSince || '9999';
    case 'department':
      return departmentOf(fiche.postcode ?? '');
  }
}

export function sortFiches<R extends ListRow>(fiches: readonly R[], sort: ListSort, userId: string): R[] {
  const factor = sort.direction === 'asc' ? 1 : -1;
  return [...fiches].sort((a, b) => factor * sortKey(a, sort.column, userId).localeCompare(sortKey(b, sort.column, userId), 'fr') || a.id.localeCompare(b.id));
}

export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((current - 1) * pageSize, current * pageSize), page: current, pages };
}
