import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CIVILITIES } from '../../../domain/account/account-vocabulary.ts';
import { DELEGATION_PROFILE_DEFINITIONS, type DelegationStatus } from '../../../domain/delegation/delegation-rules.ts';
import { formatDate } from '../../../domain/validation/dates.ts';
import type { DelegationInvitationService, InvitationView } from '../../data/delegations/delegation-api.ts';
import { fetchPasswordChecklist } from '../../account/password-checklist/password-checklist-on-demand.ts';
import { signInStyles } from '../../account/account-sign-in/account-sign-in.styles.ts';
import { checkboxField, errorSummary, selectField, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator, type Translate } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { DelegationInvitationController, type InvitationStep } from './delegation-invitation-controller.ts';
import { DelegationInvitationAnsweredEvent, DelegationInvitationClosedEvent, type InvitationAnswer } from './delegation-invitation.events.ts';
import { delegationInvitationMessages } from './delegation-invitation.messages.ts';
import { delegationInvitationStyles } from './delegation-invitation.styles.ts';

type T = Translate<(typeof delegationInvitationMessages)['fr']>;

/** The form's values as the shared schema reads them (a ticked box is `true`); read-only fields are shown, not sent. */
function formValues(form: HTMLFormElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const element of Array.from(form.elements) as HTMLInputElement[]) {
    if (!element.name || element.type === 'submit' || element.type === 'button' || element.readOnly) continue;
    values[element.name] = element.type === 'checkbox' ? element.checked : element.value;
  }
  return values;
}

/** Each confirmation page's words (seed 003). */
const CONFIRMATIONS = {
  create_account: ['createdTitle', 'createdDone', 'createdNext'],
  accept: ['acceptedTitle', 'acceptedDone', 'acceptedNext'],
  refuse: ['refusedTitle', 'refusedDone', 'refusedNext'],
  not_concerned: ['notConcernedTitle', 'notConcernedDone', 'notConcernedNext'],
  has_account: ['hasAccountTitle', 'hasAccountDone', 'hasAccountNext'],
} as const satisfies Record<InvitationAnswer, readonly [string, string, string]>;

/**
 * The page an invitation e-mail's link opens (`#delegation?token=…`), for the délégué, without
 * a session (the link's token proves who answers). It shows the délégant's request — profile
 * and what it gives, validity, structures, "au nom et pour le compte de…" — and the choices of
 * seed 003: with an account under the invited address, « J'accepte » / « Je refuse la
 * délégation »; without, « J'ai déjà un compte » / « Je crée un compte » (the délégué account
 * form, checked with the shared `DelegateAccountSchema`); in both cases « Je ne travaille pas
 * avec ce praticien ». Each answer ends on its confirmation page.
 *
 * @summary The délégué's answer to a delegation invitation: accept, refuse, create an account, or not concerned.
 *
 * @csspart panel - Each block.
 * @csspart details - The delegation's details (profile, validity, structures).
 * @csspart field - Each labelled field of the account form.
 * @csspart error-summary - The list of the form's errors.
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @cssproperty --delegation-invitation-width - The element's maximum width. Defaults to `42rem`.
 *
 * @fires delegation-invitation-answered - The answer was recorded: `detail: {delegationId, answer, status}`.
 * @fires delegation-invitation-closed - « Accéder au portail »: `detail: {status}` (null when nothing was answered).
 */
@customElement('delegation-invitation')
export class DelegationInvitation extends LocalizedElement {
  static override styles = [baseStyles, formStyles, signInStyles, delegationInvitationStyles];

  /** The sync server's origin ('' for the page's own). */
  @property() server = '';

  /** The invitation link's token (the host reads it from `#delegation?token=…`). */
  @property() token = '';

  /** Stands in for the server's invitation API (stories); by default the one of `server`. */
  @property({ attribute: false }) api: DelegationInvitationService | null = null;

  @state() private password = '';

  readonly #flow = new DelegationInvitationController(this, () => translator(delegationInvitationMessages, this.locale)('unreachable'));

