import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  title: 'Validation de votre adresse e-mail',
  checking: 'Validation en cours…',
  continue: 'Continuer',
  unreachable: 'Le serveur ne répond pas : le lien n’a pas pu être vérifié. Réessayez quand le réseau sera revenu.',
  retry: 'Réessayer',
};

/** The French catalogue's keys, which `account-email-validation.messages.en.ts` gives in English. */
export type EmailValidationFrench = typeof fr;

export const emailValidationMessages = defineMessages(fr, () => import('./account-email-validation.messages.en.ts'));
