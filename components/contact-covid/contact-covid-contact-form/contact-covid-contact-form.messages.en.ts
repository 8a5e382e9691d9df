import { english } from '../../i18n/messages.ts';
import type { ContactFormFrench } from './contact-covid-contact-form.messages.ts';

/** `contactFormMessages` in English, fetched when the element shows in English. */
export default english<ContactFormFrench>({
  titleNew: 'New contact',
  titleEdit: 'Contact file',
  titleMask: 'Mask delivery',
  titleSampling: 'Sampling',
  indexCase: 'Contact of: {name}',
  noIndexCase: 'A contact is created from the file of its patient zero.',
  blockContact: 'Contact information',
  blockSampling: 'Test sampling',
  blockResults: 'Results recipient',
  blockMask: 'Mask',
  shareIdentity: 'Patient zero agrees to share their identity with this contact',
  legalNotice:
    'I informed the person contacted, or the holder of parental authority, of the information system set up only to identify infected people and their contacts in the fight against the Covid-19 epidemic. I accept the conditions of transmission and the applicable texts in accordance with the regulations in force.',
  identity: 'Identity',
  nir: 'NIR: {nir}',
  birthDate: 'Date of birth: {date}',
  address: 'Address: {address}',
  phone: 'Phone: {phone}',
  maskHelp: 'Tick “Yes” then click “Validate” to record the delivery.',
  samplingHelp: 'Enter the date the sample was taken, then click “Validate”.',
  promoted: 'The result is positive: the contact becomes a patient zero ({status}). You can now add their own contacts.',
  saved: 'Contact file saved: {status}.',
  maskSaved: 'Mask delivery recorded for {name}.',
  samplingSaved: 'Sample of {date} recorded for {name}.',
  blockAntigen: 'Antigen test',
  antigenHelp:
    'If you carried out a positive antigen test, enter its result and date, tick the legal notice and validate: the contact will become a patient zero, even if you did not create the file.',
  homeSampling: 'Home sampling requested: {answer}',
  wantsResults: 'Wishes to receive the results: {answer}',
  resultsRecipient: 'Details: {details}',
  lastContact: 'Last contact with the patient zero: {date}',
  yes: 'Yes',
  no: 'No',
  otherNir: 'Enter another NIR',
});
