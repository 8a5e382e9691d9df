import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  noSession: 'Connectez-vous pour saisir une fiche Contact COVID.',
  loading: 'Chargement de la fiche…',
  notFound: 'Cette fiche n’est pas sur cet appareil.',
  required: 'Les informations obligatoires sont indiquées par le sigle *',
  blockEnvironment: 'Éléments environnementaux',
  blockContext: 'Contextes infections/symptômes',
  contactHint: 'Les coordonnées téléphoniques et mail sont essentielles pour faciliter le contact tracing aux agents de l’Assurance Maladie.',
  nirHint: '15 caractères, clé comprise ; les espaces sont acceptés.',
  identityLocked: 'Identité issue du répertoire de l’Assurance Maladie : elle ne peut pas être modifiée.',
  identityLockedPharmacist: 'L’identité d’un patient déjà enregistré ne peut pas être modifiée par un pharmacien.',
  address: 'Adresse de résidence / adresse de confinement confirmée par le contact',
  socialSupportHint: 'Il est possible de renseigner la nature de l’accompagnement social souhaité par le patient.',
  socialSupportDetailsHint: 'Difficultés d’isolement, habitat trop petit, etc.',
  diagnosisPlaceholder: 'Sélectionnez un diagnostic',
  yes: 'Oui',
  no: 'Non',
  noDeletion: 'Une fois validée, une fiche ne peut pas être supprimée.',
  saveDraft: 'Enregistrer en brouillon',
  cancel: 'Annuler',
  validate: 'Valider',
  saving: 'Enregistrement…',
  summaryTitle: 'La fiche n’a pas été enregistrée : corrigez les points suivants',
  notSaved: 'La fiche n’a pas été enregistrée',
  savedDraft: 'Fiche enregistrée en brouillon sur cet appareil.',
  savedValidated: 'Fiche validée : {status}.',
  duplicate:
    'Cette fiche patient existe déjà dans Contact COVID (même NIR, même nom et même prénom). Elle est ouverte ci-dessous, avec ce que vous aviez saisi : vous pouvez la modifier, même si vous n’en êtes pas le créateur.',
  duplicateContact:
    'Cette personne est déjà enregistrée dans Contact COVID comme personne contact (même NIR, même nom et même prénom). Sa fiche est ouverte ci-dessous, avec ce que vous aviez saisi : renseignez le résultat positif du test et validez, elle deviendra patient zéro, même si vous n’en êtes pas le créateur.',
  refused: 'Le serveur a refusé la dernière version de cette fiche : {reason}',
  conflict: 'Cette fiche a été modifiée en même temps ailleurs. Pour ces champs, la valeur enregistrée sur le serveur a été conservée et figure dans le formulaire :',
  conflictYours: 'vous aviez saisi « {value} »',
};

/** The French catalogue's keys, which `fiche-form.messages.en.ts` gives in English. */
export type FicheFormFrench = typeof fr;

/** Words shared by the Contact COVID file forms (patient zéro and contact). */
export const ficheFormMessages = defineMessages(fr, () => import('./fiche-form.messages.en.ts'));
