/** The user asks to create a new patient zéro (NOUVEAU PATIENT); the host shows the form. */
export class PatientCreateRequestEvent extends Event {
  constructor() {
    super('patient-create-request', { bubbles: true, composed: true, cancelable: true });
  }
}

/** The user asks to open a file; the host shows `<contact-covid-patient-file>`. */
export class PatientOpenRequestEvent extends Event {
  constructor(readonly detail: { id: string; kind: string }) {
    super('patient-open-request', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'patient-create-request': PatientCreateRequestEvent;
    'patient-open-request': PatientOpenRequestEvent;
  }
}
