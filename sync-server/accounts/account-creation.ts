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
} from '../../domain/index.ts';
import { AttemptCounter, MAX_FAILED_ATTEMPTS, minutesText } from '../auth/attempt-counter.ts';
import { hashPassword, temporaryPassword, verifySecurityKey } from '../auth/passwords.ts';
import { hashToken } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { queueMessage, SIGNATURE } from '../outbox/outbox.ts';
import { Directory, postalAddress, structureNumber, type DirectoryProfessional, type DirectoryStructure } from './directory.ts';
import { sendEmailValidation } from './email-validation.ts';
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
  readonly #directory: Directory;
  readonly #keyAttempts: AttemptCounter;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly appUrl: string,
  ) {
    this.#directory = new Directory(db);
    this.#keyAttempts = new AttemptCounter(
      db,
      { table: 'directory_professionals', attempts: 'key_failed_attempts', lockedUntil: 'key_locked_until' },
      (minutes) => ({
        fr: `Clé de sécurité bloquée après ${MAX_FAILED_ATTEMPTS} essais erronés. Réessayez dans ${minutesText(minutes)}, ou créez votre compte par carte CPS ou par courrier.`,
        en: `Security key locked after ${MAX_FAILED_ATTEMPTS} wrong attempts. Try again in ${minutesText(minutes)}, or create your account with your CPS card or by post.`,
      }),
    );
  }

  /** "Renseignez votre numéro AM ou FINESS" → which account it creates and by which paths. */
  lookup(number: unknown): Omit<NumberLookup, 'securityKeyUnavailable'> & { securityKeyUnavailable?: Localized } {
    const structure = this.#structure(number);
    const { accountKind, professional } = this.#weakTarget(structure);
    this.#assertNoAccount(structure, accountKind, professional);
    const summary = { name: structure.name, kind: structure.kind, number: structureNumber(structure), postcode: structure.postcode, commune: structure.commune };
    if (accountKind === 'liberal' && professional?.securityKeyHash) return { structure: summary, accountKind, paths: ['security_key', 'post'] };
    return {
      structure: summary,
      accountKind,
      paths: ['post'],
      securityKeyUnavailable: accountKind === 'liberal' ? NO_SECURITY_KEY : SECURITY_KEY_REFUSED_FOR_STRUCTURES,
    };
  }

  /** The card's holder, known to the directory and without an account: a ticket for the form. */
  startWithCps(rpps: string): StrongStart {
    const professional = this.#directory.professionalByRpps(rpps);
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
    this.#assertProfessionalHasNoAccount(professional);
    return { ticket: this.#ticket(professional, 'cps'), identity: this.#identity(professional) };
  }

  /** "Création de compte avec une clé de sécurité": NIR + last 4 IBAN characters, liberal professionals only. */
  async startWithSecurityKey(input: unknown): Promise<StrongStart> {
    const { number, nir, ibanLast4 } = parseOr422(SecurityKeySchema, input);
    const structure = this.#structure(number);
    if (structure.kind !== 'cabinet') throw new ApiError(403, SECURITY_KEY_REFUSED_FOR_STRUCTURES, { reason: 'security_key_unavailable' });
    const professional = this.#directory.liberalOfStructure(structure.id);
    if (!professional) throw new ApiError(404, UNKNOWN_NUMBER, { reason: 'unknown_number' });
    this.#assertProfessionalHasNoAccount(professional);
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
    return { ticket: this.#ticket(professional, 'security_key'), identity: this.#identity(professional) };
  }

  /**
   * "CRÉER COMPTE" after a card or a key: the account works at once (a CPS ticket opens a strong
   * session); the e-mail becomes an identifier once its link is followed.
   */
  async createStrong(input: unknown): Promise<{ userId: string; method: 'cps' | 'security_key'; email: string }> {
    const form: v.InferOutput<typeof StrongAccountSchema> = parseOr422(StrongAccountSchema, input as StrongAccountInput);
    const passwordHash = await hashPassword(form.password);
    const at = this.now();
    const nowIso = at.toISOString();
    return this.db.transaction(() => {
      const ticket = this.db
        .prepare('UPDATE account_tickets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING professional_id AS professionalId, method')
        .get(nowIso, hashToken(form.ticket), nowIso) as { professionalId: string; method: 'cps' | 'security_key' } | undefined;
      if (!ticket) {
        throw new ApiError(
          400,
          { fr: 'Votre identification a expiré : recommencez la création de compte avec votre carte ou votre clé.', en: 'Your identification has expired: start the account creation again with your card or your key.' },
          { reason: 'invalid_ticket' },
        );
      }
      const professional = this.#directory.professional(ticket.professionalId)!;
      this.#assertProfessionalHasNoAccount(professional);
      this.#assertEmailFree(form.email);
      const userId = this.#insertAccount({
        professional,
        accountKind: accountKindOf(professional),
        role: professional.role,
        civility: form.civility,
        firstName: professional.firstName,
        lastName: professional.lastName,
        email: form.email,
        passwordHash,
        temporaryUntil: null,
        structureIds: this.#directory.structuresOf(professional.id).map((s) => s.id),
        method: ticket.method,
      });
      return { userId, method: ticket.method, email: form.email };
    })();
  }

  /**
   * "Création de compte sans carte CPS": the account waits for the letter carrying its temporary
   * password, sent to the practice's address known to the directory; the confirmation shows
   * that address.
   */
  async createByPost(input: unknown): Promise<{ message: Localized; postalAddress: string }> {
    const form = parseOr422(PostalAccountSchema, input as PostalAccountInput);
    const structure = this.#structure(form.number);
    const { accountKind, professional } = this.#weakTarget(structure);
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const at = this.now();
    const temporaryUntil = new Date(at.getTime() + TEMPORARY_PASSWORD_LIFETIME_MS);
    return this.db.transaction(() => {
      const replaced = this.#expiredPendingAccount(structure, accountKind, professional);
      if (!replaced) this.#assertNoAccount(structure, accountKind, professional);
      this.#assertEmailFree(form.email, replaced ?? undefined);
      const names = this.#weakNames(structure, accountKind, professional, form.name);
      if (replaced) {
        this.db.prepare('UPDATE users SET email = ?, email_verified_at = NULL, password_hash = ?, password_temporary_until = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(
          form.email,
          passwordHash,
          temporaryUntil.toISOString(),
          replaced,
        );
        sendEmailValidation(this.db, replaced, form.email, 'creation', at, this.appUrl);
      } else {
        this.#insertAccount({
          professional,
          accountKind,
          role: roleOf(structure, professional),
          ...names,
          email: form.email,
          passwordHash,
          temporaryUntil: temporaryUntil.toISOString(),
          structureIds: professional ? this.#directory.structuresOf(professional.id).map((s) => s.id) : [structure.id],
          method: 'post',
        });
      }
      const recipientName = [names.civility, names.firstName, names.lastName].filter(Boolean).join(' ');
      const envelope = postalAddress(accountKind === 'liberal' ? recipientName : structure.name, structure);
      queueMessage(
        this.db,
        {
          channel: 'post',
          recipient: envelope,
          subject: 'Votre mot de passe provisoire',
          body: `Bonjour,\n\nUn compte a été demandé pour ${structure.name} (n° ${structureNumber(structure)}). Pour votre première connexion, utilisez :\n\nIdentifiant : ${structureNumber(structure)}\nMot de passe provisoire : ${password}\n\nCe mot de passe est à utiliser avant le ${formatDateFr(temporaryUntil.toISOString().slice(0, 10))}. Vous choisirez alors votre mot de passe personnel.\n\nSi vous n’avez pas demandé de compte, contactez l’assistance technique au 0811 709 710.${SIGNATURE}`,
        },
        at,
      );
      const street = `${structure.street}, ${structure.postcode} ${structure.commune}`;
      return {
        postalAddress: street,
        message: {
          fr: `Votre compte a bien été créé. Pour des raisons de sécurité, un mot de passe provisoire vous sera transmis par courrier postal à l’adresse : ${street}. À la réception de votre courrier, vous devez procéder à votre première connexion dans le délai indiqué. Si vous n’avez rien reçu dans un délai de 15 jours, veuillez contacter l’assistance technique. Un e-mail vous a aussi été envoyé pour valider votre adresse e-mail.`,
          en: `Your account has been created. For security reasons, a temporary password will be sent to you by post at the address: ${street}. When you receive the letter, sign in for the first time within the time it states. If you have received nothing within 15 days, please contact technical support. An e-mail has also been sent to you to validate your e-mail address.`,
        },
      };
    })();
  }

  #structure(number: unknown): DirectoryStructure {
    const structure = this.#directory.structureByNumber(typeof number === 'string' ? number : '');
    if (!structure || structure.kind === 'organisme') throw new ApiError(404, UNKNOWN_NUMBER, { reason: 'unknown_number' });
    return structure;
  }

  /** Which account a number creates without a card: the practitioner's, the structure's administrative one, the centre director's. */
  #weakTarget(structure: DirectoryStructure): { accountKind: AccountKind; professional: DirectoryProfessional | null } {
    switch (structure.kind) {
      case 'cabinet': {
        const professional = this.#directory.liberalOfStructure(structure.id);
        if (!professional) throw new ApiError(404, UNKNOWN_NUMBER, { reason: 'unknown_number' });
        return { accountKind: 'liberal', professional };
      }
      case 'centre_sante':
        return { accountKind: 'directeur', professional: null };
      default:
        return { accountKind: 'administratif', professional: null };
    }
  }

  #weakNames(structure: DirectoryStructure, accountKind: AccountKind, professional: DirectoryProfessional | null, name: string) {
    if (professional) return { civility: professional.civility, firstName: professional.firstName, lastName: professional.lastName };
    // The director's "Nom et prénom, ou raison sociale"; an administrative account bears the structure's name.
    return { civility: '', firstName: '', lastName: accountKind === 'directeur' && name ? name : structure.name };
  }

  #existingAccount(structure: DirectoryStructure, accountKind: AccountKind, professional: DirectoryProfessional | null): { id: string; pending: string | null } | null {
    if (professional) {
      return (this.db.prepare('SELECT id, password_temporary_until AS pending FROM users WHERE directory_id = ? OR (rpps IS NOT NULL AND rpps = ?)').get(professional.id, professional.rpps) as
        | { id: string; pending: string | null }
        | undefined) ?? null;
    }
    return (
      (this.db
        .prepare('SELECT u.id, u.password_temporary_until AS pending FROM users u JOIN user_structures us ON us.user_id = u.id WHERE us.structure_id = ? AND u.account_kind = ?')
        .get(structure.id, accountKind) as { id: string; pending: string | null } | undefined) ?? null
    );
  }

  #assertNoAccount(structure: DirectoryStructure, accountKind: AccountKind, professional: DirectoryProfessional | null): void {
    const existing = this.#existingAccount(structure, accountKind, professional);
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

  /** A weak account whose temporary password expired unused may be asked for again: its id. */
  #expiredPendingAccount(structure: DirectoryStructure, accountKind: AccountKind, professional: DirectoryProfessional | null): string | null {
    const existing = this.#existingAccount(structure, accountKind, professional);
    return existing && existing.pending !== null && existing.pending <= this.now().toISOString() ? existing.id : null;
  }

  #assertProfessionalHasNoAccount(professional: DirectoryProfessional): void {
    const existing = this.db.prepare('SELECT 1 FROM users WHERE directory_id = ? OR (rpps IS NOT NULL AND rpps = ?)').get(professional.id, professional.rpps);
    if (existing) throw new ApiError(409, ACCOUNT_EXISTS, { reason: 'account_exists' });
  }

  #assertEmailFree(email: string, exceptUserId?: string): void {
    const taken = this.db.prepare('SELECT 1 FROM users WHERE email = ? AND email_verified_at IS NOT NULL AND id <> ?').get(email, exceptUserId ?? '');
    if (taken) {
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

  #ticket(professional: DirectoryProfessional, method: 'cps' | 'security_key'): string {
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    this.db.prepare('INSERT INTO account_tickets (token_hash, professional_id, method, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      hashToken(token),
      professional.id,
      method,
      at.toISOString(),
      new Date(at.getTime() + TICKET_LIFETIME_MS).toISOString(),
    );
    return token;
  }

  #identity(professional: DirectoryProfessional): CreationIdentity {
    return {
      civility: professional.civility,
      firstName: professional.firstName,
      lastName: professional.lastName,
      rpps: professional.rpps,
      specialty: professional.specialty,
      accountKind: accountKindOf(professional),
      structures: this.#directory.structuresOf(professional.id).map((s) => ({ name: s.name, number: structureNumber(s), kind: s.kind })),
    };
  }

  #insertAccount(account: {
    professional: DirectoryProfessional | null;
    accountKind: AccountKind;
    role: string;
    civility: string;
    firstName: string;
    lastName: string;
    email: string;
    passwordHash: string;
    temporaryUntil: string | null;
    structureIds: readonly string[];
    method: 'cps' | 'security_key' | 'post';
  }): string {
    const userId = `u-${randomBytes(9).toString('base64url')}`;
    const at = this.now();
    const nowIso = at.toISOString();
    this.db
      .prepare(
        `INSERT INTO users (id, email, role, civility, first_name, last_name, rpps, password_hash, created_at, directory_id, account_kind, password_temporary_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        userId,
        account.email,
        account.role,
        account.civility,
        account.firstName,
        account.lastName,
        account.professional?.rpps ?? null,
        account.passwordHash,
        nowIso,
        account.professional?.id ?? null,
        account.accountKind,
        account.temporaryUntil,
      );
    const member = this.db.prepare('INSERT INTO user_structures (user_id, structure_id) VALUES (?, ?)');
    for (const structureId of account.structureIds) member.run(userId, structureId);
    this.db.prepare("INSERT INTO audit (at, actor_id, action, changes) VALUES (?, ?, 'account_created', ?)").run(nowIso, userId, JSON.stringify({ method: account.method, accountKind: account.accountKind }));
    sendEmailValidation(this.db, userId, account.email, 'creation', at, this.appUrl);
    return userId;
  }
}

function accountKindOf(professional: DirectoryProfessional): AccountKind {
  return professional.practice === 'structure' ? 'responsable' : professional.practice === 'salarie' ? 'salarie' : 'liberal';
}

function roleOf(structure: DirectoryStructure, professional: DirectoryProfessional | null): string {
  if (professional) return professional.role;
  return structure.kind === 'pharmacie' ? 'pharmacien' : structure.kind === 'laboratoire' ? 'biologiste' : 'directeur_cds';
}
