import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CIVILITIES } from '../../../domain/account/account-vocabulary.ts';
import type { AccountCreationService } from '../../data/session/account-api.ts';
import { cardProofRpps, type CardProof, type StrongAuthKind } from '../../data/session/strong-auth.ts';
import { checkboxField, errorSummary, selectField, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { colon, translator, type Translate } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import type { StrongAuthFlow } from '../account-sign-in/account-sign-in.events.ts';
import { signInStyles } from '../account-sign-in/account-sign-in.styles.ts';
import { StrongAuthController } from '../account-sign-in/strong-auth-controller.ts';
import { fetchPasswordChecklist } from '../password-checklist/password-checklist-on-demand.ts';
import { AccountCreateController } from './account-create-controller.ts';
import { AccountCreatedEvent, AccountRequestedByPostEvent } from './account-create.events.ts';
import { accountCreateMessages } from './account-create.messages.ts';
import { accountCreateStyles } from './account-create.styles.ts';

type T = Translate<(typeof accountCreateMessages)['fr']>;

/** The form's values as the shared schemas read them (a ticked box is `true`). */
function formValues(form: HTMLFormElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const element of Array.from(form.elements) as HTMLInputElement[]) {
    if (!element.name || element.type === 'submit' || element.type === 'button') continue;
    values[element.name] = element.type === 'checkbox' ? element.checked : element.value;
  }
  return values;
}

/**
 * "Créer un compte", every path of the seeds: with the CPS card (through Pro Santé Connect, or
 * the simulated card of the demo, said so) or the security key (NIR + last 4 IBAN characters, liberal professionals only) the
 * account works at once and its session opens; without them, the AM / FINESS number and an
 * e-mail, the temporary password going by post to the practice. Pharmacies and labs get the
 * administrative-account notice; health centres the director's form. Each path ends with an
 * e-mail validation link.
 *
 * @summary Account creation: CPS card, security key, or temporary password by post.
 *
 * @csspart panel - Each block.
 * @csspart field - Each labelled field.
 * @csspart error-summary - The list of a form's errors.
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart notice - Each informative notice (not an error).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @cssproperty --account-create-width - Maximum width of the element. Defaults to `40rem`.
 *
 * @fires account-created - A strong path created the account; `detail: {session, method}` (the provider signs in with it).
 * @fires account-requested-by-post - The weak path: `detail: {postalAddress}`.
 * @fires account-create-cancelled - "Retour à la connexion".
 */
@customElement('account-create')
export class AccountCreate extends LocalizedElement {
  static override styles = [baseStyles, formStyles, signInStyles, accountCreateStyles];

  /** The sync server's origin ('' for the page's own). */
  @property() server = '';

  /** Stands in for the server's account API (stories); by default the one of `server`. */
  @property({ attribute: false }) api: AccountCreationService | null = null;

  /** A card already read (the sign-in's CPS found no account): starts with it. */
  @property({ attribute: false }) card: CardProof | null = null;

  /**
   * « Avec votre carte CPS » on a Pro Santé Connect server: `redirect` (default; the page leaves,
   * and on its return `<account-sign-in>` hands the provider's answer back through
   * `account-create-request`) or `popup` (this element gets the return itself).
   */
  @property({ attribute: 'strong-auth-flow' }) strongAuthFlow: StrongAuthFlow = 'redirect';

  /** The server's strong authentication when the host knows it; empty, the element asks the server. */
  @property({ attribute: 'strong-auth' }) strongAuth: StrongAuthKind | '' = '';

  readonly #strong = new StrongAuthController(this);

  @state() private password = '';

  readonly #flow = new AccountCreateController(this, () => translator(accountCreateMessages, this.locale)('unreachable'));

