import { english } from '../../i18n/messages.ts';
import type { AccountWelcomeFrench } from './account-welcome.messages.ts';

/** `accountWelcomeMessages` in English, fetched when the element shows in English. */
export default english<AccountWelcomeFrench>({
  passwordTitle: 'Choose your password',
  passwordIntro: 'You signed in with the temporary password received by post. Now choose your personal password: it will be valid for all your places of practice.',
  password: 'New password',
  passwordConfirmation: 'Confirm password',
  save: 'Validate and continue',
  saving: 'Saving…',
  ownEmailTitle: 'Declare a unique e-mail address',
  ownEmailIntro: 'Your e-mail address is shared with other health professionals (group practice) or with your other practices: it cannot be your identifier. You now have one single account for all your places of practice: enter a unique e-mail address, valid for all your practices. A link will be sent to validate it.',
  ownEmail: 'E-mail address',
  ownEmailConfirmation: 'Confirm e-mail address',
  consent: 'I allow the health insurance to use my e-mail address to communicate with me. This address is not used to send general information.',
  title: 'Welcome {name}',
  intro: 'Your health-insurance teleservices are now available from your software, even offline:',
  contactCovid: 'Contact COVID: declare your patient zeros and their contacts.',
  delegation: 'Delegations: give a substitute, a medical assistant or an accountant access to your services.',
  ems: 'Secure messaging (EMS): exchange with the health insurance’s medical service.',
  contact: 'Contact the health insurance: ask your office your questions.',
  emailPending: 'Remember to validate your e-mail address with the link we just sent you: it will then become your identifier.',
  continue: 'Continue',
  unreachable: 'The server does not answer: check your connection and try again.',
});
