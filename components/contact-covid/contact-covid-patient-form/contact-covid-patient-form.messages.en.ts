import { english } from '../../i18n/messages.ts';
import type { PatientFormFrench } from './contact-covid-patient-form.messages.ts';

/** `patientFormMessages` in English, fetched when the element shows in English. */
export default english<PatientFormFrench>({
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
});
