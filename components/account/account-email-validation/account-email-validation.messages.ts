import { defineMessages } from '../../i18n/messages.ts';

export const emailValidationMessages = defineMessages({
  fr: {
    title: 'Validation de votre adresse e-mail',
    checking: 'Validation en cours…',
    continue: 'Continuer',
    unreachable: 'Le serveur ne répond pas : le lien n’a pas pu être vérifié. Réessayez quand le réseau sera revenu.',
    retry: 'Réessayer',
  },
  en: {
    title: 'Validating your e-mail address',
    checking: 'Validating…',
    continue: 'Continue',
    unreachable: 'The server does not answer: the link could not be checked. Try again when the network is back.',
    retry: 'Try again',
  },
});
