import { randomBytes } from 'node:crypto';
import { hashToken } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import { appLink, queueMessage, SIGNATURE } from '../outbox/outbox.ts';

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
export function sendEmailValidation(db: SqliteDatabase, userId: string, email: string, purpose: EmailValidationPurpose, now: Date, appUrl: string): void {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + EMAIL_VALIDATION_LIFETIME_MS);
  // A newer link replaces the older ones of the same purpose.
  db.prepare('UPDATE email_validations SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL').run(now.toISOString(), userId, purpose);
  db.prepare('INSERT INTO email_validations (token_hash, user_id, email, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    hashToken(token),
    userId,
    email,
    purpose,
    now.toISOString(),
    expiresAt.toISOString(),
  );
  const link = appLink(appUrl, 'valider-adresse-email', token);
  queueMessage(
    db,
    {
      channel: 'email',
      recipient: email,
      subject: purpose === 'creation' ? 'Validez votre adresse e-mail' : 'Validez votre nouvelle adresse e-mail',
      body:
        purpose === 'creation'
          ? `Bonjour,\n\nVotre compte vient d’être créé. Pour terminer, validez votre adresse e-mail : cliquez sur « Valider adresse e-mail » ou ouvrez ce lien (valable 48 heures, il ne sert qu’une fois) :\n${link}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.${SIGNATURE}`
          : `Bonjour,\n\nVous avez demandé à utiliser cette adresse pour votre compte. Validez-la en ouvrant ce lien (valable 48 heures, il ne sert qu’une fois) :\n${link}\n\nTant qu’elle n’est pas validée, votre ancienne adresse reste celle du compte. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.${SIGNATURE}`,
    },
    now,
  );
}

/**
 * Follows a validation link: the address becomes the account's (for a change, the old address
 * is told). A used, expired or unknown link is refused, as is an address another account
 * validated in the meantime.
 */
export function confirmEmailValidation(db: SqliteDatabase, token: string, now: Date): { userId: string; email: string; purpose: EmailValidationPurpose } {
  const nowIso = now.toISOString();
  return db.transaction(() => {
    const row = db
      .prepare('UPDATE email_validations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id AS userId, email, purpose')
      .get(nowIso, hashToken(token), nowIso) as { userId: string; email: string; purpose: EmailValidationPurpose } | undefined;
    if (!row) {
      throw new ApiError(
        400,
        {
          fr: 'Ce lien de validation n’est plus valable (déjà utilisé ou expiré). Depuis votre compte, demandez un nouvel e-mail de validation.',
          en: 'This validation link is no longer valid (already used or expired). From your account, ask for a new validation e-mail.',
        },
        { reason: 'invalid_link' },
      );
    }
    const taken = db.prepare('SELECT 1 FROM users WHERE email = ? AND email_verified_at IS NOT NULL AND id <> ?').get(row.email, row.userId);
    if (taken) throw new ApiError(409, EMAIL_TAKEN, { reason: 'email_taken' });
    const previous = db.prepare('SELECT email FROM users WHERE id = ?').get(row.userId) as { email: string } | undefined;
    if (!previous) throw new ApiError(400, { fr: 'Ce lien de validation n’est plus valable.', en: 'This validation link is no longer valid.' }, { reason: 'invalid_link' });
    db.prepare('UPDATE users SET email = ?, email_verified_at = ? WHERE id = ?').run(row.email, nowIso, row.userId);
    if (row.purpose === 'change') {
      db.prepare("INSERT INTO audit (at, actor_id, action, changes) VALUES (?, ?, 'email_change', '{}')").run(nowIso, row.userId);
      if (previous.email.toLowerCase() !== row.email.toLowerCase()) {
        queueMessage(
          db,
          {
            channel: 'email',
            recipient: previous.email,
            subject: 'Votre adresse e-mail a été modifiée',
            body: `Bonjour,\n\nL’adresse e-mail de votre compte vient d’être remplacée. Elle ne servira plus à vous connecter ni à recevoir nos messages.\n\nSi vous n’êtes pas à l’origine de ce changement, connectez-vous par carte CPS ou contactez l’assistance technique au 0811 709 710.${SIGNATURE}`,
          },
          now,
        );
      }
    }
    return row;
  })();
}
