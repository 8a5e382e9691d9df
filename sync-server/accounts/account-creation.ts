import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import {
  formatDateFr,
  PostalAccountSchema,
  SecurityKeySchema,
  StrongAccountSchema,
  type AccountKind,
  type CreationIdentity,
  type NumberLookup,
  type PostalAccountInput,
  type StrongAccountInput,
  type StrongStart,
  validateAmOrFiness,
} from '../../domain/index.ts';
import { AttemptCounter, MAX_FAILED_ATTEMPTS, minutesText } from '../auth/attempt-counter.ts';
import type { LockoutStorage } from '../auth/auth-storage.ts';
import { hashPassword, temporaryPassword, verifySecurityKey } from '../auth/passwords.ts';
import { hashToken } from '../auth/sessions.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { SIGNATURE, type OutgoingMessage } from '../outbox/outbox.ts';
import type { AccountStorage, ExistingAccount, NewAccount } from './account-storage.ts';
import { postalAddress, structureNumber, type DirectoryProfessional, type DirectoryStructure } from './directory.ts';
import { emailValidationLink } from './email-validation.ts';
import { parseOr422 } from '../http/request-body.ts';

/** How long the ticket of a checked card or security key lets the account form be filled in. */
export const TICKET_LIFETIME_MS = 30 * 60 * 1000;
/** How long the temporary password sent by post works (the letter takes about 15 days). */
export const TEMPORARY_PASSWORD_LIFETIME_MS = 45 * 24 * 60 * 60 * 1000;

const SECURITY_KEY_REFUSED_FOR_STRUCTURES: Localized = {
  fr: 'Si vous êtes en établissement ou une structure (pharmacie, laboratoire d’analyse, transporteur sanitaire ou taxi), la clé de sécurité n’est pas disponible : recevez un mot de passe provisoire par courrier postal.',
  en: 'In an establishment or a structure (pharmacy, medical laboratory, medical transport or taxi), the security key is not available: receive a temporary password by post.',
};
const NO_SECURITY_KEY: Localized = {
  fr: 'Aucune clé de sécurité n’est enregistrée pour ce cabinet : recevez un mot de passe provisoire par courrier postal.',
  en: 'No security key is registered for this practice: receive a temporary password by post.',
};
const ACCOUNT_EXISTS: Localized = {
  fr: 'Un compte existe déjà : connectez-vous, ou utilisez « Mot de passe oublié ».',
  en: 'An account already exists: sign in, or use “Forgotten password”.',
};
const UNKNOWN_NUMBER: Localized = {
  fr: 'Ce numéro n’est pas connu des référentiels de l’Assurance Maladie : vérifiez-le, ou contactez votre caisse.',
  en: 'This number is not known to the health insurance’s directories: check it, or contact your office.',
};

/**
 * Account creation (SPEC §6, seeds 000–002 "Inscription"): strong with the CPS card or with the
 * security key (liberal professionals only), both immediate; weak with the AM / FINESS number,
 * the temporary password going by post to the practice's address. Every path ends with an
 * e-mail validation link. The directory says who may create which account.
 */
export class AccountCreation {
  readonly #keyAttempts: AttemptCounter;

