import { randomBytes } from 'node:crypto';
import { checkPassword, passwordPolicyMessage, validateAmNumber, validateEmail, validateFiness } from '../../domain/index.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { inEveryLocale, type Localized } from '../../domain/i18n/index.ts';
import { ApiError } from '../http-errors.ts';
import { appLink, queueMessage, SIGNATURE } from '../outbox/outbox.ts';
import type { SessionEvents } from '../session-events.ts';
import { hashPassword } from './passwords.ts';
import { hashToken } from './sessions.ts';

/** Ends the account's reset links not used yet (a newer link, a reset, a password change). */
export function revokeResetLinks(db: SqliteDatabase, userId: string, now: Date): void {
  db.prepare('UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL').run(now.toISOString(), userId);
}

/** How long a reset link works. */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

interface Account {
  readonly id: string;
  readonly email: string;
  readonly pending: string | null;
}

export interface ResetRequestAnswer {
  /** What the confirmation page says: the same whether an account exists or not. */
  readonly message: Localized;
}

/**
 * "Mot de passe oublié": asked with an e-mail (shown in clear in the confirmation) or an AM /
 * FINESS number (the address is not shown). The answer never tells whether an account exists;
 * when one does, a single-use link, stored hashed, valid one hour, goes to its e-mail (outbox):
 * it replaces the account's older links.
 */
export function requestPasswordReset(db: SqliteDatabase, identifier: string, now: Date, appUrl: string): ResetRequestAnswer {
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
  const accounts = email.valid
    ? (db.prepare('SELECT id, email, password_temporary_until AS pending FROM users WHERE email = ? AND email_verified_at IS NOT NULL').all(email.value) as Account[])
    : (db
        .prepare(
          `SELECT u.id, u.email, u.password_temporary_until AS pending FROM users u
             JOIN user_structures us ON us.user_id = u.id JOIN structures s ON s.id = us.structure_id
            WHERE (s.am_number = ? OR s.finess = ?) AND u.account_kind IN ('liberal', 'administratif', 'directeur')`,
        )
        .all(trimmed, trimmed) as Account[]);
  if (accounts.length === 1 && accounts[0]!.pending === null) {
    const account = accounts[0]!;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + RESET_LINK_LIFETIME_MS);
    db.transaction(() => {
      // Only the latest link lives: the older ones die with this request.
      revokeResetLinks(db, account.id, now);
      db.prepare('INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(hashToken(token), account.id, now.toISOString(), expiresAt.toISOString());
      queueMessage(
        db,
        {
          channel: 'email',
          recipient: account.email,
          subject: 'Réinitialisation de votre mot de passe',
          body: `Bonjour,\n\nVous avez demandé à réinitialiser votre mot de passe. Ce lien est valable une heure et ne sert qu’une fois :\n${appLink(appUrl, 'reinitialiser-mot-de-passe', token)}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.${SIGNATURE}`,
        },
        now,
      );
    })();
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
export async function confirmPasswordReset(db: SqliteDatabase, token: string, password: string, now: Date, sessionEvents: SessionEvents): Promise<string> {
  const check = checkPassword(password);
  if (!check.valid) {
    const message = inEveryLocale((locale) => passwordPolicyMessage(checkPassword(password, locale), locale));
    throw new ApiError(422, message, { reason: 'weak_password', rules: check.rules.filter((r) => !r.passed).map((r) => r.id) });
  }
  const hash = await hashPassword(password);
  const nowIso = now.toISOString();
  const used = db
    .prepare('UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id AS userId')
    .get(nowIso, hashToken(token), nowIso) as { userId: string } | undefined;
  if (!used) {
    throw new ApiError(
      400,
      { fr: 'Ce lien de réinitialisation n’est plus valable (déjà utilisé ou expiré) : refaites une demande.', en: 'This reset link is no longer valid (already used or expired): ask for a new one.' },
      { reason: 'invalid_link' },
    );
  }
  db.transaction(() => {
    revokeResetLinks(db, used.userId, now);
    db.prepare('UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(hash, used.userId);
    db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(nowIso, used.userId);
    db.prepare("INSERT INTO audit (at, actor_id, action) VALUES (?, ?, 'password_reset')").run(nowIso, used.userId);
  })();
  sessionEvents.publish({ kind: 'account', userId: used.userId });
  return used.userId;
}
