import type { RxJsonSchema } from 'rxdb';
import type { EmsMessageDocument, EmsThreadDocument } from '../../../domain/ems/ems.ts';

export type LocalEmsThread = EmsThreadDocument;
export type LocalEmsMessage = EmsMessageDocument;

const text = (maxLength = 200) => ({ type: 'string', maxLength }) as const;

export const emsThreadSchema: RxJsonSchema<LocalEmsThread> = {
  title: 'EMS thread',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(64),
    practitionerId: text(64),
    practitionerName: text(),
    office: text(10),
    patientNir: text(20),
    patientLastName: text(100),
    patientFirstName: text(100),
    subject: text(120),
    createdAt: text(30),
    lastMessageAt: text(30),
    practitionerReadAt: text(30),
    insurerReadAt: text(30),
  },
  required: ['id', 'patientNir', 'patientLastName', 'patientFirstName', 'subject', 'lastMessageAt'],
};

export const emsMessageSchema: RxJsonSchema<LocalEmsMessage> = {
  title: 'EMS message',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(64),
    threadId: text(64),
    author: text(20),
    authorName: text(),
    body: { type: 'string', maxLength: 5000 },
    createdAt: text(30),
    sentAt: text(30),
  },
  required: ['id', 'threadId', 'body', 'createdAt'],
  indexes: ['threadId'],
};

/** The fields the server leaves out when empty, filled for the local schema. */
export function withThreadDefaults<T extends Partial<LocalEmsThread>>(doc: T): T {
  return { practitionerId: '', practitionerName: '', office: '', createdAt: '', practitionerReadAt: '', insurerReadAt: '', ...doc };
}
export function withMessageDefaults<T extends Partial<LocalEmsMessage>>(doc: T): T {
  return { author: 'practitioner', authorName: '', sentAt: '', ...doc };
}
