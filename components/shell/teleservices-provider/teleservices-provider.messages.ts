import { defineMessages } from '../../i18n/messages.ts';

export const teleservicesProviderMessages = defineMessages({
  fr: {
    title: 'Connexion aux téléservices',
    identifier: 'Identifiant (e-mail, n° Assurance Maladie ou FINESS)',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    required: 'Saisissez votre identifiant et votre mot de passe.',
    opening: 'Ouverture de vos données…',
    failed: 'Impossible d’ouvrir la session : {reason}',
  },
  en: {
    title: 'Sign in to the teleservices',
    identifier: 'Identifier (e-mail, health-insurance or FINESS number)',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    required: 'Enter your identifier and your password.',
    opening: 'Opening your data…',
    failed: 'The session could not be opened: {reason}',
  },
});