  constructor(
    private readonly accounts: AccountStorage,
    lockouts: LockoutStorage,
    private readonly now: () => Date,
    private readonly appUrl: string,
  ) {
    this.#keyAttempts = new AttemptCounter(
      lockouts,
      'security_key',
      (minutes) => ({
        fr: `Clé de sécurité bloquée après ${MAX_FAILED_ATTEMPTS} essais erronés. Réessayez dans ${minutesText(minutes)}, ou créez votre compte par carte CPS ou par courrier.`,
        en: `Security key locked after ${MAX_FAILED_ATTEMPTS} wrong attempts. Try again in ${minutesText(minutes)}, or create your account with your CPS card or by post.`,
      }),
    );
  }

  /** "Renseignez votre numéro AM ou FINESS" → which account it creates and by which paths. */
  async lookup(number: unknown): Promise<Omit<NumberLookup, 'securityKeyUnavailable'> & { securityKeyUnavailable?: Localized }> {
    const structure = await this.#structure(number);
    const { accountKind, professional } = await this.#weakTarget(structure);
    this.#assertNoAccount(await this.accounts.existingAccount(professional, structure.id, accountKind), accountKind);
    const summary = { name: structure.name, kind: structure.kind, number: structureNumber(structure), postcode: structure.postcode, commune: structure.commune };
    if (accountKind === 'liberal' && professional?.securityKeyHash) return { structure: summary, accountKind, paths: ['security_key', 'post'] };
    // A structure (pharmacy, lab, health centre) never has a security key: nothing to explain.
    return { structure: summary, accountKind, paths: ['post'], ...(accountKind === 'liberal' ? { securityKeyUnavailable: NO_SECURITY_KEY } : {}) };
  }

  /** The card's holder, known to the directory and without an account: a ticket for the form. */
  async startWithCps(rpps: string): Promise<StrongStart> {
    const professional = await this.accounts.professionalByRpps(rpps);
    if (!professional) {
      throw new ApiError(
        404,
        {
          fr: 'Cette carte CPS n’est pas connue des référentiels de l’Assurance Maladie. Un professionnel salarié doit d’abord être inscrit par sa caisse (Conseiller Informatique Service).',
          en: 'This CPS card is not known to the health insurance’s directories. An employed professional must first be registered by their office (Conseiller Informatique Service).',
        },
        { reason: 'unknown_card' },
      );
    }
    await this.#assertProfessionalHasNoAccount(professional);
    return { ticket: await this.#ticket(professional, 'cps'), identity: await this.#identity(professional) };
  }

  /** "Création de compte avec une clé de sécurité": NIR + last 4 IBAN characters, liberal professionals only. */
  async startWithSecurityKey(input: unknown): Promise<StrongStart> {
    const { number, nir, ibanLast4 } = parseOr422(SecurityKeySchema, input);
    const structure = await this.#structure(number);
    if (structure.kind !== 'cabinet') throw new ApiError(403, SECURITY_KEY_REFUSED_FOR_STRUCTURES, { reason: 'security_key_unavailable' });
    const professional = await this.accounts.liberalOfStructure(structure.id);
    if (!professional) throw new ApiError(404, UNKNOWN_NUMBER, { reason: 'unknown_number' });
    await this.#assertProfessionalHasNoAccount(professional);
    if (!professional.securityKeyHash) {
      throw new ApiError(403, NO_SECURITY_KEY, { reason: 'security_key_unavailable' });
    }
    if (!(await this.#keyAttempts.attempt(professional.id, this.now, () => verifySecurityKey(nir, ibanLast4, professional.securityKeyHash!)))) {
      throw new ApiError(
        401,
        {
          fr: `Le numéro de sécurité sociale ou les 4 derniers caractères de l’IBAN ne correspondent pas à nos référentiels. Au ${MAX_FAILED_ATTEMPTS}e essai erroné, la clé est bloquée.`,
          en: `The social-security number or the last 4 characters of the IBAN do not match our directories. After ${MAX_FAILED_ATTEMPTS} wrong attempts, the key is locked.`,
        },
        { reason: 'wrong_security_key' },
      );
    }
    return { ticket: await this.#ticket(professional, 'security_key'), identity: await this.#identity(professional) };
  }

  /**
   * "CRÉER COMPTE" after a card or a key: the account works at once (a CPS ticket opens a strong
   * session); the e-mail becomes an identifier once its link is followed.
   */
  async createStrong(input: unknown): Promise<{ userId: string; method: 'cps' | 'security_key'; email: string }> {
    const form: v.InferOutput<typeof StrongAccountSchema> = parseOr422(StrongAccountSchema, input as StrongAccountInput);
    const passwordHash = await hashPassword(form.password);
    const at = this.now();
    const userId = newAccountId();
    let method: 'cps' | 'security_key' = 'cps';
    await this.accounts.createStrong(hashToken(form.ticket), form.email, at, ({ ticket, professional, professionalHasAccount, emailHolders, structureIds }) => {
      if (!ticket || !professional) {
        throw new ApiError(
          400,
          { fr: 'Votre identification a expiré : recommencez la création de compte avec votre carte ou votre clé.', en: 'Your identification has expired: start the account creation again with your card or your key.' },
          { reason: 'invalid_ticket' },
        );
      }
      if (professionalHasAccount) throw new ApiError(409, ACCOUNT_EXISTS, { reason: 'account_exists' });
      assertEmailFree(emailHolders);
      method = ticket.method;
      return {
        account: {
          id: userId,
          email: form.email,
          role: professional.role,
          civility: form.civility,
          firstName: professional.firstName,
          lastName: professional.lastName,
          rpps: professional.rpps,
          passwordHash,
          createdAt: at.toISOString(),
          directoryId: professional.id,
          accountKind: accountKindOf(professional),
          temporaryUntil: null,
          structureIds,
          auditChanges: JSON.stringify({ method: ticket.method, accountKind: accountKindOf(professional) }),
        },
        validation: emailValidationLink(userId, form.email, 'creation', at, this.appUrl),
      };
    });
    return { userId, method, email: form.email };
  }

  /**
   * "Création de compte sans carte CPS": the account waits for the letter carrying its temporary
   * password, sent to the practice's address known to the directory; the confirmation shows
   * that address.
   */
  async createByPost(input: unknown): Promise<{ message: Localized; postalAddress: string }> {
    const form = parseOr422(PostalAccountSchema, input as PostalAccountInput);
    const structure = await this.#structure(form.number);
    const { accountKind, professional } = await this.#weakTarget(structure);
    const structureIds = professional ? (await this.accounts.structuresOf(professional.id)).map((s) => s.id) : [structure.id];
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const at = this.now();
    const temporaryUntil = new Date(at.getTime() + TEMPORARY_PASSWORD_LIFETIME_MS).toISOString();
    const names = weakNames(structure, accountKind, professional, form.name);
    const recipientName = [names.civility, names.firstName, names.lastName].filter(Boolean).join(' ');
    const letter = temporaryPasswordLetter(structure, accountKind === 'liberal' ? recipientName : structure.name, password, temporaryUntil);
    await this.accounts.createByPost({ professional, structureId: structure.id, accountKind, email: form.email }, ({ existing, emailHolders }) => {
      // A weak account whose temporary password expired unused may be asked for again.
      const renewed = existing && existing.pending !== null && existing.pending <= at.toISOString() ? existing.id : null;
      if (!renewed) this.#assertNoAccount(existing, accountKind);
      assertEmailFree(emailHolders, renewed ?? undefined);
      const userId = renewed ?? newAccountId();
      const account: NewAccount | null = renewed
        ? null
        : {
            id: userId,
            email: form.email,
            role: roleOf(structure, professional),
            ...names,
            rpps: professional?.rpps ?? null,
            passwordHash,
            createdAt: at.toISOString(),
            directoryId: professional?.id ?? null,
            accountKind,
            temporaryUntil,
            structureIds,
            auditChanges: JSON.stringify({ method: 'post', accountKind }),
          };
      return {
        account,
        renewed: renewed ? { id: renewed, email: form.email, passwordHash, temporaryUntil } : null,
        validation: emailValidationLink(userId, form.email, 'creation', at, this.appUrl),
        letter,
      };
    });
    const street = `${structure.street}, ${structure.postcode} ${structure.commune}`;
    return {
      postalAddress: street,
      message: {
        fr: `Votre compte a bien été créé. Pour des raisons de sécurité, un mot de passe provisoire vous sera transmis par courrier postal à l’adresse : ${street}. À la réception de votre courrier, vous devez procéder à votre première connexion dans le délai indiqué. Si vous n’avez rien reçu dans un délai de 15 jours, veuillez contacter l’assistance technique. Un e-mail vous a aussi été envoyé pour valider votre adresse e-mail.`,
        en: `Your account has been created. For security reasons, a temporary password will be sent to you by post at the address: ${street}. When you receive the letter, sign in for the first time within the time it states. If you have received nothing within 15 days, please contact technical support. An e-mail has also been sent to you to validate your e-mail address.`,
      },
    };
  }

  async #structure(number: unknown): Promise<DirectoryStructure> {
    const checked = validateAmOrFiness(typeof number === 'string' ? number : '');
    const structure = checked.valid ? await this.accounts.structureByNumber(checked.value) : null;
    if (!structure || structure.kind === 'organisme') throw new ApiError(404, UNKNOWN_NUMBER, { reason: 'unknown_number' });
    return structure;
  }

  /** Which account a number creates without a card: the practitioner's, the structure's administrative one, the centre director's. */
  async #weakTarget(structure: DirectoryStructure): Promise<{ accountKind: AccountKind; professional: DirectoryProfessional | null }> {
    switch (structure.kind) {
      case 'cabinet': {
        const professional = await this.accounts.liberalOfStructure(structure.id);
        if (!professional) throw new ApiError(404, UNKNOWN_NUMBER, { reason: 'unknown_number' });
        return { accountKind: 'liberal', professional };
      }
      case 'centre_sante':
        return { accountKind: 'directeur', professional: null };
      default:
        return { accountKind: 'administratif', professional: null };
    }
  }

  #assertNoAccount(existing: ExistingAccount | null, accountKind: AccountKind): void {
    if (!existing) return;
    if (existing.pending !== null && existing.pending > this.now().toISOString()) {
      throw new ApiError(
        409,
        {
          fr: 'Une création de compte est déjà en cours pour ce numéro : le mot de passe provisoire a été envoyé par courrier postal à l’adresse du lieu d’exercice.',
          en: 'An account creation is already under way for this number: the temporary password was sent by post to the address of the place of practice.',
        },
        { reason: 'account_pending' },
      );
    }
    const what: Localized =
      accountKind === 'administratif'
        ? { fr: 'Un compte administratif existe déjà pour cette structure', en: 'An administrative account already exists for this structure' }
        : accountKind === 'directeur'
          ? { fr: 'Un compte existe déjà pour ce centre de santé', en: 'An account already exists for this health centre' }
          : { fr: 'Un compte existe déjà', en: 'An account already exists' };
    throw new ApiError(409, { fr: `${what.fr} : connectez-vous, ou utilisez « Mot de passe oublié ».`, en: `${what.en}: sign in, or use “Forgotten password”.` }, { reason: 'account_exists' });
  }

  async #assertProfessionalHasNoAccount(professional: DirectoryProfessional): Promise<void> {
    if (await this.accounts.professionalHasAccount(professional)) throw new ApiError(409, ACCOUNT_EXISTS, { reason: 'account_exists' });
  }

  async #ticket(professional: DirectoryProfessional, method: 'cps' | 'security_key'): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    await this.accounts.issueTicket({ tokenHash: hashToken(token), professionalId: professional.id, method, createdAt: at.toISOString(), expiresAt: new Date(at.getTime() + TICKET_LIFETIME_MS).toISOString() });
    return token;
  }

  async #identity(professional: DirectoryProfessional): Promise<CreationIdentity> {
    return {
      civility: professional.civility,
      firstName: professional.firstName,
      lastName: professional.lastName,
      rpps: professional.rpps,
      specialty: professional.specialty,
      accountKind: accountKindOf(professional),
      structures: (await this.accounts.structuresOf(professional.id)).map((s) => ({ name: s.name, number: structureNumber(s), kind: s.kind })),
    };
  }
}

