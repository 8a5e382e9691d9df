import { DELEGATION_PROFILE_DEFINITIONS, formatDateFr, type DelegationProfile } from '../../domain/index.ts';
import { SIGNATURE, type OutgoingMessage } from '../outbox/outbox.ts';

/**
 * The e-mails of the delegation service, in the seed's words (seed 003): each returns the
 * rendered message for the outbox. `link` is the invitation's one-time link when there is one.
 */
export interface DelegationMailContext {
  readonly delegantName: string;
  /** The délégant's gender ('' when unknown): « qu’elle vous a accordée », « qu’il… ». */
  readonly delegantGender: '' | 'F' | 'M';
  readonly delegantEmail: string;
  readonly delegateName: string;
  readonly delegateEmail: string;
  readonly profile: DelegationProfile;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly structures: readonly string[];
}

/** The seed's closing, signed by the insurer (« Avec toute notre attention, » then the signature of every e-mail). */
const TEAM = `\n\nAvec toute notre attention,${SIGNATURE}`;

/**
 * « la délégation qu’elle vous a accordée »: the relative clause with the délégant's pronoun, or,
 * when their gender is unknown, a wording without one (« la délégation accordée par Dr … »).
 */
function delegantClause(c: DelegationMailContext, participle: string): string {
  return c.delegantGender === 'F' ? `qu’elle vous a ${participle}` : c.delegantGender === 'M' ? `qu’il vous a ${participle}` : `qui vous a été ${participle}`;
}

function scope(c: DelegationMailContext): string {
  const profile = DELEGATION_PROFILE_DEFINITIONS[c.profile];
  return `Cette délégation porte sur le profil ${profile.label.fr} qui donne accès :\n- ${profile.gives.fr}\n\nElle est valable du ${formatDateFr(c.validFrom)} au ${formatDateFr(c.validUntil)} pour le ou les cabinets suivants :\n${c.structures.map((s) => `- ${s}`).join('\n')}`;
}

const mail = (recipient: string, subject: string, body: string): OutgoingMessage => ({ channel: 'email', recipient, subject, body: `Bonjour,\n\n${body}${TEAM}` });

