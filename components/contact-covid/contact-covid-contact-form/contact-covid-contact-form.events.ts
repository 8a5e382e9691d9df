import type { FicheKind } from '../../../domain/fiche/vocabulary.ts';
import type { FicheStatus } from '../../../domain/fiche/fiche-status.ts';

/**
 * A contact was saved on the device; `promoted` when a positive result made it a patient zéro;
 * `message` the confirmation the form shows (« Délivrance de masques enregistrée… »), for a host
 * that moves on to the file to show it there too.
 */
export class ContactSavedEvent extends Event {
  constructor(readonly detail: { id: string; indexCaseId: string; status: FicheStatus; kind: FicheKind; promoted: boolean; message: string }) {
    super('contact-saved', { bubbles: true, composed: true });
  }
}

/** The user left the contact form without saving (ANNULER). */
export class ContactEditCancelledEvent extends Event {
  constructor(readonly detail: { id: string | null; indexCaseId: string }) {
    super('contact-edit-cancelled', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'contact-saved': ContactSavedEvent;
    'contact-edit-cancelled': ContactEditCancelledEvent;
  }
}