  /** Waits for a send's check too (its schema loads on demand): its errors are shown when `updateComplete` resolves. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#flow.checked;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('card') && this.card) void this.#flow.readCard(this.card);
    if (this.#flow.step.name === 'intro' || this.#flow.step.name === 'strong-form') fetchPasswordChecklist();
  }

  #focusFirstError(): void {
    void this.updateComplete.then(() => {
      const target = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]:not(fieldset)') ?? this.renderRoot.querySelector<HTMLElement>('[role="alert"]');
      target?.focus();
    });
  }

  async #submit(event: SubmitEvent, action: (values: Record<string, unknown>) => Promise<void>): Promise<void> {
    event.preventDefault();
    await action(formValues(event.target as HTMLFormElement));
    if (Object.keys(this.#flow.errors).length > 0 || this.#flow.error) this.#focusFirstError();
    else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
    const step = this.#flow.step;
    if (step.name === 'created') this.dispatchEvent(new AccountCreatedEvent({ session: step.session, method: step.method }));
    if (step.name === 'posted') this.dispatchEvent(new AccountRequestedByPostEvent({ postalAddress: step.postalAddress }));
  }

  /** « Avec votre carte CPS » through Pro Santé Connect: the popup's return read as the card. */
  async #proSanteConnect(): Promise<void> {
    await this.#flow.proSanteConnect(
      () => this.#strong.start('create'),
      (outcome) => this.#strong.refusal(outcome),
    );
    if (Object.keys(this.#flow.errors).length > 0 || this.#flow.error) this.#focusFirstError();
  }

  #leave(): void {
    this.dispatchEvent(new Event('account-create-cancelled', { bubbles: true, composed: true }));
  }

  #back(): void {
    if (!this.#flow.back()) this.#leave();
  }

  #summary(t: T, labels: Record<string, string>): TemplateResult | typeof nothing {
    const errors = Object.entries(this.#flow.errors).map(([field, message]) => ({ field, label: labels[field] ?? field, message }));
    if (errors.length < 2) return nothing;
    return errorSummary(t('summary', { count: errors.length }), errors, (field) => this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`)?.focus(), this.locale);
  }

  #generalError() {
    return this.#flow.error ? html`<p part="error" class="field-error" role="alert">${this.#flow.error}</p>` : nothing;
  }

  #submitButton(t: T, label: string) {
    return html`<button part="button primary" type="submit" class="primary" ?disabled=${this.#flow.busy}>${this.#flow.busy ? t('busy') : label}</button>`;
  }

  #nav(t: T, first = false) {
    return html`<div class="nav">
      <button part="button" type="button" class="link" name="back" @click=${() => (first ? this.#leave() : this.#back())}>${first ? t('backToSignIn') : t('back')}</button>
    </div>`;
  }

  #start(t: T) {
    const error = (name: string) => this.#flow.errors[name];
    return html`<section part="panel" class="panel" aria-labelledby="create-title">
        <h2 part="heading" id="create-title" tabindex="-1">${t('title')}</h2>
        <p>${t('intro')}</p>
        ${this.#generalError()}
      </section>
      ${this.#cardBlock(t)}
      <section part="panel" class="panel" aria-labelledby="number-title">
        <h3 id="number-title">${t('numberTitle')}</h3>
        <form part="form" novalidate @submit=${(e: SubmitEvent) => this.#submit(e, (values) => this.#flow.lookup(String(values['number'] ?? '')))}>
          ${textField({ name: 'number', label: t('number'), hint: t('numberHint'), value: '', inputmode: 'numeric', maxlength: 11, error: error('number') })}
          <div class="actions">${this.#submitButton(t, t('continue'))}</div>
        </form>
      </section>
      ${this.#nav(t, true)}`;
  }

  /** « Avec votre carte CPS »: Pro Santé Connect, the simulated card, or nothing when the server has no strong authentication. */
  #cardBlock(t: T) {
    const kind = this.#strong.kind;
    if (kind === 'none') return nothing;
    const error = (name: string) => this.#flow.errors[name];
    return html`<section part="panel" class="panel" aria-labelledby="cps-title">
      <h3 id="cps-title">${t('cpsTitle')}</h3>
      <p part="hint" class="hint">${t('cpsHint')}</p>
      ${kind === 'pro_sante_connect'
        ? html`<p part="hint" class="hint">${t('pscHint')}</p>
            <div class="actions">
              <button part="button primary" type="button" class="primary" name="cps" ?disabled=${this.#flow.busy} @click=${() => void this.#proSanteConnect()}>
                ${this.#flow.busy ? t('busy') : t('pscButton')}
              </button>
            </div>`
        : html`<form part="form" novalidate @submit=${(e: SubmitEvent) => this.#submit(e, (values) => this.#flow.readCard({ rpps: String(values['rpps'] ?? ''), code: String(values['code'] ?? '') }))}>
            <p part="notice" class="notice">${t('cpsSimulated')}</p>
            ${textField({ name: 'rpps', label: t('cpsRpps'), value: cardProofRpps(this.card), inputmode: 'numeric', maxlength: 11, error: error('rpps') })}
            ${textField({ name: 'code', label: t('cpsCode'), value: '', type: 'password', inputmode: 'numeric', maxlength: 8, error: error('code') })}
            <div class="actions">${this.#submitButton(t, t('cpsRead'))}</div>
          </form>`}
    </section>`;
  }

  #intro(t: T, step: Extract<AccountCreateController['step'], { name: 'intro' }>) {
    const kind = step.start.identity.accountKind;
    const intro = kind === 'responsable' ? t('managerIntro') : kind === 'salarie' ? t('salariedIntro') : t('personalIntro');
    return html`<section part="panel" class="panel" aria-labelledby="intro-title">
        <h2 part="heading" id="intro-title" tabindex="-1">${t('personalTitle')}</h2>
        <p>${intro}</p>
        <div class="actions"><button part="button primary" type="button" class="primary" name="continue" @click=${() => this.#flow.confirmIntro()}>${t('continue')}</button></div>
      </section>
      ${this.#nav(t)}`;
  }

  #path(t: T, step: Extract<AccountCreateController['step'], { name: 'path' }>) {
    const error = (name: string) => this.#flow.errors[name];
    const labels = { nir: t('nir'), ibanLast4: t('iban') };
    const ibanError = error('ibanLast4');
    return html`<section part="panel" class="panel" aria-labelledby="path-title">
        <h2 part="heading" id="path-title" tabindex="-1">${t('pathTitle')}</h2>
        <p part="hint" class="hint">${step.lookup.structure.name} — ${step.lookup.structure.number}</p>
        ${this.#generalError()}
      </section>
      <section part="panel" class="panel" aria-labelledby="key-title">
        <h3 id="key-title">${t('keyTitle')}</h3>
        <p part="hint" class="hint">${t('keyHint')}</p>
        <form
          part="form"
          novalidate
          @submit=${(e: SubmitEvent) =>
            this.#submit(e, (values) => this.#flow.securityKey({ nir: String(values['nir'] ?? ''), ibanLast4: `${String(values['ibanFirst'] ?? '')}${String(values['ibanSecond'] ?? '')}` }))}
        >
          ${this.#summary(t, labels)}
          ${textField({ name: 'nir', label: t('nir'), value: '', inputmode: 'numeric', maxlength: 21, autocomplete: 'off', error: error('nir') })}
          <fieldset class="field iban ${ibanError ? 'invalid' : ''}" part="field" aria-describedby=${ibanError ? 'ibanLast4-error' : nothing}>
            <legend part="label">${t('iban')}</legend>
            <div class="iban-boxes">
              <label part="label" for="ibanFirst">${t('ibanFirst')}</label>
              <input part="input" id="ibanFirst" name="ibanFirst" maxlength="2" size="2" autocomplete="off" aria-invalid=${ibanError ? 'true' : 'false'} />
              <label part="label" for="ibanSecond">${t('ibanSecond')}</label>
              <input part="input" id="ibanSecond" name="ibanSecond" maxlength="2" size="2" autocomplete="off" aria-invalid=${ibanError ? 'true' : 'false'} />
            </div>
            ${ibanError ? html`<p part="error" class="field-error" id="ibanLast4-error">${ibanError}</p>` : nothing}
          </fieldset>
          <div class="actions">${this.#submitButton(t, t('keySubmit'))}</div>
        </form>
      </section>
      <section part="panel" class="panel" aria-labelledby="post-title">
        <h3 id="post-title">${t('postTitle')}</h3>
        <p part="hint" class="hint">${t('postHint')}</p>
        <div class="actions"><button part="button" type="button" name="by-post" @click=${() => this.#flow.choosePost()}>${t('postChoose')}</button></div>
      </section>
      ${this.#nav(t)}`;
  }

  #administratif(t: T, step: Extract<AccountCreateController['step'], { name: 'administratif' }>) {
    return html`<section part="panel" class="panel" role="alertdialog" aria-labelledby="admin-title" aria-describedby="admin-notice">
        <h2 part="heading" id="admin-title" tabindex="-1">${t('adminTitle')} — ${step.lookup.structure.name}</h2>
        <p id="admin-notice">${t('adminNotice')}</p>
        ${step.lookup.securityKeyUnavailable ? html`<p part="hint" class="hint"><strong>${t('securityKeyUnavailable')}${colon(this.locale).trimEnd()}</strong> ${step.lookup.securityKeyUnavailable}</p>` : nothing}
        <div class="actions"><button part="button primary" type="button" class="primary" name="continue-admin" @click=${() => this.#flow.choosePost()}>${t('adminContinue')}</button></div>
      </section>
      ${this.#nav(t)}`;
  }

  #credentials(t: T, emailHint?: string) {
    const error = (name: string) => this.#flow.errors[name];
    return html`${textField({ name: 'email', label: t('email'), value: '', type: 'email', autocomplete: 'email', required: true, hint: emailHint, error: error('email') })}
    ${textField({ name: 'emailConfirmation', label: t('emailConfirmation'), value: '', type: 'email', autocomplete: 'email', required: true, error: error('emailConfirmation') })}`;
  }

  #strongForm(t: T, step: Extract<AccountCreateController['step'], { name: 'strong-form' }>) {
    const { identity } = step.start;
    const error = (name: string) => this.#flow.errors[name];
    const labels = {
      civility: t('civility'),
      email: t('email'),
      emailConfirmation: t('emailConfirmation'),
      password: t('password'),
      passwordConfirmation: t('passwordConfirmation'),
      consent: t('consent'),
    };
    const numbers = identity.structures.map((s) => `${s.number} (${s.name})`).join(', ');
    return html`<section part="panel" class="panel" aria-labelledby="form-title">
        <h2 part="heading" id="form-title" tabindex="-1">${t('personalTitle')}</h2>
        ${this.#generalError()}
        <form
          part="form"
          novalidate
          @submit=${(e: SubmitEvent) => this.#submit(e, (values) => this.#flow.createStrong(values))}
          @input=${(e: Event) => {
            const target = e.target as HTMLInputElement;
            if (target.name === 'password') this.password = target.value;
          }}
        >
          ${this.#summary(t, labels)}
          <h3>${t('identification')}</h3>
          ${selectField({
            name: 'civility',
            label: t('civility'),
            value: CIVILITIES.includes(identity.civility as never) ? identity.civility : '',
            placeholder: t('civilityPlaceholder'),
            choices: CIVILITIES.map((c) => ({ value: c, label: c })),
            required: true,
            error: error('civility'),
          })}
          ${textField({ name: 'identityName', label: t('name'), value: `${identity.firstName} ${identity.lastName}`, readonly: true })}
          ${numbers ? textField({ name: 'identityNumber', label: t('numberShown'), value: numbers, readonly: true }) : nothing}
          ${identity.rpps ? textField({ name: 'identityRpps', label: t('rpps'), value: identity.rpps, readonly: true }) : nothing}
          <h3>${t('credentials')}</h3>
          <p part="hint" class="hint">${t('credentialsHint')}</p>
          ${this.#credentials(t, identity.accountKind === 'responsable' ? t('managerEmailHint') : undefined)}
          ${textField({ name: 'password', label: t('password'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: error('password') })}
          <password-checklist .password=${this.password}></password-checklist>
          ${textField({ name: 'passwordConfirmation', label: t('passwordConfirmation'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: error('passwordConfirmation') })}
          ${checkboxField({ name: 'consent', label: t('consent'), checked: false, required: true, error: error('consent') })}
          <div class="actions">${this.#submitButton(t, t('create'))}</div>
        </form>
      </section>
      ${this.#nav(t)}`;
  }

  #postalForm(t: T, step: Extract<AccountCreateController['step'], { name: 'postal-form' }>) {
    const { lookup } = step;
    const error = (name: string) => this.#flow.errors[name];
    const labels = { name: t('directorName'), email: t('email'), emailConfirmation: t('emailConfirmation'), consent: t('consent') };
    const director = lookup.accountKind === 'directeur';
    return html`<section part="panel" class="panel" aria-labelledby="form-title">
        <h2 part="heading" id="form-title" tabindex="-1">${t('personalTitle')}</h2>
        ${director ? html`<p>${t('directorIntro')}</p>` : nothing}
        ${this.#generalError()}
        <form part="form" novalidate @submit=${(e: SubmitEvent) => this.#submit(e, (values) => this.#flow.createByPost(values))}>
          ${this.#summary(t, labels)}
          <h3>${t('identification')}</h3>
          ${director
            ? textField({ name: 'name', label: t('directorName'), value: lookup.structure.name, required: true, error: error('name') })
            : textField({ name: 'identityName', label: t('name'), value: lookup.structure.name, readonly: true })}
          ${textField({ name: 'identityNumber', label: t('numberShown'), value: lookup.structure.number, readonly: true })}
          ${this.#credentials(t, lookup.accountKind === 'administratif' ? t('adminEmailHint') : undefined)}
          ${checkboxField({ name: 'consent', label: t('consent'), checked: false, required: true, error: error('consent') })}
          <p part="hint" class="hint">${lookup.accountKind === 'liberal' ? t('postHint') : t('postHintStructure')}</p>
          <div class="actions">${this.#submitButton(t, t('create'))}</div>
        </form>
      </section>
      ${this.#nav(t)}`;
  }

  override render() {
    const t = translator(accountCreateMessages, this.locale);
    const step = this.#flow.step;
    switch (step.name) {
      case 'start':
        return this.#start(t);
      case 'intro':
        return this.#intro(t, step);
      case 'path':
        return this.#path(t, step);
      case 'administratif':
        return this.#administratif(t, step);
      case 'strong-form':
        return this.#strongForm(t, step);
      case 'postal-form':
        return this.#postalForm(t, step);
      case 'created':
        return html`<section part="panel" class="panel" aria-labelledby="done-title">
          <h2 part="heading" id="done-title" tabindex="-1">${t('createdTitle')}</h2>
          <p part="notice" class="notice" role="status">${step.message}</p>
        </section>`;
      case 'posted':
        return html`<section part="panel" class="panel" aria-labelledby="done-title">
            <h2 part="heading" id="done-title" tabindex="-1">${t('postedTitle')}</h2>
            <p part="notice" class="notice" role="status">${step.message}</p>
          </section>
          ${this.#nav(t, true)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-create': AccountCreate;
  }
}
