import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  titleRequest: 'Mot de passe oublié',
  intro: 'Saisissez votre adresse e-mail, ou votre numéro Assurance Maladie ou FINESS : vous recevrez un lien pour choisir un nouveau mot de passe.',
  identifier: 'E-mail, N° Assurance Maladie ou N° FINESS',
  sharedIntro: 'Votre adresse e-mail n’est pas unique : plusieurs comptes la partagent. Identifiez-vous avec votre N° d’Assurance Maladie ou FINESS pour recevoir le lien.',
  sharedEmail: 'Adresse e-mail associée à votre compte',
  number: 'ou N° d’Assurance Maladie ou FINESS',
  numberHint: 'Vous avez également la possibilité de changer votre mot de passe dans votre gestion de compte en vous connectant par votre CPS.',
  send: 'Envoyer',
  sending: 'Envoi…',
  back: 'Retour à la connexion',
  titleReset: 'Choisissez un nouveau mot de passe',
  password: 'Nouveau mot de passe',
  confirmation: 'Confirmez le nouveau mot de passe',
  save: 'Valider',
  saving: 'Enregistrement…',
  required: 'Ce champ est obligatoire.',
  mismatch: 'Les deux mots de passe ne sont pas identiques.',
  unreachable: 'Le serveur ne répond pas : vérifiez votre connexion et réessayez.',
};

/** The French catalogue's keys, which `account-password-reset.messages.en.ts` gives in English. */
export type PasswordResetFrench = typeof fr;

export const passwordResetMessages = defineMessages(fr, () => import('./account-password-reset.messages.en.ts'));
