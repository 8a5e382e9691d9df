import { defineMessages } from '../../i18n/messages.ts';

export const accountMigrationMessages = defineMessages({
  fr: {
    choiceTitle: 'Votre compte évolue',
    choiceIntro:
      'Les comptes des laboratoires et des pharmacies évoluent. {structure} peut désormais avoir deux types de comptes, qui donnent accès aux mêmes informations et services (paiements, convention, information patient…) :',
    administrativeDescription:
      'le compte administratif, propre à la structure : il permet d’accéder en permanence aux téléservices, quel que soit le responsable (changement de directeur, de pharmacien…). On s’y connecte avec le N° {number} ou son adresse e-mail, et un mot de passe — plus avec une carte CPS. C’est l’usage courant et habituel des laboratoires et des pharmacies ;',
    managerDescription:
      'le compte responsable de structure, individuel : il vous suit sur l’ensemble de vos lieux d’exercice. Vous vous y connectez avec votre carte CPS, ou votre adresse e-mail et un mot de passe — plus avec le N° {number}.',
    choiceKept: 'Choisissez le type de votre compte. Vous gardez vos fiches, votre historique et votre mot de passe, et vous pourrez créer ensuite l’autre type de compte si vous le souhaitez.',
    accountKind: 'Type de compte',
    administratif: 'Compte administratif de la structure',
    responsable: 'Compte responsable de structure',
    email: 'Adresse e-mail du compte',
    emailHint: 'Une nouvelle adresse devient l’identifiant du compte une fois validée par le lien que nous lui envoyons.',
    emailHintAdministrative:
      'Nous vous conseillons l’adresse e-mail générique de la structure : elle perdurera quel que soit le responsable. Une nouvelle adresse devient l’identifiant du compte une fois validée par le lien que nous lui envoyons.',
    emailHintManager:
      'Nous vous conseillons votre adresse e-mail individuelle : elle vous suivra quelle que soit votre structure d’exercice. Une nouvelle adresse devient l’identifiant du compte une fois validée par le lien que nous lui envoyons.',
    choose: 'Valider mon choix',
    choosing: 'Enregistrement…',
    doneTitle: 'Votre compte a évolué',
    why1: 'Vous vous êtes connecté avec votre carte CPS : votre compte a été automatiquement transformé en compte responsable de structure.',
    why2administratif: 'Votre compte est désormais le compte administratif de {structure}.',
    why2responsable: 'Votre compte est désormais un compte responsable de structure.',
    why3: 'Un compte administratif existe déjà pour {structure} : votre compte a été automatiquement transformé en compte responsable de structure.',
    kept: 'Vous accédez à l’ensemble des services et des informations ouverts pour votre structure ; vos fiches, votre historique et votre mot de passe sont conservés.',
    managerNoNumber: 'Vous ne pourrez plus vous connecter avec le N° {number} : utilisez votre carte CPS ou votre adresse e-mail.',
    managerMayCreate: 'Si vous le souhaitez, vous pourrez créer un compte administratif pour la structure (« Créer un compte », N° {number}) : son mot de passe provisoire sera envoyé par courrier à l’adresse de la structure.',
    administrativeNoCard: 'Vous ne pourrez plus vous connecter avec votre carte CPS : utilisez le N° {number} ou l’adresse e-mail du compte.',
    administrativeMayCreate: 'Si vous le souhaitez, vous pourrez créer votre compte responsable de structure avec votre carte CPS (« Créer un compte »).',
    emailed: 'Un e-mail récapitulant ces changements a été envoyé à l’adresse du compte.',
    continue: 'Continuer',
    unreachable: 'Le serveur ne répond pas : vérifiez votre connexion et réessayez.',
  },
  en: {
    choiceTitle: 'Your account is changing',
    choiceIntro:
      'The laboratories’ and pharmacies’ accounts are changing. {structure} may now have two kinds of accounts, which give access to the same information and services (payments, agreement, patient information…):',
    administrativeDescription:
      'the administrative account, the structure’s own: it gives access to the teleservices at all times, whoever the manager is (a new director, a new pharmacist…). It signs in with number {number} or its e-mail address, and a password — no longer with a CPS card. It is the usual use of laboratories and pharmacies;',
    managerDescription:
      'the structure manager account, personal: it follows you in all your places of practice. You sign in with your CPS card, or your e-mail address and a password — no longer with number {number}.',
    choiceKept: 'Choose the kind of your account. You keep your files, your history and your password, and you may create the other kind of account afterwards if you wish.',
    accountKind: 'Kind of account',
    administratif: 'Administrative account of the structure',
    responsable: 'Structure manager account',
    email: 'E-mail address of the account',
    emailHint: 'A new address becomes the account’s identifier once validated by the link we send to it.',
    emailHintAdministrative:
      'We advise the structure’s generic e-mail address: it will last whoever the manager is. A new address becomes the account’s identifier once validated by the link we send to it.',
    emailHintManager:
      'We advise your own e-mail address: it will follow you whatever your place of practice. A new address becomes the account’s identifier once validated by the link we send to it.',
    choose: 'Confirm my choice',
    choosing: 'Saving…',
    doneTitle: 'Your account has changed',
    why1: 'You signed in with your CPS card: your account was automatically turned into a structure manager account.',
    why2administratif: 'Your account is now the administrative account of {structure}.',
    why2responsable: 'Your account is now a structure manager account.',
    why3: 'An administrative account already exists for {structure}: your account was automatically turned into a structure manager account.',
    kept: 'You reach every service and all the information open to your structure; your files, your history and your password are kept.',
    managerNoNumber: 'You can no longer sign in with number {number}: use your CPS card or your e-mail address.',
    managerMayCreate: 'If you wish, you may create an administrative account for the structure (“Create an account”, number {number}): its temporary password will be sent by post to the structure’s address.',
    administrativeNoCard: 'You can no longer sign in with your CPS card: use number {number} or the account’s e-mail address.',
    administrativeMayCreate: 'If you wish, you may create your structure manager account with your CPS card (“Create an account”).',
    emailed: 'An e-mail summing up these changes was sent to the account’s address.',
    continue: 'Continue',
    unreachable: 'The server does not answer: check your connection and try again.',
  },
});
