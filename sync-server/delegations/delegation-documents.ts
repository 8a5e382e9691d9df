import { DELEGATION_STATUS_LABELS, delegationTransition, type DelegationAction, type DelegationDocument, type DelegationStatus, type Localized } from '../../domain/index.ts';
import { ApiError } from '../http-errors.ts';
import type { DelegationMailContext } from './delegation-mails.ts';
import type { DelegationRow, DelegationView } from './delegation-storage.ts';

/** A delegation as it replicates: the document, or a content-free deletion. */
export type ReplicatedDelegation = (DelegationDocument & { _deleted: false }) | { id: string; _deleted: true };

export const UNKNOWN_DELEGATION: Localized = { fr: 'Délégation introuvable.', en: 'Delegation not found.' };

const displayName = (user: { civility: string; firstName: string; lastName: string }) => [user.civility, user.firstName, user.lastName].filter(Boolean).join(' ');

/** What the dashboards and the invitation page show of a delegation. */
export function delegationDocument({ row, delegant, delegate, structures }: DelegationView): DelegationDocument {
  return {
    id: row.id,
    delegantId: row.delegantId,
    delegantName: delegant ? displayName(delegant) : '',
    delegateId: row.delegateId ?? '',
    delegateEmail: row.delegateEmail,
    delegateCivility: delegate?.civility ?? '',
    delegateFirstName: delegate?.firstName ?? '',
    delegateLastName: delegate?.lastName ?? '',
    profile: row.profile,
    cpeCardId: row.cpeCardId,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    status: row.status,
    statusSince: row.statusSince,
    structures,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function replicatedDelegation(view: DelegationView): ReplicatedDelegation {
  return view.row.deletedAt !== null ? { id: view.row.id, _deleted: true } : { ...delegationDocument(view), _deleted: false };
}

/** What the e-mails about a delegation say of it. */
export function mailContext(view: DelegationView): DelegationMailContext {
  const document = delegationDocument(view);
  return {
    delegantName: document.delegantName,
    delegantGender: view.delegant?.gender ?? '',
    delegantEmail: view.delegant?.email ?? '',
    delegateName: [document.delegateCivility, document.delegateFirstName, document.delegateLastName].filter(Boolean).join(' '),
    delegateEmail: view.row.delegateEmail,
    profile: view.row.profile,
    validFrom: view.row.validFrom,
    validUntil: view.row.validUntil,
    structures: document.structures.map((s) => `${s.name}, ${s.address}`),
  };
}

/** A move of the status table as a store's `decide`: the next status, or the 409 of a move no longer possible. */
export const transitionBy =
  (action: DelegationAction, by: 'delegant' | 'delegue') =>
  (row: DelegationRow): DelegationStatus => {
    const to = delegationTransition(row.status, action, by);
    if (!to) {
      throw new ApiError(
        409,
        { fr: `Cette délégation est « ${row.status} » : cette action n’est plus possible.`, en: `This delegation is “${DELEGATION_STATUS_LABELS[row.status].en}”: this action is no longer possible.` },
        { reason: 'invalid_transition', status: row.status },
      );
    }
    return to;
  };
