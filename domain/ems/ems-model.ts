/**
 * Secure medical exchanges (EMS, SPEC §5): a practitioner signed in with the CPS card writes to
 * the insurer's médecin conseil about one patient identified by NIR. A thread is bound to one
 * patient and one practitioner; messages are immutable once sent; each party's read state is a
 * mark on the thread. Shared by the widgets and the sync server.
 */
export const EMS_MESSAGE_MAX = 5000;


/** Which side of the exchange: the practitioner (or their délégué), or the insurer's médecin conseil. */
export type EmsSide = 'practitioner' | 'insurer';

export interface EmsThreadDocument {
  readonly id: string;
  readonly practitionerId: string;
  readonly practitionerName: string;
  /** The insurer office the thread is addressed to (the practice's), e.g. '751'. */
  readonly office: string;
  readonly patientNir: string;
  readonly patientLastName: string;
  readonly patientFirstName: string;
  readonly subject: string;
  readonly createdAt: string;
  readonly lastMessageAt: string;
  /** Up to when each side has read the thread ('' = never). */
  readonly practitionerReadAt: string;
  readonly insurerReadAt: string;
}

export interface EmsMessageDocument {
  readonly id: string;
  readonly threadId: string;
  readonly author: EmsSide;
  readonly authorName: string;
  readonly body: string;
  /**
   * When it was written: the device's clock, for the order of an offline queue, validated by the
   * server — never later than it received it, never earlier than the thread's previous message
   * nor than 30 days before.
   */
  readonly createdAt: string;
  /** When the server received it ('' while it waits on the device). */
  readonly sentAt: string;
}

/** The messages of the other side that `side` has not read yet. */
export function unreadCount(thread: Pick<EmsThreadDocument, 'practitionerReadAt' | 'insurerReadAt'>, messages: readonly Pick<EmsMessageDocument, 'author' | 'sentAt' | 'createdAt'>[], side: EmsSide): number {
  const readAt = side === 'practitioner' ? thread.practitionerReadAt : thread.insurerReadAt;
  return messages.filter((m) => m.author !== side && (m.sentAt || m.createdAt) > readAt).length;
}
