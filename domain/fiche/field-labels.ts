import type { FicheField } from './fiche-schema.ts';

/**
 * The label of each field of a file, as the seeds' screens show it (French) and in English:
 * for forms, error summaries, sync issues and server messages that name a field.
 */
export const FICHE_FIELD_LABELS: Record<FicheField, { readonly fr: string; readonly en: string }> = {
  id: { fr: 'Identifiant de la fiche', en: 'File id' },
  kind: { fr: 'Type de fiche', en: 'Kind of file' },
  status: { fr: 'Statut', en: 'Status' },
  statusSince: { fr: 'Depuis le', en: 'Since' },
  nir: { fr: 'Numéro de sécurité sociale (NIR + Clé)', en: 'Social-security number (NIR + key)' },
  lastName: { fr: 'Nom d’usage', en: 'Surname in use' },
  birthName: { fr: 'Nom de naissance', en: 'Birth name' },
  firstName: { fr: 'Prénom', en: 'First name' },
  birthDate: { fr: 'Date de naissance', en: 'Date of birth' },
  phone: { fr: 'Téléphone', en: 'Phone' },
  email: { fr: 'E-mail', en: 'E-mail' },
  emailConsent: {
    fr: 'J’accepte que cette adresse mail soit utilisée pour recevoir des informations relatives au suivi de mon dossier',
    en: 'I agree that this e-mail address be used to receive information about the follow-up of my file',
  },
  address: { fr: 'Adresse de résidence / adresse de confinement', en: 'Home / isolation address' },
  postcode: { fr: 'Code postal/départ.', en: 'Postcode/department' },
  commune: { fr: 'Commune', en: 'Town' },
  identityFromDirectory: { fr: 'Identité issue du répertoire de l’Assurance Maladie', en: 'Identity from the insurer’s directory' },
  patientSituation: { fr: 'Situation du patient', en: 'Patient’s situation' },
  symptoms: { fr: 'Le patient présente-t-il des symptômes évocateurs du COVID-19 ?', en: 'Does the patient show symptoms suggestive of COVID-19?' },
  diagnosis: { fr: 'Diagnostic', en: 'Diagnosis' },
  samplingDate: { fr: 'Prélèvement le', en: 'Sampled on' },
  collectivityExposure: { fr: 'Le patient peut-il exposer ou avoir exposé une collectivité ?', en: 'May the patient expose, or have exposed, a community?' },
  travel14Days: { fr: 'Voyage dans les 14 jours en dehors de la région ou pays de résidence', en: 'Travel in the last 14 days outside the region or country of residence' },
  socialSupport: { fr: 'J’ai informé mon patient et il accepte de bénéficier d’un accompagnement social', en: 'I informed my patient, who accepts social support' },
  socialSupportNeeds: { fr: 'Nature de l’accompagnement social', en: 'Kind of social support' },
  socialSupportDetails: { fr: 'Précision sur le besoin d’accompagnement social', en: 'Details of the social-support need' },
  homeSampling: { fr: 'Prélèvement à domicile demandé', en: 'Home sampling requested' },
  healthcareWorker: { fr: 'Soignant (au contact de patients ou de personnes fragiles)', en: 'Healthcare worker (in contact with patients or vulnerable people)' },
  shareIdentityWithContacts: { fr: 'Le patient zéro accepte de communiquer son identité', en: 'Patient zero agrees to share their identity' },
  legalNotice: { fr: 'Mentions légales', en: 'Legal notice' },
  indexCaseId: { fr: 'Patient zéro', en: 'Patient zero' },
  sameHousehold: { fr: 'Même foyer ?', en: 'Same household?' },
  lastContactDate: { fr: 'Date du dernier contact avec le patient zéro', en: 'Date of last contact with patient zero' },
  wantsResults: { fr: 'Souhaitez-vous recevoir les résultats ?', en: 'Do you want to receive the results?' },
  resultsRecipient: { fr: 'Destinataire du résultat : précisions', en: 'Results recipient: details' },
  maskDelivered: { fr: 'Masque délivré', en: 'Mask delivered' },
  declarantId: { fr: 'Déclarant', en: 'Declarant' },
  structureId: { fr: 'Structure', en: 'Structure' },
  createdAt: { fr: 'Création', en: 'Created' },
  updatedAt: { fr: 'Dernière modification', en: 'Last change' },
};

export function ficheFieldLabel(field: string, locale: string = 'fr'): string {
  const labels = FICHE_FIELD_LABELS[field as FicheField];
  if (!labels) return field;
  return locale.startsWith('en') ? labels.en : labels.fr;
}
