import { nameSearchKey } from '../../../domain/fiche/vocabulary.ts';
import type { DelegationDocument, DelegationProfile, DelegationStatus } from '../../../domain/delegation/delegation-rules.ts';

/** "RECHERCHE": par nom, par statut, par profil. Empty means "any". */
export interface DashboardFilters {
  readonly name: string;
  readonly statuses: readonly DelegationStatus[];
  readonly profile: DelegationProfile | '';
}

export const NO_FILTERS: DashboardFilters = { name: '', statuses: [], profile: '' };

/** The rows a search keeps: the name matches the délégué's last or first name or e-mail (accents and case ignored). */
export function filterDelegations(list: readonly DelegationDocument[], filters: DashboardFilters): DelegationDocument[] {
  const wanted = nameSearchKey(filters.name);
  return list.filter(
    (d) =>
      (!wanted || [d.delegateLastName, d.delegateFirstName, d.delegateEmail].some((value) => nameSearchKey(value).includes(wanted))) &&
      (filters.statuses.length === 0 || filters.statuses.includes(d.status)) &&
      (!filters.profile || d.profile === filters.profile),
  );
}

/** One page of rows (`page` from 0), and how many pages there are (at least one). */
export function pageOf<T>(rows: readonly T[], page: number, perPage: number): { rows: T[]; pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(current * perPage, current * perPage + perPage), pages, page: current };
}
