/** MODIFIER: the host shows the form of this file. */
export class PatientEditRequestEvent extends Event {
  constructor(readonly detail: { id: string; kind: string }) {
    super('patient-edit-request', { bubbles: true, composed: true, cancelable: true });
  }
}

/** AJOUTER PERSONNE CONTACT: the host shows `<contact-covid-contact-form index-case-id>`. */
export class ContactCreateRequestEvent extends Event {
  constructor(readonly detail: { indexCaseId: string }) {
    super('contact-create-request', { bubbles: true, composed: true, cancelable: true });
  }
}

/** RETOUR À LA LISTE. */
export class PatientListRequestEvent extends Event {
  constructor() {
    super('patient-list-request', { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'patient-edit-request': PatientEditRequestEvent;
    'contact-create-request': ContactCreateRequestEvent;
    'patient-list-request': PatientListRequestEvent;
  }
}
