import { randomBytes } from 'node:crypto';
import { hashToken } from '../auth/sessions.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { appLink, SIGNATURE, type OutgoingMessage } from '../outbox/outbox.ts';
import type { AccountStorage, EmailValidationLink } from './account-storage.ts';

/** An address another account already signs in with (identifiers are unique). */
export const EMAIL_TAKEN: Localized = {
  fr: 'Cette adresse e-mail est déjà l’identifiant d’un autre compte : choisissez une adresse individuelle.',
  en: 'This e-mail address is already the identifier of another account: choose an individual address.',
};

/** How long an e-mail validation link works. */
export const EMAIL_VALIDATION_LIFETIME_MS = 48 * 60 * 60 * 1000;

export type EmailValidationPurpose = 'creation' | 'change';

/**
 * "Valider adresse e-mail": every account creation and every change of address ends with a
 * link sent to the address. The link is random, stored hashed, single-use, valid 48 hours.
 * Until it is followed the address is not an identifier (sign-in, password reset).
 */
export function emailValidationLink(userId: string, email: string, purpose: EmailValidationPurpose, now: Date, appUrl: string): EmailValidationLink {
  const token = randomBytes(32).toString('base64url');
  const link = appLink(appUrl, 'valider-adresse-email', token);
  return {
    tokenHash: hashToken(token),
    userId,
    email,
    purpose,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + EMAIL_VALIDATION_LIFETIME_MS).toISOString(),
    message: {
      channel: 'email',
      recipient: email,
      subject: purpose === 'creation' ? 'Validez votre adresse e-mail' : 'Validez votre nouvelle adresse e-mail',
      body:
        purpose === 'creation'
          ? `Bonjour,\n\nVotre compte vient d’être créé. Pour terminer, validez votre adresse e-mail : cliquez sur « Valider adresse e-mail » ou ouvrez ce lien (valable 48 heures, il ne sert qu’une fois) :\n${link}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.${SIGNATURE}`
          : `Bonjour,\n\nVous avez demandé à utiliser cette adresse pour votre compte. Validez-la en ouvrant ce lien (valable 48 heures, il ne sert qu’une fois) :\n${link}\n\nTant qu’elle n’est pas validée, votre ancienne adresse reste celle du compte. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.${SIGNATURE}`,
    },
  };
}

/**
 * Follows a validation link: the address becomes the account's (for a change, the old address
 * is told). A used, expired or unknown link is refused, as is an address another account
 * validated in the meantime.
 */
export async function confirmEmailValidation(accounts: AccountStorage, token: string, now: Date): Promise<{ userId: string; email: string; purpose: EmailValidationPurpose }> {
  const outcome = await accounts.validateEmail(hashToken(token), now, changeNotice);
  if (outcome.status === 'taken') throw new ApiError(409, EMAIL_TAKEN, { reason: 'email_taken' });
  if (outcome.status === 'invalid') {
    throw new ApiError(
      400,
      {
        fr: 'Ce lien de validation n’est plus valable (déjà utilisé ou expiré). Depuis votre compte, demandez un nouvel e-mail de validation.',
        en: 'This validation link is no longer valid (already used or expired). From your account, ask for a new validation e-mail.',
      },
      { reason: 'invalid_link' },
    );
  }
  const { userId, email, purpose } = outcome;
  return { userId, email, purpose };
}

/** The e-mail telling the old address that it no longer is the account's (none when only its case changed). */
function changeNotice(previousEmail: string, newEmail: string): OutgoingMessage | null {
  if (previousEmail.toLowerCase() === newEmail.toLowerCase()) return null;
  return {
    channel: 'email',
    recipient: previousEmail,
    subject: 'Votre adresse e-mail a été modifiée',
    body: `Bonjour,\n\nL’adresse e-mail de votre compte vient d’être remplacée. Elle ne servira plus à vous connecter ni à recevoir nos messages.\n\nSi vous n’êtes pas à l’origine de ce changement, connectez-vous par carte CPS ou contactez l’assistance technique au 0811 709 710.${SIGNATURE}`,
  };
}
