import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  kicker: 'Échange médical sécurisé',
  back: 'Retour à la boîte de réception',
  noSession: 'Connectez-vous avec votre carte CPS pour accéder à vos échanges médicaux sécurisés.',
  cpsRequired: 'Les échanges médicaux sécurisés nécessitent une connexion par carte CPS.',
  roleRequired: 'Ils sont réservés aux médecins et au médecin conseil du service médical de l’Assurance Maladie.',
  loading: 'Chargement de l’échange…',
  notFoundTitle: 'Échange introuvable',
  notFound: 'Cet échange n’est pas sur cet appareil. S’il vous est adressé, il apparaîtra ici dès qu’il aura été synchronisé.',
  patient: 'Patient',
  nir: 'NIR',
  subject: 'Objet',
  practitioner: 'Praticien',
  messagesTitle: 'Messages de l’échange',
  empty: 'Aucun message dans cet échange pour l’instant. Écrivez le premier ci-dessous.',
  you: 'Vous',
  insurer: 'Service médical de l’Assurance Maladie',
  practitionerFallback: 'Le praticien',
  writtenOn: 'Écrit le',
  statusLabel: 'État :',
  waiting: 'En attente d’envoi',
  sent: 'Envoyé',
  read: 'Lu',
  composeTitle: 'Répondre',
  body: 'Votre message',
  counter: '{count} / {max}',
  'left.one': 'Il reste {left} caractère sur {max}.',
  'left.other': 'Il reste {left} caractères sur {max}.',
  full: 'Votre message a atteint la limite de {max} caractères.',
  shortcut: 'Ctrl + Entrée envoie le message.',
  send: 'Envoyer',
  queuedOffline: 'Vous êtes hors ligne : le message partira dès le retour du réseau, dans l’ordre.',
  newMessage: 'Nouveau message de {author}',
  sendFailed: 'Le message n’a pas pu être enregistré sur cet appareil : {reason}',
};

/** The French catalogue's keys, which `ems-thread.messages.en.ts` gives in English. */
export type EmsThreadFrench = typeof fr;

/** The words of amelipro's « Échanges médicaux sécurisés » in French; English alongside. */
export const emsThreadMessages = defineMessages(fr, () => import('./ems-thread.messages.en.ts'));
