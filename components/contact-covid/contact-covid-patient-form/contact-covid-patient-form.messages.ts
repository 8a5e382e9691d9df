import { defineMessages } from '../../i18n/messages.ts';

/** The patient zéro form's own words; the shared ones are in fiche-form.messages.ts. */
export const patientFormMessages = defineMessages({
  fr: {
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
  },
  en: {
    titleNew: 'New patient zero',
    titleEdit: 'Edit patient zero',
    titleEditContact: 'Edit the contact’s file',
    otherNir: 'Enter another NIR',
    savedAwaitingResult: 'Awaiting test result: the file is saved as a draft. Validate it when the result comes.',
    blockPatient: 'Patient information',
    blockAgreement: 'Patient’s agreement',
    shareIdentity: 'The patient agrees that their identity be told when the designated contacts are called',
    legalNotice:
      'I informed the patient, or the holder of parental authority, of the information system set up only to identify infected people and their contacts in the fight against the Covid-19 epidemic. I accept the conditions of transmission and the applicable texts in accordance with the regulations in force.',
  },
});