/** The letter carrying the temporary password, to the practice's address (French: its readers are). */
function temporaryPasswordLetter(structure: DirectoryStructure, recipientName: string, password: string, temporaryUntil: string): OutgoingMessage {
  return {
    channel: 'post',
    recipient: postalAddress(recipientName, structure),
    subject: 'Votre mot de passe provisoire',
    body: `Bonjour,\n\nUn compte a été demandé pour ${structure.name} (n° ${structureNumber(structure)}). Pour votre première connexion, utilisez :\n\nIdentifiant : ${structureNumber(structure)}\nMot de passe provisoire : ${password}\n\nCe mot de passe est à utiliser avant le ${formatDateFr(temporaryUntil.slice(0, 10))}. Vous choisirez alors votre mot de passe personnel.\n\nSi vous n’avez pas demandé de compte, contactez l’assistance technique au 0811 709 710.${SIGNATURE}`,
  };
}

const newAccountId = () => `u-${randomBytes(9).toString('base64url')}`;

/** Refuses an address that is already another account's identifier (identifiers are unique). */
function assertEmailFree(holders: readonly string[], exceptUserId?: string): void {
  if (holders.some((id) => id !== exceptUserId)) {
    throw new ApiError(
      409,
      {
        fr: 'Cette adresse e-mail est déjà l’identifiant d’un autre compte : les identifiants doivent être uniques, choisissez une adresse individuelle.',
        en: 'This e-mail address is already the identifier of another account: identifiers must be unique, choose an individual address.',
      },
      {
        reason: 'email_taken',
        fields: { email: { fr: 'Cette adresse e-mail est déjà l’identifiant d’un autre compte.', en: 'This e-mail address is already the identifier of another account.' } },
      },
    );
  }
}

function weakNames(structure: DirectoryStructure, accountKind: AccountKind, professional: DirectoryProfessional | null, name: string) {
  if (professional) return { civility: professional.civility, firstName: professional.firstName, lastName: professional.lastName };
  // The director's "Nom et prénom, ou raison sociale"; an administrative account bears the structure's name.
  return { civility: '', firstName: '', lastName: accountKind === 'directeur' && name ? name : structure.name };
}

function accountKindOf(professional: DirectoryProfessional): AccountKind {
  return professional.practice === 'structure' ? 'responsable' : professional.practice === 'salarie' ? 'salarie' : 'liberal';
}

function roleOf(structure: DirectoryStructure, professional: DirectoryProfessional | null): string {
  if (professional) return professional.role;
  return structure.kind === 'pharmacie' ? 'pharmacien' : structure.kind === 'laboratoire' ? 'biologiste' : 'directeur_cds';
}
