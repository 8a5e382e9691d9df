import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  titleNew: 'Nouveau patient zéro',
  titleEdit: 'Modifier le patient zéro',
  titleEditContact: 'Modifier la fiche du patient contact',
  otherNir: 'Saisir un autre NIR',
  savedAwaitingResult: 'En attente du résultat de test : la fiche est enregistrée en brouillon. Validez-la à réception du résultat.',
  blockPatient: 'Informations du patient',
  blockAgreement: 'Accord du patient',
  shareIdentity: 'Le patient accepte que son identité soit communiquée lors des appels vers les personnes contacts désignées',
  legalNotice:
    'J’ai informé le patient, ou le titulaire de l’autorité parentale, du système d’information visant à identifier les personnes infectées et leurs contacts mis en place aux seules fins de lutter contre l’épidémie de Covid-19. J’accepte les conditions de transmission et les textes applicables conformément à la réglementation en vigueur.',
};

/** The French catalogue's keys, which `contact-covid-patient-form.messages.en.ts` gives in English. */
export type PatientFormFrench = typeof fr;

/** The patient zéro form's own words; the shared ones are in fiche-form.messages.ts. */
export const patientFormMessages = defineMessages(fr, () => import('./contact-covid-patient-form.messages.en.ts'));
