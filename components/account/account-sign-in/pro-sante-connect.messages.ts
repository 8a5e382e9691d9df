import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  pscCancelled: 'Connexion Pro Santé Connect annulée. Recommencez, ou connectez-vous avec votre identifiant et votre mot de passe.',
  pscClosed: 'La fenêtre Pro Santé Connect a été fermée avant la fin de la connexion : recommencez « Vous connecter par carte CPS ».',
  pscBlocked: 'Le navigateur a bloqué la fenêtre Pro Santé Connect : autorisez les fenêtres surgissantes pour ce site, puis recommencez.',
  pscRefused: 'Pro Santé Connect a refusé la connexion ({reason}). Recommencez, ou connectez-vous avec votre identifiant et votre mot de passe.',
};

/** The French catalogue's keys, which `pro-sante-connect.messages.en.ts` gives in English. */
export type ProSanteConnectFrench = typeof fr;

/** A Pro Santé Connect refusal in words (`StrongAuthController.refusal`), for `<account-sign-in>` and `<account-create>`. */
export const proSanteConnectMessages = defineMessages(fr, () => import('./pro-sante-connect.messages.en.ts'));
