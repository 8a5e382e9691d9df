import { english } from '../../i18n/messages.ts';
import type { AccountMigrationFrench } from './account-migration.messages.ts';

/** `accountMigrationMessages` in English, fetched when the element shows in English. */
export default english<AccountMigrationFrench>({
  choiceTitle: 'Your account is changing',
  choiceIntro:
    'The laboratories’ and pharmacies’ accounts are changing. {structure} may now have two kinds of accounts, which give access to the same information and services (payments, agreement, patient information…):',
  administrativeDescription:
    'the administrative account, the structure’s own: it gives access to the teleservices at all times, whoever the manager is (a new director, a new pharmacist…). It signs in with number {number} or its e-mail address, and a password — no longer with a CPS card. It is the usual use of laboratories and pharmacies;',
  managerDescription:
    'the structure manager account, personal: it follows you in all your places of practice. You sign in with your CPS card, or your e-mail address and a password — no longer with number {number}.',
  choiceKept: 'Choose the kind of your account. You keep your files, your history and your password, and you may create the other kind of account afterwards if you wish.',
  accountKind: 'Kind of account',
  administratif: 'Administrative account of the structure',
  responsable: 'Structure manager account',
  email: 'E-mail address of the account',
  emailHint: 'A new address becomes the account’s identifier once validated by the link we send to it.',
  emailHintAdministrative:
    'We advise the structure’s generic e-mail address: it will last whoever the manager is. A new address becomes the account’s identifier once validated by the link we send to it.',
  emailHintManager:
    'We advise your own e-mail address: it will follow you whatever your place of practice. A new address becomes the account’s identifier once validated by the link we send to it.',
  choose: 'Confirm my choice',
  choosing: 'Saving…',
  doneTitle: 'Your account has changed',
  why1: 'You signed in with your CPS card: your account was automatically turned into a structure manager account.',
  why2administratif: 'Your account is now the administrative account of {structure}.',
  why2responsable: 'Your account is now a structure manager account.',
  why3: 'An administrative account already exists for {structure}: your account was automatically turned into a structure manager account.',
  kept: 'You reach every service and all the information open to your structure; your files, your history and your password are kept.',
  managerNoNumber: 'You can no longer sign in with number {number}: use your CPS card or your e-mail address.',
  managerMayCreate: 'If you wish, you may create an administrative account for the structure (“Create an account”, number {number}): its temporary password will be sent by post to the structure’s address.',
  administrativeNoCard: 'You can no longer sign in with your CPS card: use number {number} or the account’s e-mail address.',
  administrativeMayCreate: 'If you wish, you may create your structure manager account with your CPS card (“Create an account”).',
  emailed: 'An e-mail summing up these changes was sent to the account’s address.',
  continue: 'Continue',
  unreachable: 'The server does not answer: check your connection and try again.',
});
