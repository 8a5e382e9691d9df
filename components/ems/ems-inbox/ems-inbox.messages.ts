import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  title: 'Échanges médicaux sécurisés',
  intro: 'Échangez en toute confidentialité avec le service médical de l’Assurance Maladie au sujet d’un patient.',
  insurerIntro: 'Les échanges entre les praticiens et le service médical de votre caisse : vous pouvez aussi en ouvrir un avec un médecin.',
  practitionerRpps: 'N° RPPS du médecin destinataire',
  search: 'Rechercher par NIR ou par nom',
  newThread: 'Nouvel échange',
  empty: 'Aucun échange pour l’instant.',
  noneFound: 'Aucun échange ne correspond à la recherche.',
  unread_one: '1 non lu',
  unread_other: '{count} non lus',
  waiting: '{count} en attente d’envoi',
  from: 'De {name}',
  count_zero: 'Aucun échange',
  count_one: '1 échange',
  count_other: '{count} échanges',
  newTitle: 'Nouvel échange au sujet d’un patient',
  vitale: 'Lire une carte Vitale (simulée)',
  vitaleHint: 'Carte Vitale simulée (démonstration) : aucun lecteur n’est interrogé.',
  vitaleChoose: 'Choisissez une carte',
  nir: 'Numéro de sécurité sociale (NIR + clé)',
  lastName: 'Nom du patient',
  firstName: 'Prénom du patient',
  subject: 'Objet',
  body: 'Votre message',
  send: 'Envoyer',
  cancel: 'Annuler',
  summary: 'Le formulaire contient {count} erreur(s) :',
  offline: 'Vous êtes hors ligne : l’échange est enregistré sur cet appareil et partira dès le retour du réseau.',
  signInFirst: 'Connectez-vous pour accéder à vos échanges médicaux sécurisés.',
  strongRequired: 'Les échanges médicaux sécurisés nécessitent une connexion par carte CPS (authentification forte). Déconnectez-vous puis reconnectez-vous avec votre carte CPS ou l’application e-CPS (« Vous connecter par carte CPS »).',
  roleRequired: 'Les échanges médicaux sécurisés sont réservés aux médecins et au service médical de l’Assurance Maladie.',
};

/** The French catalogue's keys, which `ems-inbox.messages.en.ts` gives in English. */
export type EmsInboxFrench = typeof fr;

export const emsInboxMessages = defineMessages(fr, () => import('./ems-inbox.messages.en.ts'));
