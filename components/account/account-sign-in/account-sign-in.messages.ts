import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  title: 'Identification',
  identifier: 'E-mail, N° Assurance Maladie ou N° FINESS',
  password: 'Mot de passe',
  forgotten: 'Mot de passe oublié',
  submit: 'Vous connecter',
  submitting: 'Connexion…',
  required: 'Saisissez votre identifiant et votre mot de passe.',
  cpsTitle: 'Identification par carte CPS',
  cpsButton: 'Vous connecter par carte CPS',
  cpsHint: 'Vous pouvez également créer un compte en vous connectant avec votre carte.',
  cpsSimulated: 'Carte CPS simulée (démonstration) : aucun lecteur de carte n’est interrogé.',
  cpeSimulated: 'Carte CPE simulée (démonstration) : aucun lecteur de carte n’est interrogé.',
  cdeSimulated: 'Carte de directeur d’établissement simulée (démonstration) : aucun lecteur de carte n’est interrogé.',
  pscHint: 'Par Pro Santé Connect : votre carte CPS ou l’application e-CPS ; la carte CPE d’un assistant médical délégué ou la carte de directeur d’un centre de santé (connexion en CPS/CPE selon votre profil).',
  pscLeaving: 'Redirection vers Pro Santé Connect…',
  pscPopup: 'Connectez-vous dans la fenêtre Pro Santé Connect…',
  cpsRpps: 'N° RPPS inscrit sur la carte',
  cardKind: 'Carte',
  cardCps: 'Carte CPS (professionnel de santé)',
  cardCpe: 'Carte CPE (assistant médical délégué)',
  cardCde: 'Carte de directeur d’établissement',
  cpeNumber: 'Identifiant de la carte CPE',
  cpeHint: 'Celui de la première ligne de la carte : tous les caractères, y compris les caractères spéciaux, sans les espaces.',
  cdeNumber: 'N° FINESS de l’établissement inscrit sur la carte',
  cpsCode: 'Code porteur',
  cpsRead: 'Lire la carte',
  noAccount: 'Vous n’avez pas de compte ?',
  create: 'Créer un compte',
  createWithCard: 'Créer mon compte avec cette carte',
  createHint: 'Si vous avez une carte CPS, vous pouvez créer votre compte en vous connectant à l’aide du bouton d’identification par carte.',
  locked: 'Votre compte est bloqué. Veuillez réessayer dans {minutes} min ou connectez-vous avec votre carte CPS.',
  offline:
    'Vous êtes hors ligne : la connexion à votre compte demande le réseau. Réessayez dès que le réseau revient. Ce qui est enregistré sur cet appareil y reste.',
};

/** The French catalogue's keys, which `account-sign-in.messages.en.ts` gives in English. */
export type SignInFrench = typeof fr;

export const signInMessages = defineMessages(fr, () => import('./account-sign-in.messages.en.ts'));