  /** Waits for a send's check too (its schema loads on demand): its errors are shown when `updateComplete` resolves. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#flow.checked;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token') || changed.has('server') || changed.has('api')) void this.#flow.load();
    if (this.#flow.step.name === 'request' || this.#flow.step.name === 'account-form') fetchPasswordChecklist();
  }

  #focusAfter(): void {
    void this.updateComplete.then(() => {
      const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.renderRoot.querySelector<HTMLElement>('.field-error[role="alert"]');
      (invalid ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
    });
  }

  async #act(action: () => Promise<void> | void): Promise<void> {
    const before = this.#flow.step;
    await action();
    const step = this.#flow.step;
    if (step !== before || Object.keys(this.#flow.errors).length > 0 || this.#flow.error) this.#focusAfter();
    if (step !== before && step.name === 'done') {
      this.dispatchEvent(new DelegationInvitationAnsweredEvent({ delegationId: step.delegationId, answer: step.answer, status: step.status }));
    }
  }

  #close(status: DelegationStatus | null): void {
    this.dispatchEvent(new DelegationInvitationClosedEvent({ status }));
  }

  #generalError() {
    return this.#flow.error ? html`<p part="error" class="field-error" role="alert" tabindex="-1">${this.#flow.error}</p>` : nothing;
  }

  #closeButton(t: T, status: DelegationStatus | null) {
    return html`<div class="actions"><button part="button primary" type="button" class="primary" name="close" @click=${() => this.#close(status)}>${t('close')}</button></div>`;
  }

  #answerButton(t: T, answer: Exclude<InvitationAnswer, 'create_account'>, label: string, primary = false) {
    return html`<button
      part=${primary ? 'button primary' : 'button'}
      type="button"
      class=${primary ? 'primary' : ''}
      name=${answer.replace('_', '-')}
      ?disabled=${this.#flow.busy}
      @click=${() => this.#act(() => this.#flow.answer(answer))}
    >
      ${label}
    </button>`;
  }

  #scope(t: T, view: InvitationView) {
    const { delegation } = view;
    const profile = DELEGATION_PROFILE_DEFINITIONS[delegation.profile];
    return html`<p>${t('profileGives', { profile: profile.label[this.locale] })}</p>
      <ul>
        <li>${profile.gives[this.locale]}</li>
      </ul>
      <p>${t('validity', { from: formatDate(delegation.validFrom, this.locale), until: formatDate(delegation.validUntil, this.locale) })}</p>
      <ul>
        ${delegation.structures.map((s) => html`<li>${s.name}, ${s.address}</li>`)}
      </ul>`;
  }

  #request(t: T, view: InvitationView) {
    const delegant = view.delegation.delegantName;
    return html`<section part="panel" class="panel" aria-labelledby="request-title">
      <h2 part="heading" id="request-title" tabindex="-1">${t('requestTitle')}</h2>
      <p>${t('hello')}</p>
      <p>${t(view.delegateHasAccount ? 'gave' : 'offers', { delegant })}</p>
      ${view.delegateHasAccount ? html`<p>${t('onBehalf', { delegant })}</p>` : nothing}
      <div part="details">${this.#scope(t, view)}</div>
      ${view.delegateHasAccount ? nothing : html`<p>${t('ownAccountNeeded')}</p><p>${t('uniqueAccount')}</p>`}
      <p>${t('chooseSituation')}</p>
      ${this.#generalError()}
      <div class="actions">
        ${view.delegateHasAccount
          ? html`${this.#answerButton(t, 'refuse', t('refuse'))} ${this.#answerButton(t, 'accept', t('accept'), true)}`
          : html`${this.#answerButton(t, 'has_account', t('hasAccount'))}
              <button part="button primary" type="button" class="primary" name="create-account" ?disabled=${this.#flow.busy} @click=${() => this.#act(() => this.#flow.openAccountForm())}>
                ${t('createAccount')}
              </button>`}
      </div>
      <p>${view.delegateHasAccount ? t('ifAccepted') : html`${t('acceptingGives')} ${t('onBehalf', { delegant })}`}</p>
      <div class="not-concerned">
        <p>${t('notConcernedHint')}</p>
        <button part="button" type="button" class="link" name="not-concerned" ?disabled=${this.#flow.busy} @click=${() => this.#act(() => this.#flow.answer('not_concerned'))}>
          ${t('notConcerned')}
        </button>
      </div>
    </section>`;
  }

  #summary(t: T, labels: Record<string, string>): TemplateResult | typeof nothing {
    const errors = Object.entries(this.#flow.errors).map(([field, message]) => ({ field, label: labels[field] ?? field, message }));
    if (errors.length < 2) return nothing;
    return errorSummary(t('summary', { count: errors.length }), errors, (field) => this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`)?.focus(), this.locale);
  }

  #delegationDetails(t: T, view: InvitationView) {
    const { delegation } = view;
    const profile = DELEGATION_PROFILE_DEFINITIONS[delegation.profile];
    return html`<h3>${t('delegationInformation')}</h3>
      <dl class="details" part="details">
        <dt>${t('delegant')}</dt>
        <dd>${delegation.delegantName}</dd>
        <dt>${t('profile')}</dt>
        <dd>${profile.label[this.locale]}</dd>
        <dt>${t('gives')}</dt>
        <dd>${profile.gives[this.locale]}</dd>
        ${view.delegantSpecialty ? html`<dt>${t('specialty')}</dt><dd>${view.delegantSpecialty}</dd>` : nothing}
        <dt>${t('validityLabel')}</dt>
        <dd>${t('validityRange', { from: formatDate(delegation.validFrom, this.locale), until: formatDate(delegation.validUntil, this.locale) })}</dd>
        <dt>${t('structures')}</dt>
        <dd>
          <ul>
            ${delegation.structures.map((s) => html`<li>${s.name}, ${s.address}</li>`)}
          </ul>
        </dd>
      </dl>`;
  }

  #accountForm(t: T, view: InvitationView) {
    const error = (name: string) => this.#flow.errors[name];
    const labels = {
      civility: t('civility'),
      lastName: t('lastName'),
      firstName: t('firstName'),
      practitionerNumber: t('practitionerNumber'),
      password: t('password'),
      passwordConfirmation: t('passwordConfirmation'),
      consent: t('consentShort'),
    };
    return html`<section part="panel" class="panel" aria-labelledby="form-title">
        <h2 part="heading" id="form-title" tabindex="-1">${t('formTitle')}</h2>
        ${this.#generalError()}
        <form
          part="form"
          novalidate
          @submit=${(e: SubmitEvent) => {
            e.preventDefault();
            const values = formValues(e.target as HTMLFormElement);
            void this.#act(() => this.#flow.createAccount(values));
          }}
          @input=${(e: Event) => {
            const target = e.target as HTMLInputElement;
            if (target.name === 'password') this.password = target.value;
          }}
        >
          ${this.#summary(t, labels)}
          <h3>${t('identity')}</h3>
          <p>${t('formIntro')}</p>
          ${selectField({
            name: 'civility',
            label: t('civility'),
            value: '',
            placeholder: t('civilityPlaceholder'),
            choices: CIVILITIES.map((c) => ({ value: c, label: c })),
            required: true,
            error: error('civility'),
          })}
          ${textField({ name: 'lastName', label: t('lastName'), value: '', autocomplete: 'family-name', required: true, error: error('lastName') })}
          ${textField({ name: 'firstName', label: t('firstName'), value: '', autocomplete: 'given-name', required: true, error: error('firstName') })}
          ${textField({ name: 'practitionerNumber', label: t('practitionerNumber'), value: '', inputmode: 'numeric', maxlength: 14, hint: t('practitionerNumberHint'), error: error('practitionerNumber') })}
          <p class="warning">${t('checkNumbers')}</p>
          ${this.#delegationDetails(t, view)}
          <h3>${t('credentials')}</h3>
          <p part="hint" class="hint">${t('credentialsHint')}</p>
          ${textField({ name: 'email', label: t('email'), value: view.delegation.delegateEmail, type: 'email', readonly: true, hint: t('emailHint') })}
          ${textField({ name: 'password', label: t('password'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: error('password') })}
          <password-checklist .password=${this.password}></password-checklist>
          ${textField({ name: 'passwordConfirmation', label: t('passwordConfirmation'), value: '', type: 'password', autocomplete: 'new-password', required: true, error: error('passwordConfirmation') })}
          ${checkboxField({ name: 'consent', label: t('consent'), checked: false, required: true, error: error('consent') })}
          <div class="actions">
            <button part="button" type="button" name="back" ?disabled=${this.#flow.busy} @click=${() => this.#act(() => this.#flow.back())}>${t('back')}</button>
            <button part="button primary" type="submit" class="primary" name="create" ?disabled=${this.#flow.busy}>${this.#flow.busy ? t('busy') : t('create')}</button>
          </div>
        </form>
      </section>`;
  }

  #done(t: T, step: Extract<InvitationStep, { name: 'done' }>) {
    const [title, done, next] = CONFIRMATIONS[step.answer];
    return html`<section part="panel" class="panel" aria-labelledby="done-title">
      <h2 part="heading" id="done-title" tabindex="-1">${t(title)}</h2>
      <div role="status">
        <p>${t(done)}</p>
        <p>${t(next)}</p>
      </div>
      ${this.#closeButton(t, step.status)}
    </section>`;
  }

  #invalid(t: T, step: Extract<InvitationStep, { name: 'invalid' }>) {
    const message = step.reason === 'missing' ? t('missingLink') : step.reason === 'invalid_link' && this.locale !== 'fr' ? t('invalidLink') : step.message;
    return html`<section part="panel" class="panel" aria-labelledby="invalid-title">
      <h2 part="heading" id="invalid-title" tabindex="-1">${t('invalidTitle')}</h2>
      <p part="error" class="field-error" role="alert">${message}</p>
      ${this.#closeButton(t, null)}
    </section>`;
  }

  #unreachable(t: T) {
    return html`<section part="panel" class="panel" aria-labelledby="unreachable-title">
      <h2 part="heading" id="unreachable-title" tabindex="-1">${t('unreachableTitle')}</h2>
      <p part="error" class="field-error" role="alert">${t('unreachableLoad')}</p>
      <div class="actions">
        <button part="button" type="button" name="retry" @click=${() => this.#act(() => this.#flow.load())}>${t('retry')}</button>
        <button part="button primary" type="button" class="primary" name="close" @click=${() => this.#close(null)}>${t('close')}</button>
      </div>
    </section>`;
  }

  override render() {
    const t = translator(delegationInvitationMessages, this.locale);
    const step = this.#flow.step;
    switch (step.name) {
      case 'loading':
        return html`<section part="panel" class="panel"><p role="status">${t('loading')}</p></section>`;
      case 'request':
        return this.#request(t, step.view);
      case 'account-form':
        return this.#accountForm(t, step.view);
      case 'done':
        return this.#done(t, step);
      case 'invalid':
        return this.#invalid(t, step);
      case 'unreachable':
        return this.#unreachable(t);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'delegation-invitation': DelegationInvitation;
  }
}
