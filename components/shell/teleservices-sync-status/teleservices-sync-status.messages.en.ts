import { english } from '../../i18n/messages.ts';
import type { SyncStatusFrench } from './teleservices-sync-status.messages.ts';

/** `syncStatusMessages` in English, fetched when the element shows in English. */
export default english<SyncStatusFrench>({
  noSession: 'Sync: no session open',
  unknown: 'Connecting to the sync server…',
  online: 'Online',
  offline: 'Offline',
  error: 'Sync error',
  upToDate: 'everything is in sync',
  offlineNothingWaiting: 'your entries stay on this device',
  'pending.one': '{count} change waiting to be sent',
  'pending.other': '{count} changes waiting to be sent',
  'refused.one': '{count} file refused by the server',
  'refused.other': '{count} files refused by the server',
  'conflicts.one': '{count} file changed elsewhere at the same time',
  'conflicts.other': '{count} files changed elsewhere at the same time',
});
