import type { RxJsonSchema } from 'rxdb';
import type { DelegationDocument } from '../../../domain/delegation/delegation.ts';

/** A delegation as stored in the browser: read-only, as the server replicates it to both parties. */
export type LocalDelegation = DelegationDocument;

const text = (maxLength = 200) => ({ type: 'string', maxLength }) as const;

export const delegationCollectionSchema: RxJsonSchema<LocalDelegation> = {
  title: 'Delegation of access',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(64),
    delegantId: text(64),
    delegantName: text(),
    delegateId: text(64),
    delegateEmail: text(254),
    delegateCivility: text(10),
    delegateFirstName: text(),
    delegateLastName: text(),
    profile: text(30),
    cpeCardId: text(40),
    validFrom: text(10),
    validUntil: text(10),
    status: text(20),
    statusSince: text(30),
    structures: {
      type: 'array',
      items: { type: 'object', properties: { id: text(64), name: text(), number: text(20), address: text(300) } },
    },
    createdAt: text(30),
    updatedAt: text(30),
  },
  required: ['id', 'delegantId', 'delegateEmail', 'profile', 'validFrom', 'validUntil', 'status'],
};
