import { defineMessages } from '../../i18n/messages.ts';

/** The rule labels come from the domain (checkPassword); these are the checklist's own words. */
export const passwordChecklistMessages = defineMessages({
  fr: {
    title: 'Votre mot de passe doit contenir\u00a0:',
    passed: 'respectée',
    notPassed: 'non respectée',
    'summary.one': '{passed} règle sur {total} respectée',
    'summary.other': '{passed} règles sur {total} respectées',
  },
  en: {
    title: 'Your password must contain:',
    passed: 'met',
    notPassed: 'not met',
    'summary.one': '{passed} of {total} rules met',
    'summary.other': '{passed} of {total} rules met',
  },
});
