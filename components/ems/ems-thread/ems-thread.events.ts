/** « Retour à la boîte de réception »: the host shows the inbox again. `detail.threadId` is the thread left. */
export class EmsThreadClosedEvent extends Event {
  constructor(readonly detail: { threadId: string }) {
    super('ems-thread-closed', { bubbles: true, composed: true });
  }
}

/**
 * A message was written on this device (it leaves for the server at once, or when the network is
 * back). `detail.threadId` is its thread, `detail.messageId` its id.
 */
export class EmsMessageSentEvent extends Event {
  constructor(readonly detail: { threadId: string; messageId: string }) {
    super('ems-message-sent', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ems-thread-closed': EmsThreadClosedEvent;
    'ems-message-sent': EmsMessageSentEvent;
  }
}
