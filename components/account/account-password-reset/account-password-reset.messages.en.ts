import { english } from '../../i18n/messages.ts';
import type { PasswordResetFrench } from './account-password-reset.messages.ts';

/** `passwordResetMessages` in English, fetched when the element shows in English. */
export default english<PasswordResetFrench>({
  titleRequest: 'Forgotten password',
  intro: 'Enter your e-mail address, or your health-insurance or FINESS number: you will receive a link to choose a new password.',
  identifier: 'E-mail, health-insurance or FINESS number',
  sharedIntro: 'Your e-mail address is not unique: several accounts share it. Identify yourself with your health-insurance or FINESS number to receive the link.',
  sharedEmail: 'E-mail address of your account',
  number: 'or health-insurance or FINESS number',
  numberHint: 'You can also change your password in your account management by signing in with your CPS card.',
  send: 'Send',
  sending: 'Sending…',
  back: 'Back to sign-in',
  titleReset: 'Choose a new password',
  password: 'New password',
  confirmation: 'Confirm the new password',
  save: 'Validate',
  saving: 'Saving…',
  required: 'This field is required.',
  mismatch: 'The two passwords are not the same.',
  unreachable: 'The server does not answer: check your connection and try again.',
});
