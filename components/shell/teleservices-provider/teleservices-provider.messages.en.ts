import { english } from '../../i18n/messages.ts';
import type { TeleservicesProviderFrench } from './teleservices-provider.messages.ts';

/** `teleservicesProviderMessages` in English, fetched when the element shows in English. */
export default english<TeleservicesProviderFrench>({
  opening: 'Opening your data…',
  loading: 'Loading…',
  acting: 'You act on behalf of {who} — {profile} profile, until {until}. Every action is recorded in your name and theirs.',
  stopActing: 'Back to my account',
  actFailed: 'Cannot act on behalf of the delegator: {reason}',
  loadFailed: 'This part of the service could not be loaded ({reason}). Check the connection.',
  retryLoad: 'Try again',
  'sessionExpired.one': 'Your session has expired: sign in again. {count} entry waiting on this device will be sent as soon as you are signed in.',
  'sessionExpired.other': 'Your session has expired: sign in again. The {count} entries waiting on this device will be sent as soon as you are signed in.',
  sessionExpiredNothing: 'Your session has expired: sign in again.',
  'unsentWarning.one': '{count} entry has not been accepted by the server yet (waiting to be sent, or refused).',
  'unsentWarning.other': '{count} entries have not been accepted by the server yet (waiting to be sent, or refused).',
  unsentHint: 'Without waiting, they stay on this device, in your name, and will be sent the next time you sign in here; nobody else can send them. Once everything is sent, signing out erases your data from this device.',
  waitAndSignOut: 'Wait until sent, then sign out',
  signOutNow: 'Sign out without waiting',
  cancelSignOut: 'Cancel',
  'waiting.one': 'Sending: you will be signed out as soon as the server accepts the last entry ({count} left).',
  'waiting.other': 'Sending: you will be signed out as soon as the server accepts everything ({count} left).',
  'othersWaiting.one': '{count} entry by {name} waits on this device: it will be sent when {name} signs in here again, never under another session.',
  'othersWaiting.other': '{count} entries by {name} wait on this device: they will be sent when {name} signs in here again, never under another session.',
  discard: 'Delete these entries…',
  discardConfirm: 'Permanently delete the unsent entries of {name} and their data on this device? They never reached the server: they will be lost.',
  discardConfirmButton: 'Delete permanently',
  discardCancel: 'Keep',
});
