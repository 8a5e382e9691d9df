import { defineMessages } from '../../i18n/messages.ts';

const fr = {
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
};

/** The French catalogue's keys, which `account-migration.messages.en.ts` gives in English. */
export type AccountMigrationFrench = typeof fr;

export const accountMigrationMessages = defineMessages(fr, () => import('./account-migration.messages.en.ts'));
