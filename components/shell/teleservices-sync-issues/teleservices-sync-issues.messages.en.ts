import { english } from '../../i18n/messages.ts';
import type { SyncIssuesFrench } from './teleservices-sync-issues.messages.ts';

/** `syncIssuesMessages` in English, fetched when the element shows in English. */
export default english<SyncIssuesFrench>({
  title: 'To check before syncing',
  none: 'Nothing to check: what the server received matches your entries.',
  refusedTitle: 'File refused by the server',
  refusedHelp: 'This version stays on this device. Correct the file: it will be sent again.',
  conflictTitle: 'File changed by someone else at the same time',
  conflictHelp: 'The value stored on the server was kept. Yours is shown below: you can apply it again.',
  field: 'Field',
  yours: 'Your entry',
  kept: 'Value kept',
  reapply: 'Apply my entry',
  keep: 'Keep the value kept',
  dismiss: 'Hide',
  empty: '(empty)',
  yes: 'Yes',
  no: 'No',
  unknownFile: 'File {id}',
  reapplyFailed: 'Your entry could not be applied: {reason}',
});
