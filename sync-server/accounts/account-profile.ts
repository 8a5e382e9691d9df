import * as v from 'valibot';
import {
  ACCOUNT_EVENT_ACTIONS,
  type AccountEvent,
  type AccountProfile,
  AccountPreferencesSchema,
  DEFAULT_ACCOUNT_PREFERENCES,
  EmailChangeSchema,
  PasswordChangeSchema,
  type AccountPreferences,
  type EmailChangeInput,
  type PasswordChangeInput,
} from '../../domain/index.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { revokeResetLinks } from '../auth/password-reset.ts';
import { hashToken } from '../auth/sessions.ts';
import type { SqliteDatabase } from '../db/database.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import type { SessionEvents } from '../session-events.ts';
import { Directory, insurerOfficeOf, structureNumber } from './directory.ts';
import { EMAIL_TAKEN, sendEmailValidation } from './email-validation.ts';
import { parseOr422 } from '../http/request-body.ts';

/** How many events "Mes derniers évènements" lists. */
export const ACCOUNT_EVENTS_SHOWN = 10;

/** The signed-in user's own account: profile, latest events, e-mail and password changes, preferences, welcome. */
export class AccountProfiles {
  readonly #directory: Directory;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => Date,
    private readonly appUrl: string,
    /** Told of the sessions a password change ends (their open streams stop at once). */
    private readonly sessionEvents: SessionEvents,
  ) {
    this.#directory = new Directory(db);
  }

  profile(userId: string): AccountProfile {
    const row = this.db
      .prepare(
        `SELECT u.id, u.civility, u.first_name AS firstName, u.last_name AS lastName, u.role, u.rpps, u.account_kind AS accountKind,
                u.email, u.email_verified_at IS NOT NULL AS emailVerified, u.preferences, COALESCE(p.specialty, '') AS specialty
           FROM users u LEFT JOIN directory_professionals p ON p.id = u.directory_id WHERE u.id = ?`,
      )
      .get(userId) as (Omit<AccountProfile, 'emailVerified' | 'pendingEmail' | 'structures' | 'preferences'> & { emailVerified: number; preferences: string }) | undefined;
    if (!row) throw new ApiError(404, { fr: 'Ce compte n’existe plus.', en: 'This account no longer exists.' }, { reason: 'unknown_account' });
    const pending = this.db
      .prepare("SELECT email FROM email_validations WHERE user_id = ? AND purpose = 'change' AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1")
      .get(userId, this.now().toISOString()) as { email: string } | undefined;
    return {
      ...row,
      emailVerified: row.emailVerified === 1,
      pendingEmail: pending?.email ?? null,
      structures: this.#directory.structuresOfAccount(userId).map((s) => ({
        id: s.id,
        kind: s.kind,
        name: s.name,
        number: structureNumber(s),
        street: s.street,
        postcode: s.postcode,
        commune: s.commune,
        insurerOffice: insurerOfficeOf(s),
      })),
      preferences: readPreferences(row.preferences),
    };
  }

  /** "Mes derniers évènements": sign-ins (CPS, password), resets, e-mail and password changes, newest first. */
  events(userId: string, limit = ACCOUNT_EVENTS_SHOWN): AccountEvent[] {
    const actions = ACCOUNT_EVENT_ACTIONS.map(() => '?').join(', ');
    return this.db
      .prepare(`SELECT at, action FROM audit WHERE actor_id = ? AND on_behalf_of_id IS NULL AND action IN (${actions}) ORDER BY seq DESC LIMIT ?`)
      .all(userId, ...ACCOUNT_EVENT_ACTIONS, limit) as AccountEvent[];
  }

  /** "Modification de l'adresse e-mail": the old address stays until the new one's link is followed. */
  requestEmailChange(userId: string, input: unknown): { message: Localized } {
    const form = parseOr422(EmailChangeSchema, input as EmailChangeInput);
    const current = this.db.prepare('SELECT email FROM users WHERE id = ?').get(userId) as { email: string };
    if (current.email.toLowerCase() === form.email.toLowerCase()) {
      const message = { fr: 'C’est déjà l’adresse de votre compte.', en: 'This is already your account’s address.' };
      throw new ApiError(422, message, { reason: 'invalid_body', fields: { email: message } });
    }
    const taken = this.db.prepare('SELECT 1 FROM users WHERE email = ? AND email_verified_at IS NOT NULL AND id <> ?').get(form.email, userId);
    if (taken) {
      const message = EMAIL_TAKEN;
      throw new ApiError(409, message, { reason: 'email_taken', fields: { email: message } });
    }
    this.db.transaction(() => sendEmailValidation(this.db, userId, form.email, 'change', this.now(), this.appUrl))();
    return {
      message: {
        fr: `Un e-mail vient d’être envoyé à ${form.email} : cliquez sur le lien qu’il contient pour valider votre nouvelle adresse. D’ici là, votre adresse actuelle reste celle du compte.`,
        en: `An e-mail has just been sent to ${form.email}: click the link it contains to validate your new address. Until then, your current address remains the account’s.`,
      },
    };
  }

  /**
   * "Modification du mot de passe", typed twice. The current password is asked, except right
   * after a sign-in with the temporary password sent by post. Other sessions and every reset
   * link not used yet end.
   */
  async changePassword(userId: string, sessionToken: string, input: unknown): Promise<{ message: Localized }> {
    const form = parseOr422(PasswordChangeSchema, input as PasswordChangeInput);
    const account = this.db.prepare('SELECT password_hash AS passwordHash, password_temporary_until AS temporaryUntil FROM users WHERE id = ?').get(userId) as {
      passwordHash: string;
      temporaryUntil: string | null;
    };
    if (account.temporaryUntil === null) {
      if (!form.currentPassword || !(await verifyPassword(form.currentPassword, account.passwordHash))) {
        const message = { fr: 'Le mot de passe actuel est incorrect.', en: 'The current password is wrong.' };
        throw new ApiError(422, message, { reason: 'wrong_current_password', fields: { currentPassword: message } });
      }
    }
    if (await verifyPassword(form.password, account.passwordHash)) {
      const message = { fr: 'Choisissez un mot de passe différent de l’actuel.', en: 'Choose a password different from the current one.' };
      throw new ApiError(422, message, { reason: 'same_password', fields: { password: message } });
    }
    const hash = await hashPassword(form.password);
    const at = this.now();
    const nowIso = at.toISOString();
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ?, password_temporary_until = NULL, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(hash, userId);
      revokeResetLinks(this.db, userId, at);
      this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash <> ?').run(nowIso, userId, hashToken(sessionToken));
      this.db.prepare("INSERT INTO audit (at, actor_id, action, changes) VALUES (?, ?, 'password_change', '{}')").run(nowIso, userId);
    })();
    this.sessionEvents.publish({ kind: 'account', userId, exceptTokenHash: hashToken(sessionToken) });
    return { message: { fr: 'Votre mot de passe a été modifié. Vos autres sessions ont été fermées.', en: 'Your password has been changed. Your other sessions have been closed.' } };
  }

  /** "Paramètres": the widgets' language and whether the insurer may write by e-mail. */
  savePreferences(userId: string, input: unknown): AccountPreferences {
    const preferences = parseOr422(AccountPreferencesSchema, input);
    this.db.prepare('UPDATE users SET preferences = ? WHERE id = ?').run(JSON.stringify(preferences), userId);
    return preferences;
  }

  /** The welcome dialog of the first sign-in was closed: it does not come back. */
  welcomed(userId: string): void {
    this.db.prepare('UPDATE users SET welcomed_at = COALESCE(welcomed_at, ?) WHERE id = ?').run(this.now().toISOString(), userId);
  }

  /** Sends the validation link again (the first one expired or went astray). */
  resendValidation(userId: string): { message: Localized } {
    const row = this.db.prepare('SELECT email, email_verified_at AS verifiedAt FROM users WHERE id = ?').get(userId) as { email: string; verifiedAt: string | null };
    if (row.verifiedAt !== null) throw new ApiError(409, { fr: 'Votre adresse e-mail est déjà validée.', en: 'Your e-mail address is already validated.' }, { reason: 'already_verified' });
    this.db.transaction(() => sendEmailValidation(this.db, userId, row.email, 'creation', this.now(), this.appUrl))();
    return { message: { fr: `Un nouvel e-mail de validation vient d’être envoyé à ${row.email}.`, en: `A new validation e-mail has just been sent to ${row.email}.` } };
  }
}

function readPreferences(stored: string): AccountPreferences {
  try {
    const parsed = v.safeParse(AccountPreferencesSchema, { ...DEFAULT_ACCOUNT_PREFERENCES, ...(JSON.parse(stored) as object) });
    return parsed.success ? parsed.output : DEFAULT_ACCOUNT_PREFERENCES;
  } catch {
    return DEFAULT_ACCOUNT_PREFERENCES;
  }
}