export const delegationMails = {
  /** To the délégant: "Vous venez d'attribuer…". */
  created: (c: DelegationMailContext) =>
    mail(
      c.delegantEmail,
      'Création d’une délégation',
      `Vous venez d’attribuer à ${c.delegateName || c.delegateEmail} une nouvelle délégation d’accès aux téléservices en votre nom et pour votre compte.\n\n${scope(c)}\n\nUn e-mail lui a été adressé pour acceptation. Vous serez notifié dès que votre délégué aura traité votre demande.`,
    ),

  /** To the délégué: the invitation, for an existing account (accept / refuse) or not (create / already have one). */
  invitation: (c: DelegationMailContext, link: string, hasAccount: boolean) =>
    mail(
      c.delegateEmail,
      'Création d’une délégation',
      `${c.delegantName} ${hasAccount ? 'vient de vous attribuer' : 'souhaite vous attribuer'} une délégation d’accès aux téléservices.\n\n${scope(c)}\n\nSi vous ne travaillez pas avec ce praticien, indiquez-le depuis ce lien, et ne tenez pas compte de ce message.\n\n${
        hasAccount
          ? 'Veuillez cliquer sur le bouton correspondant à votre situation : « J’accepte la délégation » ou « Je refuse la délégation ».'
          : 'Pour accepter cette demande, vous devez disposer de votre propre compte. Pour rappel, chaque compte est individuel et rattaché à une adresse e-mail unique et personnelle. Veuillez cliquer sur le bouton correspondant à votre situation : « J’ai déjà un compte » ou « Je crée un compte ».'
      }\n\n${link}\n\nCe lien est personnel. Toute action que vous réaliserez dans le cadre de cette délégation sera faite au nom et pour le compte de ${c.delegantName}.`,
    ),

  /** To the délégant: the délégué created their account; validate the delegation. */
  accountCreated: (c: DelegationMailContext) =>
    mail(
      c.delegantEmail,
      'Acceptation d’une délégation',
      `Vous avez invité ${c.delegateName} à créer un compte afin de répondre à votre demande de délégation.\n\n${scope(c)}\n\n${c.delegateName} a accepté votre demande en créant son compte. Rendez-vous dans votre tableau de bord des délégations pour valider cette délégation.`,
    ),

  /** To the délégant: a délégué with an account accepted. */
  accepted: (c: DelegationMailContext) =>
    mail(c.delegantEmail, 'Acceptation d’une délégation', `${c.delegateName} a accepté la délégation que vous lui avez attribuée.\n\n${scope(c)}\n\nVotre délégué peut dès maintenant agir pour votre compte.`),

  /** To the délégué: the délégant validated; they may sign in. */
  validated: (c: DelegationMailContext) =>
    mail(
      c.delegateEmail,
      'Validation de votre délégation',
      `${c.delegantName} a validé la délégation ${delegantClause(c, 'attribuée')}.\n\n${scope(c)}\n\nVous pouvez maintenant vous connecter avec votre adresse e-mail et votre mot de passe.`,
    ),

  /** To the délégant: the délégué refused. */
  refused: (c: DelegationMailContext) =>
    mail(
      c.delegantEmail,
      'Refus d’une délégation',
      `Vous avez invité un de vos collaborateurs à accepter une demande de délégation via l’adresse e-mail ${c.delegateEmail}.\n\nOr, cette personne a refusé cette demande. Veuillez vous rapprocher d’elle et si besoin refaire une demande de délégation.`,
    ),

  /** To the délégant: "cette personne indique ne pas être concernée". */
  notConcerned: (c: DelegationMailContext) =>
    mail(
      c.delegantEmail,
      'Abandon d’une délégation',
      `Vous avez invité un de vos collaborateurs à accepter une demande de délégation via l’adresse e-mail ${c.delegateEmail}.\n\nOr, cette personne indique ne pas être concernée par cette demande. Veuillez vous rapprocher d’elle et si besoin refaire une demande de délégation.`,
    ),

  /** To the délégué: they already have an account under another e-mail. */
  hasAccountToDelegate: (c: DelegationMailContext) =>
    mail(
      c.delegateEmail,
      'Création d’une délégation',
      `${c.delegantName} souhaite vous attribuer une délégation d’accès aux téléservices et vous a invité à créer un compte via l’adresse e-mail ${c.delegateEmail}.\n\nChaque compte est individuel et rattaché à une adresse e-mail unique et personnelle. Or, vous indiquez que vous possédez déjà un compte.\n\nVeuillez confirmer l’adresse e-mail de votre compte auprès de ${c.delegantName} afin ${c.delegantGender === 'F' ? 'qu’elle puisse' : c.delegantGender === 'M' ? 'qu’il puisse' : 'qu’il ou elle puisse'} si besoin procéder à une nouvelle demande de délégation.`,
    ),

  /** To the délégant: "REJET D'UNE DELEGATION" — the délégué has an account under another e-mail. */
  hasAccountToDelegant: (c: DelegationMailContext) =>
    mail(
      c.delegantEmail,
      'Rejet d’une délégation',
      `Vous avez invité un de vos collaborateurs à accepter une demande de délégation en créant un compte via l’adresse e-mail ${c.delegateEmail}.\n\nChaque compte est individuel et rattaché à une adresse e-mail unique et personnelle. Or, votre collaborateur possède déjà un compte rattaché à une autre adresse e-mail.\n\nVeuillez vous rapprocher de lui pour confirmer cette nouvelle adresse e-mail et si besoin procéder à une nouvelle demande de délégation.`,
    ),

  /** To the délégant: « Mise à jour d'une délégation » — what the delegation now covers. */
  updatedToDelegant: (c: DelegationMailContext) =>
    mail(
      c.delegantEmail,
      'Mise à jour d’une délégation',
      `Vous avez mis à jour la délégation accordée à ${c.delegateName || c.delegateEmail}.\n\n${scope(c)}\n\nUne notification est envoyée par e-mail à votre délégué via l’adresse ${c.delegateEmail}.`,
    ),

  /** To the délégué: the délégant changed the dates or the structures. */
  updatedToDelegate: (c: DelegationMailContext) =>
    mail(
      c.delegateEmail,
      'Mise à jour de votre délégation',
      `${c.delegantName} a mis à jour la délégation ${delegantClause(c, 'attribuée')}.\n\n${scope(c)}\n\nCes changements s’appliquent dès maintenant. Toute action que vous réaliserez dans le cadre de cette délégation sera faite au nom et pour le compte de ${c.delegantName}.`,
    ),

  /** To the délégant: the deletion is effective. */
  deletedToDelegant: (c: DelegationMailContext) =>
    mail(
      c.delegantEmail,
      'Suppression d’une délégation',
      `Vous avez supprimé la délégation accordée à ${c.delegateName || c.delegateEmail}.\n\nCette suppression est d’ores et déjà effective : ${c.delegateName || c.delegateEmail} ne peut plus accéder à votre espace.\n\nCette délégation ne figurera plus dans votre tableau de bord. Une notification est envoyée par e-mail à votre délégué via l’adresse ${c.delegateEmail}.`,
    ),

  /** To the délégué: the deletion is effective. */
  deletedToDelegate: (c: DelegationMailContext) =>
    mail(
      c.delegateEmail,
      'Suppression d’une délégation',
      `${c.delegantName} a supprimé la délégation ${delegantClause(c, 'accordée')}.\n\nCette suppression est d’ores et déjà effective : vous ne pouvez plus accéder à l’espace de ${c.delegantName}.\n\nCette délégation ne figurera plus dans votre tableau de bord.`,
    ),
};
