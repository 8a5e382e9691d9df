import { english } from '../../i18n/messages.ts';
import type { PasswordChecklistFrench } from './password-checklist.messages.ts';

/** `passwordChecklistMessages` in English, fetched when the element shows in English. */
export default english<PasswordChecklistFrench>({
  title: 'Your password must contain:',
  passed: 'met',
  notPassed: 'not met',
  'summary.one': '{passed} of {total} rules met',
  'summary.other': '{passed} of {total} rules met',
});
