import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import { readProviderReturn, relayProviderReturn, removeProviderReturn, takeIntent, type ProviderReturn, type StrongAuthIntent } from '../../data/session/pro-sante-connect-return.ts';
import { signInWithCps, signInWithPassword, type Session } from '../../data/session/session.ts';
import type { CardProof, SimulatedCard, StrongAuthKind } from '../../data/session/strong-auth.ts';
import { radioGroup, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { AccountCreateRequestEvent, AccountSignedInEvent, PasswordResetRequestEvent, type StrongAuthFlow } from './account-sign-in.events.ts';
import { signInMessages } from './account-sign-in.messages.ts';
import { signInStyles } from './account-sign-in.styles.ts';
import { surfaceStyles } from '../../styles/surface-styles.ts';
import { StrongAuthController } from './strong-auth-controller.ts';

type SimulatedCardKind = 'cps' | 'cpe' | 'cde';
/** The number field of each simulated card, named as the server reads the card. */
const CARD_NUMBER_FIELD = { cps: 'rpps', cpe: 'cpe', cde: 'finess' } as const;
type CardNumberField = (typeof CARD_NUMBER_FIELD)[SimulatedCardKind];
/** The simulated card's notice names the card chosen (« Carte CPE simulée… »). */
const SIMULATED_NOTICE = { cps: 'cpsSimulated', cpe: 'cpeSimulated', cde: 'cdeSimulated' } as const;

/**
 * The sign-in of the portal: identifier (e-mail, AM or FINESS number) and password, "Mot de passe
 * oublié", "VOUS CONNECTER PAR CARTE CPS", "Créer un compte". The card block follows the server's
 * strong authentication (`GET /api/auth/strong`): Pro Santé Connect (the practitioner signs in
 * at the provider, by redirect or in a popup, the host chooses), the simulated card of the demo
 * (said so on screen: a CPS card by its RPPS, a medical assistant's CPE card by its identifier,
 * an establishment director's card by its FINESS; the holder code), or no block at all. It says why a sign-in fails in
 * the server's words: a wrong password, the lockout after the third one with the delay left
 * ("réessayez dans N min ou connectez-vous avec votre carte CPS"), an e-mail shared by several
 * accounts (then the AM/FINESS number is asked), a Pro Santé Connect sign-in cancelled, refused
 * or too weak.
 *
 * @summary Password or CPS sign-in, with the lockout and its delay.
 *
 * @csspart panel - Each block (identifiers, CPS card, account creation).
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart field - Each labelled field (label, control, hint, error).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Why the sign-in failed (wrong password, lockout and its delay…).
 * @csspart notice - The simulated-card notice and other information.
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @cssproperty --account-sign-in-width - Width of the element. Defaults to `30rem`.
 *
 * @fires account-signed-in - Signed in; `detail: {session, method}`.
 * @fires password-reset-request - "Mot de passe oublié" (cancelable); `detail: {identifier}`.
 * @fires account-create-request - "Créer un compte" (cancelable); `detail.card` after a card without an account.
 * @fires strong-auth-start - Leaving for Pro Santé Connect (cancelable); `detail: {authorizationUrl, flow, intent}`.
 */
@customElement('account-sign-in')
export class AccountSignIn extends LocalizedElement {
  static override styles = [baseStyles, formStyles, surfaceStyles, signInStyles];

  /** The sync server's origin ('' for the page's own). */
  @property() server = '';

  /** A message to show on arrival (e.g. "your session expired"), set by the host. */
  @property() notice = '';

  /**
   * The device is offline (set by the provider): the form says plainly that signing in needs the
   * network. It says so too after an attempt that found no server.
   */
  @property({ type: Boolean }) offline = false;

  /**
   * How « VOUS CONNECTER PAR CARTE CPS » reaches Pro Santé Connect: `redirect` (the page leaves
   * for the provider and comes back to the redirect URL, where this element reads the return from
   * the address) or `popup` (a window opens; its redirect page relays the return here).
   */
  @property({ attribute: 'strong-auth-flow' }) strongAuthFlow: StrongAuthFlow = 'redirect';

  /**
   * The server's strong authentication, when the host knows it (`pro_sante_connect`,
   * `simulated_cps`, `none`); empty, the element asks the server (`GET /api/auth/strong`).
   */
  @property({ attribute: 'strong-auth' }) strongAuth: StrongAuthKind | '' = '';

  /** The last attempt found no server. */
  @state() private unreachable = false;

  @state() private error = '';
  @state() private errorField: 'identifier' | 'password' | CardNumberField | 'code' | '' = '';
  /** Which simulated card is read: a CPS card, a CPE card, an establishment director's card (seed 003: « Connexion en CPS/CPE (selon son profil) »). */
  @state() private cardKind: SimulatedCardKind = 'cps';
  @state() private submitting = false;
  @state() private cpsOpen = false;
  /** A card read without an account: "Créer mon compte avec cette carte" (Pro Santé Connect: a new sign-in to create it). */
  @state() private unknownCard: SimulatedCard | 'pro_sante_connect' | null = null;

  readonly #strong = new StrongAuthController(this);

  get #strongAuth(): StrongAuthKind | '' {
    return this.#strong.kind;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // In the popup: the redirect page hands the return to the sign-in that opened it.
    if (relayProviderReturn()) return;
    const outcome = readProviderReturn(location.href);
    if (!outcome) return;
    removeProviderReturn();
    void this.#providerReturned(outcome);
  }

  /**
   * Hands Pro Santé Connect's return to the sign-in, for a host whose redirect URL is another
   * page or route: `callbackUrl` is that URL with its query (`code`, `state`, `iss`, or `error`).
   * The sign-in then goes on as after its own redirect. False when the URL carries no return.
   */
  async completeStrongAuth(callbackUrl: string | URL): Promise<boolean> {
    const outcome = readProviderReturn(callbackUrl);
    if (!outcome) return false;
    await this.#providerReturned(outcome);
    return true;
  }

  /**
   * « VOUS CONNECTER PAR CARTE CPS » before the server said which card it takes (a click faster
   * than its answer): waits for it, then opens the simulated card's form or leaves for the provider.
   */
  async #openCard(): Promise<void> {
    const kind = this.#strongAuth || (await this.#strong.known());
    if (kind === 'pro_sante_connect') this.#startProSanteConnect('sign-in');
    else this.cpsOpen = true;
  }

  /** « VOUS CONNECTER PAR CARTE CPS » with Pro Santé Connect (to sign in, or to create the account). */
  #startProSanteConnect(intent: StrongAuthIntent): void {
    this.cpsOpen = true;
    this.submitting = true;
    this.error = '';
    this.errorField = '';
    if (intent === 'sign-in') this.unknownCard = null;
    this.#strong
      .start(intent)
      .then((outcome) => {
        this.submitting = false;
        if (outcome) return this.#providerReturned(outcome);
        return undefined;
      })
      .catch((error: unknown) => {
        this.submitting = false;
        this.#fail(error);
      });
  }

  /** Pro Santé Connect's return: the sign-in, the account creation asked of the host, or why not. */
  async #providerReturned(outcome: ProviderReturn): Promise<void> {
    const intent = takeIntent(outcome);
    this.#strong.returned();
    this.cpsOpen = true;
    if ('error' in outcome) {
      this.error = this.#strong.refusal(outcome);
      this.errorField = '';
      return;
    }
    const proof: CardProof = { authorization: outcome.authorization };
    if (intent === 'create') {
      this.unknownCard = null;
      this.dispatchEvent(new AccountCreateRequestEvent({ card: proof }));
      return;
    }
    await this.#run('cps', async () => {
      try {
        return await signInWithCps(this.server, proof, () => this.locale);
      } catch (error) {
        // Only a CPS card's holder (an RPPS) creates an account; a CPE or director's card signs in an existing one.
        if (error instanceof ApiRequestError && error.body['reason'] === 'unknown_card' && (error.body['card'] ?? 'cps') === 'cps') this.unknownCard = 'pro_sante_connect';
        throw error;
      }
    });
  }

  #fail(error: unknown): void {
    const t = translator(signInMessages, this.locale);
    if (error instanceof ApiRequestError) {
      const reason = error.body['reason'];
      const retryAfter = Number(error.body['retryAfter']);
      this.unreachable = error.kind === 'offline';
      if (this.unreachable) {
        this.error = '';
        this.errorField = '';
        return;
      }
      this.error = error.status === 423 && retryAfter > 0 ? t('locked', { minutes: Math.ceil(retryAfter / 60) }) : error.message;
      const cardField = this.#strongAuth !== 'pro_sante_connect';
      this.errorField =
        reason === 'shared_email' || reason === 'shared_number'
          ? 'identifier'
          : cardField && reason === 'wrong_card_code'
            ? 'code'
            : cardField && (reason === 'invalid_card' || reason === 'unknown_card')
              ? CARD_NUMBER_FIELD[this.cardKind]
              : this.cpsOpen
                ? ''
                : 'password';
    } else {
      this.error = String(error);
      this.errorField = '';
    }
    void this.updateComplete.then(() => {
      if (this.errorField) this.renderRoot.querySelector<HTMLInputElement>(`[name="${this.errorField}"]`)?.focus();
    });
  }

  async #run(method: 'password' | 'cps', attempt: () => Promise<Session>): Promise<void> {
    this.submitting = true;
    this.error = '';
    this.errorField = '';
    try {
      const session = await attempt();
      this.unreachable = false;
      this.dispatchEvent(new AccountSignedInEvent({ session, method }));
    } catch (error) {
      this.#fail(error);
    } finally {
      this.submitting = false;
    }
  }

  #submitPassword(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const identifier = String(data.get('identifier') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!identifier || !password) {
      this.error = translator(signInMessages, this.locale)('required');
      this.errorField = !identifier ? 'identifier' : 'password';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`[name="${this.errorField}"]`)?.focus());
      return;
    }
    void this.#run('password', () => signInWithPassword(this.server, identifier, password, () => this.locale));
  }

  #submitCard(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const field = CARD_NUMBER_FIELD[this.cardKind];
    const code = String(data.get('code') ?? '');
    const number = String(data.get(field) ?? '');
    const card: SimulatedCard = field === 'rpps' ? { rpps: number, code } : field === 'cpe' ? { cpe: number, code } : { finess: number, code };
    this.unknownCard = null;
    void this.#run('cps', async () => {
      try {
        return await signInWithCps(this.server, card, () => this.locale);
      } catch (error) {
        // Only a CPS card creates an account (a CPE or director's card signs in an existing one).
        if (error instanceof ApiRequestError && error.body['reason'] === 'unknown_card' && field === 'rpps') this.unknownCard = card;
        throw error;
      }
    });
  }

  /** « Identification par carte CPS »: Pro Santé Connect, the simulated card, or nothing when the server has no strong authentication. */
  #cardBlock(generalError: unknown, fieldError: (name: string) => string | undefined) {
    const t = translator(signInMessages, this.locale);
    const kind = this.#strongAuth;
    if (kind === 'none') return nothing;
    const heading = html`<h2 part="heading" id="cps-title">${t('cpsTitle')}</h2>
      <p part="hint" class="hint">${t('cpsHint')}</p>`;
    if (kind === 'pro_sante_connect') {
      return html`<section part="panel" class="panel" aria-labelledby="cps-title">
        ${heading}
        <p part="hint" class="hint">${t('pscHint')}</p>
        ${this.cpsOpen ? generalError : nothing}
        ${this.cpsOpen && this.submitting ? html`<p part="notice" class="notice" role="status">${this.strongAuthFlow === 'popup' ? t('pscPopup') : t('pscLeaving')}</p>` : nothing}
        <div class="actions">
          ${this.unknownCard === 'pro_sante_connect'
            ? html`<button part="button" type="button" name="create-with-card" ?disabled=${this.submitting} @click=${() => this.#startProSanteConnect('create')}>${t('createWithCard')}</button>`
            : nothing}
          <button part="button primary" type="button" class="primary" name="cps" ?disabled=${this.submitting} @click=${() => this.#startProSanteConnect('sign-in')}>${t('cpsButton')}</button>
        </div>
      </section>`;
    }
    const card = this.unknownCard !== 'pro_sante_connect' ? this.unknownCard : null;
    return html`<section part="panel" class="panel" aria-labelledby="cps-title">
      ${heading}
      ${this.cpsOpen
        ? html`<form part="form" novalidate @submit=${this.#submitCard}>
            <p part="notice" class="notice" aria-live="polite">${t(SIMULATED_NOTICE[this.cardKind])}</p>
            ${generalError}
            <div @change=${(e: Event) => {
              const target = e.target as HTMLInputElement;
              if (target.name !== 'cardKind') return;
              this.cardKind = target.value as SimulatedCardKind;
              this.error = '';
              this.errorField = '';
              this.unknownCard = null;
            }}>
              ${radioGroup({
                name: 'cardKind',
                label: t('cardKind'),
                value: this.cardKind,
                choices: [
                  { value: 'cps', label: t('cardCps') },
                  { value: 'cpe', label: t('cardCpe') },
                  { value: 'cde', label: t('cardCde') },
                ],
              })}
            </div>
            ${keyed(
              this.cardKind,
              this.cardKind === 'cpe'
                ? textField({ name: 'cpe', label: t('cpeNumber'), hint: t('cpeHint'), value: '', autocomplete: 'off', maxlength: 30, error: fieldError('cpe') })
                : this.cardKind === 'cde'
                  ? textField({ name: 'finess', label: t('cdeNumber'), value: '', inputmode: 'numeric', maxlength: 9, error: fieldError('finess') })
                  : textField({ name: 'rpps', label: t('cpsRpps'), value: '', inputmode: 'numeric', maxlength: 11, error: fieldError('rpps') }),
            )}
            ${textField({ name: 'code', label: t('cpsCode'), value: '', type: 'password', inputmode: 'numeric', maxlength: 8, error: fieldError('code') })}
            <div class="actions">
              ${card ? html`<button part="button" type="button" name="create-with-card" @click=${() => this.dispatchEvent(new AccountCreateRequestEvent({ card }))}>${t('createWithCard')}</button>` : nothing}
              <button part="button primary" type="submit" class="primary" ?disabled=${this.submitting}>${t('cpsRead')}</button>
            </div>
          </form>`
        : html`<div class="actions">
            <button part="button primary" type="button" class="primary" name="cps" @click=${() => void this.#openCard()}>${t('cpsButton')}</button>
          </div>`}
    </section>`;
  }

  override render() {
    const t = translator(signInMessages, this.locale);
    const fieldError = (name: string) => (this.errorField === name ? this.error : undefined);
    const generalError = this.error && !this.errorField ? html`<p part="error" class="field-error" role="alert">${this.error}</p>` : nothing;
    const identifierValue = () => this.renderRoot.querySelector<HTMLInputElement>('[name="identifier"]')?.value ?? '';
    return html`
      ${this.notice ? html`<p part="notice" class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.offline || this.unreachable ? html`<p part="notice" class="notice offline" role="status">${t('offline')}</p>` : nothing}
      <section part="panel" class="panel" aria-labelledby="sign-in-title">
        <h2 part="heading" id="sign-in-title">${t('title')}</h2>
        ${this.cpsOpen ? nothing : generalError}
        ${this.error && this.errorField && !this.cpsOpen ? html`<p class="visually-hidden" role="alert">${this.error}</p>` : nothing}
        <form part="form" novalidate @submit=${this.#submitPassword}>
          ${textField({ name: 'identifier', label: t('identifier'), value: '', autocomplete: 'username', error: fieldError('identifier') })}
          ${textField({ name: 'password', label: t('password'), value: '', type: 'password', autocomplete: 'current-password', error: fieldError('password') })}
          <button part="button" type="button" class="link" name="forgotten" @click=${() => this.dispatchEvent(new PasswordResetRequestEvent({ identifier: identifierValue() }))}>
            ${t('forgotten')}
          </button>
          <div class="actions">
            <button part="button primary" type="submit" class="primary" ?disabled=${this.submitting}>${this.submitting && !this.cpsOpen ? t('submitting') : t('submit')}</button>
          </div>
        </form>
      </section>
      ${this.#cardBlock(generalError, fieldError)}
      <section part="panel" class="panel" aria-labelledby="create-title">
        <h2 part="heading" id="create-title">${t('noAccount')}</h2>
        ${this.#strongAuth === 'none' ? nothing : html`<p part="hint" class="hint">${t('createHint')}</p>`}
        <div class="actions"><button part="button" type="button" name="create" @click=${() => this.dispatchEvent(new AccountCreateRequestEvent())}>${t('create')}</button></div>
      </section>
    `;
  }
}

/** For the popup flow's redirect page: `import { relayProviderReturn } from 'teleservices/account-sign-in'`. */
export { relayProviderReturn };

declare global {
  interface HTMLElementTagNameMap {
    'account-sign-in': AccountSignIn;
  }
}
