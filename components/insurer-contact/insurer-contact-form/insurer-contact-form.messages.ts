import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  title: 'Contacter l’Assurance Maladie',
  intro: 'Échangez avec nous par écrit pour toute demande administrative, médicale ou technique d’ordre général. Pour un échange concernant un patient, utilisez les échanges médicaux sécurisés.',
  noSession: 'Connectez-vous pour contacter l’Assurance Maladie.',
  recipientTitle: 'Destinataire',
  scheme: 'Sélectionnez le régime de l’organisme destinataire',
  office: 'Sélectionnez l’organisme destinataire',
  choose: 'Sélectionnez',
  messageTitle: 'Envoyer un message',
  warning: 'Votre message ne doit comporter aucune information sensible ou confidentielle notamment à caractère médical et personnel.',
  subject: 'Objet',
  message: 'Message',
  counter: '{count} / {max}',
  'left.one': 'Il reste {left} caractère sur {max}.',
  'left.other': 'Il reste {left} caractères sur {max}.',
  'over.one': 'Votre message dépasse la limite de {max} caractères : {over} caractère de trop.',
  'over.other': 'Votre message dépasse la limite de {max} caractères : {over} caractères de trop.',
  sensitiveTitle: 'Attention : votre message semble contenir des données qui identifient un patient. Retirez-les avant de valider :',
  sensitiveNir: 'numéro de sécurité sociale : « {excerpt} »',
  sensitiveBirthdate: 'date de naissance : « {excerpt} »',
  sensitiveBlocked: 'Retirez d’abord les données confidentielles signalées : ce message ne peut pas être envoyé ainsi.',
  detailsTitle: 'Coordonnées organisme',
  detailsName: 'Organisme',
  detailsAddress: 'Adresse',
  detailsArea: 'Départements',
  national: 'Tout le territoire',
  detailsPhone: 'Téléphone',
  phone: '3608 (service gratuit + prix appel)',
  detailsHours: 'Horaires',
  detailsNone: 'Sélectionnez un organisme pour afficher ses coordonnées.',
  cancel: 'Annuler',
  validate: 'Valider',
  sending: 'Envoi…',
  summaryTitle: 'Rien n’a été envoyé : corrigez les points suivants',
  offline: 'L’envoi d’un message a besoin du réseau : le serveur ne répond pas. Votre message est conservé ; réessayez une fois la connexion revenue.',
  offlineNotice: 'Vous êtes hors ligne : vous pouvez rédiger votre message, mais son envoi a besoin du réseau.',
  sentTitle: 'Message transmis',
  sent: 'Votre demande n° {reference} a bien été transmise à la {office}.',
  sentHint: 'Notez ce numéro : la réponse vous parviendra à l’adresse e-mail de votre compte.',
  another: 'Écrire un autre message',
};

/** The French catalogue's keys, which `insurer-contact-form.messages.en.ts` gives in English. */
export type InsurerContactFormFrench = typeof fr;

/** The seed's words (« Contacter l'Assurance Maladie » on amelipro) in French; English alongside. */
export const insurerContactFormMessages = defineMessages(fr, () => import('./insurer-contact-form.messages.en.ts'));
