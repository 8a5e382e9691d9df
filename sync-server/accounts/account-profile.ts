import * as v from 'valibot';
import {
  ACCOUNT_EVENT_ACTIONS,
  type AccountEvent,
  type AccountProfile,
  AccountPreferencesSchema,
  DEFAULT_ACCOUNT_PREFERENCES,
  CONTRACT_STATUS_LABELS,
  approvalTerms,
  directoryTerm,
  EmailChangeSchema,
  PasswordChangeSchema,
  type AccountPreferences,
  type EmailChangeInput,
  type PasswordChangeInput,
} from '../../domain/index.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { hashToken } from '../auth/sessions.ts';
import { ApiError, type Localized } from '../http-errors.ts';
import type { SessionEvents } from '../session-events.ts';
import type { AccountStorage } from './account-storage.ts';
import { accountPlaceOf } from './directory.ts';
import { EMAIL_TAKEN, emailValidationLink } from './email-validation.ts';
import { parseOr422 } from '../http/request-body.ts';

/** How many events "Mes derniers évènements" lists. */
export const ACCOUNT_EVENTS_SHOWN = 10;

/** The signed-in user's own account: profile, latest events, e-mail and password changes, preferences, welcome. */
export class AccountProfiles {
  constructor(
    private readonly accounts: AccountStorage,
    private readonly now: () => Date,
    private readonly appUrl: string,
    /** Told of the sessions a password change ends (their open streams stop at once). */
    private readonly sessionEvents: SessionEvents,
  ) {}

  async profile(userId: string): Promise<AccountProfile> {
    const row = await this.accounts.profile(userId, this.now());
    if (!row) throw new ApiError(404, { fr: 'Ce compte n’existe plus.', en: 'This account no longer exists.' }, { reason: 'unknown_account' });
    return {
      ...row,
      listedProfessional: row.contractStatus !== null,
      contractStatus: row.contractStatus ? directoryTerm(CONTRACT_STATUS_LABELS, row.contractStatus) : null,
      approvals: approvalTerms(row.approvals),
      structures: (await this.accounts.structuresOfAccount(userId)).map(accountPlaceOf),
      preferences: readPreferences(row.preferences),
    };
  }

  /** "Mes derniers évènements": sign-ins (CPS, password), resets, e-mail and password changes, newest first. */
  events(userId: string, limit = ACCOUNT_EVENTS_SHOWN): Promise<AccountEvent[]> {
    return this.accounts.events(userId, ACCOUNT_EVENT_ACTIONS, limit);
  }

  /** "Modification de l'adresse e-mail": the old address stays until the new one's link is followed. */
  async requestEmailChange(userId: string, input: unknown): Promise<{ message: Localized }> {
    const form = parseOr422(EmailChangeSchema, input as EmailChangeInput);
    const current = (await this.accounts.credentials(userId))!;
    if (current.email.toLowerCase() === form.email.toLowerCase()) {
      const message = { fr: 'C’est déjà l’adresse de votre compte.', en: 'This is already your account’s address.' };
      throw new ApiError(422, message, { reason: 'invalid_body', fields: { email: message } });
    }
    if ((await this.accounts.emailHolders(form.email)).some((id) => id !== userId)) {
      const message = EMAIL_TAKEN;
      throw new ApiError(409, message, { reason: 'email_taken', fields: { email: message } });
    }
    await this.accounts.issueEmailValidation(emailValidationLink(userId, form.email, 'change', this.now(), this.appUrl));
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
    const account = (await this.accounts.credentials(userId))!;
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
    await this.accounts.changePassword(userId, hash, hashToken(sessionToken), this.now());
    this.sessionEvents.publish({ kind: 'account', userId, exceptTokenHash: hashToken(sessionToken) });
    return { message: { fr: 'Votre mot de passe a été modifié. Vos autres sessions ont été fermées.', en: 'Your password has been changed. Your other sessions have been closed.' } };
  }

  /** "Paramètres": the widgets' language and whether the insurer may write by e-mail. */
  async savePreferences(userId: string, input: unknown): Promise<AccountPreferences> {
    const preferences = parseOr422(AccountPreferencesSchema, input);
    await this.accounts.savePreferences(userId, JSON.stringify(preferences));
    return preferences;
  }

  /** The welcome dialog of the first sign-in was closed: it does not come back. */
  welcomed(userId: string): Promise<void> {
    return this.accounts.welcomed(userId, this.now());
  }

  /** Sends the validation link again (the first one expired or went astray). */
  async resendValidation(userId: string): Promise<{ message: Localized }> {
    const row = (await this.accounts.credentials(userId))!;
    if (row.verified) throw new ApiError(409, { fr: 'Votre adresse e-mail est déjà validée.', en: 'Your e-mail address is already validated.' }, { reason: 'already_verified' });
    await this.accounts.issueEmailValidation(emailValidationLink(userId, row.email, 'creation', this.now(), this.appUrl));
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
