import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  title: 'Votre mot de passe doit contenir\u00a0:',
  passed: 'respectée',
  notPassed: 'non respectée',
  'summary.one': '{passed} règle sur {total} respectée',
  'summary.other': '{passed} règles sur {total} respectées',
};

/** The French catalogue's keys, which `password-checklist.messages.en.ts` gives in English. */
export type PasswordChecklistFrench = typeof fr;

/** The rule labels come from the domain (checkPassword); these are the checklist's own words. */
export const passwordChecklistMessages = defineMessages(fr, () => import('./password-checklist.messages.en.ts'));
