import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  patientZero: 'Patient zéro',
  contact: 'Fiche patient contact',
  edit: 'Modifier',
  nir: 'NIR',
  birthDate: 'Date de naissance',
  address: 'Adresse',
  status: 'Statut',
  since: 'Depuis le {date}',
  declarant: 'Déclarant',
  yourself: 'Vous-même',
  otherDeclarant: 'Autre professionnel',
  indexCase: 'Patient zéro',
  contacts: 'Personnes contacts',
  paperForm: 'Formulaire de contact',
  addContact: 'Ajouter personne contact',
  backToList: 'Retour à la liste',
  colPatient: 'Patient',
  colDeclarant: 'Déclarant',
  colReception: 'Réception',
  colStatus: 'État',
  colSince: 'Depuis',
  noContact: 'Aucune fiche trouvée',
  open: 'Ouvrir la fiche de {name}',
  notSent: 'En attente d’envoi',
  pending: 'Modifications en attente d’envoi au serveur.',
  refused: 'Le serveur a refusé la dernière version de cette fiche : {reason}',
  notSaved: 'Non enregistrée : refusée par le serveur',
  lastAccepted: 'Dernière version acceptée le {date}',
  neverAccepted: 'Jamais acceptée par le serveur',
  maskDelivered: 'Masque délivré',
  samplingDate: 'Prélèvement le',
  yes: 'Oui',
  no: 'Non',
  notGiven: 'Non renseigné',
  noSession: 'Connectez-vous pour voir cette fiche.',
  loading: 'Chargement de la fiche…',
  notFound: 'Cette fiche n’est pas sur cet appareil.',
  popupBlocked: 'Le navigateur a bloqué la fenêtre d’impression : autorisez les fenêtres pour ce site.',
};

/** The French catalogue's keys, which `contact-covid-patient-file.messages.en.ts` gives in English. */
export type PatientFileFrench = typeof fr;

export const patientFileMessages = defineMessages(fr, () => import('./contact-covid-patient-file.messages.en.ts'));
