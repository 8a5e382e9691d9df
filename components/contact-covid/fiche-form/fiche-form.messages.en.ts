import { english } from '../../i18n/messages.ts';
import type { FicheFormFrench } from './fiche-form.messages.ts';

/** `ficheFormMessages` in English, fetched when the element shows in English. */
export default english<FicheFormFrench>({
  noSession: 'Sign in to enter a Contact COVID file.',
  loading: 'Loading the file…',
  notFound: 'This file is not on this device.',
  required: 'Required information is marked with *',
  blockEnvironment: 'Environment',
  blockContext: 'Infection / symptoms',
  contactHint: 'Phone and e-mail are essential for the insurer’s contact-tracing agents.',
  nirHint: '15 characters, key included; spaces are accepted.',
  identityLocked: 'Identity from the insurer’s directory: it cannot be changed.',
  identityLockedPharmacist: 'A pharmacist cannot change the identity of a patient already recorded.',
  address: 'Home / isolation address confirmed by the contact',
  socialSupportHint: 'You can say which kind of social support the patient wishes.',
  socialSupportDetailsHint: 'Difficulty isolating, housing too small, etc.',
  diagnosisPlaceholder: 'Choose a diagnosis',
  yes: 'Yes',
  no: 'No',
  noDeletion: 'Once validated, a file can never be deleted.',
  saveDraft: 'Save as draft',
  cancel: 'Cancel',
  validate: 'Validate',
  saving: 'Saving…',
  summaryTitle: 'The file was not saved: please correct the following',
  notSaved: 'The file was not saved',
  savedDraft: 'File saved as a draft on this device.',
  savedValidated: 'File validated: {status}.',
  duplicate:
    'This patient file already exists in Contact COVID (same NIR, surname and first name). It is open below, with what you had entered: you may edit it even if you did not create it.',
  duplicateContact:
    'This person is already recorded in Contact COVID as a contact (same NIR, surname and first name). Their file is open below, with what you had entered: enter the positive test result and validate; they will become a patient zero, even if you did not create the file.',
  refused: 'The server refused the latest version of this file: {reason}',
  conflict: 'This file was changed elsewhere at the same time. For these fields, the value stored on the server was kept and is in the form:',
  conflictYours: 'you had entered “{value}”',
});
