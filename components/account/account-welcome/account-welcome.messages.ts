import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  passwordTitle: 'Choisissez votre mot de passe',
  passwordIntro: 'Vous vous êtes connecté avec le mot de passe provisoire reçu par courrier. Choisissez maintenant votre mot de passe personnel : il sera valable pour l’ensemble de vos lieux d’exercice.',
  password: 'Nouveau mot de passe',
  passwordConfirmation: 'Confirmer mot de passe',
  save: 'Valider et continuer',
  saving: 'Enregistrement…',
  ownEmailTitle: 'Déclarez une adresse e-mail unique',
  ownEmailIntro: 'Votre adresse e-mail est partagée avec d’autres professionnels de santé (cabinet de groupe) ou avec vos autres cabinets : elle ne peut pas vous servir d’identifiant. Vous disposez désormais d’un seul et même compte pour tous vos lieux d’exercice : renseignez une adresse e-mail unique, valable pour l’ensemble de vos cabinets. Un lien vous sera envoyé pour la valider.',
  ownEmail: 'Adresse e-mail',
  ownEmailConfirmation: 'Confirmer adresse e-mail',
  consent: 'J’autorise l’Assurance Maladie à utiliser mon adresse e-mail pour communiquer avec moi. Cette adresse n’est pas utilisée pour l’envoi d’informations générales.',
  title: 'Bienvenue {name}',
  intro: 'Vos téléservices de l’Assurance Maladie sont maintenant accessibles depuis votre logiciel, même hors connexion :',
  contactCovid: 'Contact COVID : déclarez vos patients zéro et leurs personnes contacts.',
  delegation: 'Délégations : donnez accès à vos services à un remplaçant, un assistant médical ou un comptable.',
  ems: 'Messagerie sécurisée (EMS) : échangez avec le service médical de l’Assurance Maladie.',
  contact: 'Contacter l’Assurance Maladie : posez vos questions à votre caisse.',
  emailPending: 'Pensez à valider votre adresse e-mail avec le lien que nous venons de vous envoyer : elle deviendra alors votre identifiant.',
  continue: 'Continuer',
  unreachable: 'Le serveur ne répond pas : vérifiez votre connexion et réessayez.',
};

/** The French catalogue's keys, which `account-welcome.messages.en.ts` gives in English. */
export type AccountWelcomeFrench = typeof fr;

export const accountWelcomeMessages = defineMessages(fr, () => import('./account-welcome.messages.en.ts'));
