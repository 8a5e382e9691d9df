/** The message left for the office; `detail.reference` is the request's number, `detail.office` the office's code. */
export class InsurerContactSentEvent extends Event {
  constructor(readonly detail: { reference: string; office: string }) {
    super('insurer-contact-sent', { bubbles: true, composed: true });
  }
}

/** « Annuler »: the user gave up writing (the host may close the form). */
export class InsurerContactCancelledEvent extends Event {
  constructor() {
    super('insurer-contact-cancelled', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'insurer-contact-sent': InsurerContactSentEvent;
    'insurer-contact-cancelled': InsurerContactCancelledEvent;
  }
}
