import type { FicheStatus } from '../../../domain/fiche/fiche-status.ts';

/** A patient zéro was saved on the device (it reaches the server with the sync). */
export class PatientSavedEvent extends Event {
  constructor(readonly detail: { id: string; status: FicheStatus; draft: boolean }) {
    super('patient-saved', { bubbles: true, composed: true });
  }
}

/** The user left the form without saving (ANNULER). */
export class PatientEditCancelledEvent extends Event {
  constructor(readonly detail: { id: string | null }) {
    super('patient-edit-cancelled', { bubbles: true, composed: true });
  }
}

/** The file being created already exists (same NIR, nom, prénom): the form opened it. */
export class PatientDuplicateFoundEvent extends Event {
  constructor(readonly detail: { id: string }) {
    super('patient-duplicate-found', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'patient-saved': PatientSavedEvent;
    'patient-edit-cancelled': PatientEditCancelledEvent;
    'patient-duplicate-found': PatientDuplicateFoundEvent;
  }
}
