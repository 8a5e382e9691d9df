import type { AccountEvent, AccountProfile, NumberLookup, StrongStart } from '../../../domain/account/account-answers.ts';
import type { AccountMigrationState, AccountMigrationChoiceInput } from '../../../domain/account/account-migration.ts';
import type { AccountPreferences, EmailChangeInput, PasswordChangeInput, PostalAccountInput, SecurityKeyInput, StrongAccountInput } from '../../../domain/account/account-schemas.ts';
import { ApiClient, type LocaleSource } from '../replication/api-client.ts';
import type { Session } from './session.ts';
import { cardProofBody, type CardProof } from './strong-auth.ts';

export type { AccountEvent, AccountPlace, AccountProfile, CreationIdentity, NumberLookup, StrongStart } from '../../../domain/account/account-answers.ts';

/**
 * The account routes of the sync server, for `<account-create>`, `<account-settings>` and the
 * welcome dialog. Every failure is an `ApiRequestError` with the server's message and, for a
 * refused form, `body.fields` (the shared schema's message per field), in the client's language.
 */

/** What account creation needs from the server (stories pass a stand-in). */
export type AccountCreationService = Pick<AccountCreationApi, 'lookup' | 'startWithCps' | 'startWithSecurityKey' | 'createStrong' | 'createByPost' | 'validateEmail'>;

/** Account creation and e-mail validation: no session needed. */
export class AccountCreationApi {
  readonly #api: ApiClient;

  /** `locale`: the calling element's (`() => this.locale`), for the server's messages; the page's `<html lang>` without it. */
  constructor(server: string, locale?: LocaleSource) {
    this.#api = new ApiClient({ server, token: () => null, ...(locale ? { locale } : {}) });
  }

  lookup(number: string): Promise<NumberLookup> {
    return this.#api.json('/api/accounts/lookup', { method: 'POST', json: { number } });
  }

  /** The card's holder, known to the directory and without an account: the simulated card, or Pro Santé Connect's return. */
  startWithCps(proof: CardProof): Promise<StrongStart> {
    return this.#api.json('/api/accounts/cps', { method: 'POST', json: cardProofBody(proof) });
  }

  startWithSecurityKey(key: SecurityKeyInput): Promise<StrongStart> {
    return this.#api.json('/api/accounts/security-key', { method: 'POST', json: key });
  }

  /** Creates the account of a strong path; its session opens at once. */
  createStrong(form: StrongAccountInput): Promise<Session & { message: string }> {
    return this.#api.json('/api/accounts', { method: 'POST', json: form });
  }

  createByPost(form: PostalAccountInput): Promise<{ message: string; postalAddress: string }> {
    return this.#api.json('/api/accounts/by-post', { method: 'POST', json: form });
  }

  validateEmail(token: string): Promise<{ email: string; purpose: 'creation' | 'change'; message: string }> {
    return this.#api.json('/api/accounts/email-validation', { method: 'POST', json: { token } });
  }
}

/** What "Mon compte" needs from the server (stories pass a stand-in). */
export type AccountService = Pick<AccountApi, 'profile' | 'events' | 'changeEmail' | 'resendValidation' | 'changePassword' | 'savePreferences' | 'welcomed'>;

/** What `<account-migration>` needs from the server (stories pass a stand-in). */
export type AccountMigrationService = Pick<AccountApi, 'chooseMigration' | 'acknowledgeMigration'>;

/** The signed-in user's account ("Mon compte"). */
export class AccountApi {
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  profile(): Promise<AccountProfile> {
    return this.#api.json('/api/account');
  }

  async events(): Promise<readonly AccountEvent[]> {
    return (await this.#api.json<{ events: AccountEvent[] }>('/api/account/events')).events;
  }

  async changeEmail(form: EmailChangeInput): Promise<string> {
    return (await this.#api.json<{ message: string }>('/api/account/email', { method: 'POST', json: form })).message;
  }

  async resendValidation(): Promise<string> {
    return (await this.#api.json<{ message: string }>('/api/account/email/resend-validation', { method: 'POST' })).message;
  }

  async changePassword(form: PasswordChangeInput): Promise<string> {
    return (await this.#api.json<{ message: string }>('/api/account/password', { method: 'POST', json: form })).message;
  }

  savePreferences(preferences: AccountPreferences): Promise<AccountPreferences> {
    return this.#api.json('/api/account/preferences', { method: 'POST', json: preferences });
  }

  async welcomed(): Promise<void> {
    const response = await this.#api.send('/api/account/welcome', { method: 'POST' });
    if (!response.ok) throw new Error(`welcome: ${response.status}`);
  }

  /** A former pharmacy or laboratory account's choice of kind (situation 2): the migration done, and the server's confirmation. */
  chooseMigration(choice: AccountMigrationChoiceInput): Promise<{ accountMigration: AccountMigrationState; message: string }> {
    return this.#api.json('/api/account/migration', { method: 'POST', json: choice });
  }

  /** The migration was explained: it is not told again. */
  async acknowledgeMigration(): Promise<void> {
    const response = await this.#api.send('/api/account/migration/acknowledge', { method: 'POST' });
    if (!response.ok) throw new Error(`migration acknowledged: ${response.status}`);
  }
}
