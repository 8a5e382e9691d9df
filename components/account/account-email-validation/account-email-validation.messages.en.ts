import { english } from '../../i18n/messages.ts';
import type { EmailValidationFrench } from './account-email-validation.messages.ts';

/** `emailValidationMessages` in English, fetched when the element shows in English. */
export default english<EmailValidationFrench>({
  title: 'Validating your e-mail address',
  checking: 'Validating…',
  continue: 'Continue',
  unreachable: 'The server does not answer: the link could not be checked. Try again when the network is back.',
  retry: 'Try again',
});
