import { randomBytes } from 'node:crypto';
import { checkPassword, passwordPolicyMessage, validateAmNumber, validateEmail, validateFiness } from '../../domain/index.ts';
import { inEveryLocale, type Localized } from '../../domain/i18n/index.ts';
import { ApiError } from '../http-errors.ts';
import { appLink, SIGNATURE, type OutgoingMessage } from '../outbox/outbox.ts';
import type { AuthStores } from './auth-storage.ts';
import type { SessionEvents } from '../session-events.ts';
import { hashPassword } from './passwords.ts';
import { hashToken } from './sessions.ts';

/** How long a reset link works. */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

export interface ResetRequestAnswer {
  /** What the confirmation page says: the same whether an account exists or not. */
  readonly message: Localized;
}

/**
 * "Mot de passe oublié": asked with an e-mail (shown in clear in the confirmation) or an AM /
 * FINESS number (the address is not shown). The answer never tells whether an account exists;
 * an e-mail shared by several accounts (a group practice) names none of them: nothing is sent
 * and a 409 `shared_email` asks for the AM / FINESS number instead, as the guides say. When one
 * account is named, a single-use link, stored hashed, valid one hour, goes to its e-mail
 * (outbox): it replaces the account's older links.
 */
export async function requestPasswordReset({ credentials, passwordResets }: Pick<AuthStores, 'credentials' | 'passwordResets'>, identifier: string, now: Date, appUrl: string): Promise<ResetRequestAnswer> {
  const trimmed = identifier.trim();
  const email = validateEmail(trimmed);
  const am = validateAmNumber(trimmed);
  const finess = validateFiness(trimmed);
  if (!email.valid && !am.valid && !finess.valid) {
    throw new ApiError(
      400,
      { fr: 'Saisissez votre adresse e-mail, votre numéro Assurance Maladie ou votre numéro FINESS.', en: 'Enter your e-mail address, your health-insurance number or your FINESS number.' },
      { reason: 'invalid_identifier' },
    );
  }
  // Only a validated e-mail is an identifier; an account still waiting for its postal letter
  // gets no link (the letter is the proof of the practice's address: a link would skip it).
  const accounts = email.valid ? await credentials.byEmail(email.value) : await credentials.byNumber(am.valid ? am.value : finess.valid ? finess.value : trimmed);
  if (email.valid && accounts.length > 1) {
    throw new ApiError(
      409,
      {
        fr: 'Votre adresse e-mail n’est pas unique : saisissez votre N° d’Assurance Maladie ou FINESS pour recevoir le lien.',
        en: 'Your e-mail address is not unique: enter your health-insurance or FINESS number to receive the link.',
      },
      { reason: 'shared_email' },
    );
  }
  if (!email.valid && accounts.length > 1) {
    // A structure's administrative account and a former account not migrated yet: the e-mail tells them apart.
    throw new ApiError(
      409,
      {
        fr: 'Ce numéro est celui de plusieurs comptes de votre structure : saisissez votre adresse e-mail pour recevoir le lien.',
        en: 'This number belongs to several accounts of your structure: enter your e-mail address to receive the link.',
      },
      { reason: 'shared_number' },
    );
  }
  if (accounts.length === 1 && accounts[0]!.temporaryUntil === null) {
    const account = accounts[0]!;
    const token = randomBytes(32).toString('base64url');
    // Only the latest link lives: the older ones die with this one.
    await passwordResets.issue(
      { tokenHash: hashToken(token), userId: account.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS).toISOString() },
      resetMail(account.email, appLink(appUrl, 'reinitialiser-mot-de-passe', token)),
    );
  }
  return {
    message: email.valid
      ? {
          fr: `Si un compte correspond à l’adresse ${email.value}, un e-mail vient d’y être envoyé avec un lien pour choisir un nouveau mot de passe (valable une heure).`,
          en: `If an account matches the address ${email.value}, an e-mail has just been sent to it with a link to choose a new password (valid for one hour).`,
        }
      : {
          fr: 'Si un compte correspond à ce numéro, un e-mail vient d’être envoyé à l’adresse associée avec un lien pour choisir un nouveau mot de passe (valable une heure).',
          en: 'If an account matches this number, an e-mail has just been sent to its address with a link to choose a new password (valid for one hour).',
        },
  };
}

/**
 * Sets a new password with a reset link: the link must be known, unused and not expired, the
 * password must follow the policy. It ends every session and every other reset link of the
 * account, and lifts a lockout.
 */
export async function confirmPasswordReset({ passwordResets }: Pick<AuthStores, 'passwordResets'>, token: string, password: string, now: Date, sessionEvents: SessionEvents): Promise<string> {
  const check = checkPassword(password);
  if (!check.valid) {
    const message = inEveryLocale((locale) => passwordPolicyMessage(checkPassword(password, locale), locale));
    throw new ApiError(422, message, { reason: 'weak_password', rules: check.rules.filter((r) => !r.passed).map((r) => r.id) });
  }
  const hash = await hashPassword(password);
  const userId = await passwordResets.use(hashToken(token), hash, now);
  if (userId === null) {
    throw new ApiError(
      400,
      { fr: 'Ce lien de réinitialisation n’est plus valable (déjà utilisé ou expiré) : refaites une demande.', en: 'This reset link is no longer valid (already used or expired): ask for a new one.' },
      { reason: 'invalid_link' },
    );
  }
  sessionEvents.publish({ kind: 'account', userId });
  return userId;
}

/** The e-mail carrying a reset link (French: its readers are). */
function resetMail(recipient: string, link: string): OutgoingMessage {
  return {
    channel: 'email',
    recipient,
    subject: 'Réinitialisation de votre mot de passe',
    body: `Bonjour,\n\nVous avez demandé à réinitialiser votre mot de passe. Ce lien est valable une heure et ne sert qu’une fois :\n${link}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.${SIGNATURE}`,
  };
}
