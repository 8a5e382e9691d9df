import { SIGNATURE, type OutgoingMessage } from '../outbox/outbox.ts';

/** The notice of a message from the insurer (French: its recipients are): that a new EMS waits, never its content. */
export function insurerMessageNotice(recipient: string, appUrl: string): OutgoingMessage {
  return {
    channel: 'email',
    recipient,
    subject: 'Un nouvel échange médical sécurisé vous attend',
    body: `Bonjour,\n\nLe service médical de l’Assurance Maladie vous a adressé un nouveau message dans vos échanges médicaux sécurisés (EMS).\n\nPar confidentialité, son contenu n’est jamais envoyé par e-mail : connectez-vous avec votre carte CPS pour le lire.\n\n${appUrl.replace(/\/$/, '')}/#ems${SIGNATURE}`,
  };
}
