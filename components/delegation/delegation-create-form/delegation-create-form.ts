import { consume } from '@lit/context';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { DELEGATION_PROFILE_DEFINITIONS, DELEGATION_PROFILES, type DelegationDocument, type DelegationProfile } from '../../../domain/delegation/delegation-rules.ts';
// The delegations feature: its collection, services and replication join the runtime.
import '../../data/delegations/delegation-feature.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { errorSummary, radioGroup, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator, type Translate } from '../../i18n/messages.ts';
import { surfaceStyles } from '../../styles/surface-styles.ts';
import { baseStyles, token } from '../../styles/tokens.ts';
import { DelegationCreateController } from './delegation-create-controller.ts';
import { delegationCreateMessages } from './delegation-create-form.messages.ts';
import { SessionScopeController } from '../../controllers/session-scope-controller.ts';

type T = Translate<(typeof delegationCreateMessages)['fr']>;

/** A delegation was created (`detail.delegation`), "En cours" until the délégué answers. */
export class DelegationCreatedEvent extends Event {
  constructor(readonly detail: { delegation: DelegationDocument }) {
    super('delegation-created', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'delegation-created': DelegationCreatedEvent;
  }
}

/**
 * "Créer une nouvelle délégation" (seed 003, §1): the délégué's e-mail with the typo warning; if it
 * names an account, « Cet utilisateur correspond-il à votre délégué ? » (Oui / Non, je vérifie la
 * saisie); then the profile (Remplaçant, Comptable, Assistant médical) with what it gives, the
 * validity dates, the CPE card id for a medical assistant, and the structures (all forced for a
 * remplaçant or a medical assistant). Only with strong authentication (the CPS card — simulated
 * here, said so). The server checks everything again and is the authority.
 *
 * @summary Create a delegation of access (délégant, CPS card).
 *
 * @csspart panel - The form's block.
 * @csspart field - Each labelled field.
 * @csspart error-summary - The list of the form's errors.
 * @csspart dialog - The account check dialog.
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
 * @cssproperty --delegation-create-form-width - Maximum width of the element. Defaults to `46rem`.
 *
 * @fires delegation-created - `detail: {delegation}`.
 * @fires delegation-create-cancelled - « Abandonner », or « Retour au tableau de bord » after creation.
 */
@customElement('delegation-create-form')
export class DelegationCreateForm extends LocalizedElement {
  static override styles = [
    baseStyles,
    formStyles,
    surfaceStyles,
    css`
      :host {
        display: block;
        max-width: var(--delegation-create-form-width, 46rem);
      }
      h2 {
        margin-top: 0;
        color: ${token('color-primary')};
      }
      .warning {
        padding: ${token('space-3')};
        border-left: ${token('accent-width')} solid ${token('color-error')};
        background: ${token('color-error-surface')};
      }
      .structures label {
        display: flex;
        gap: ${token('space-2')};
        align-items: flex-start;
        margin-bottom: ${token('space-2')};
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: ${token('space-1')} ${token('space-3')};
      }
      dt {
        font-weight: ${token('font-weight-bold')};
      }
      dd {
        margin: 0;
      }
    `,
  ];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  readonly #flow = new DelegationCreateController(
    this,
    () => this.services?.delegationCommands,
    () => this.services?.session.user.structures.map((s) => s.id) ?? [],
    () => translator(delegationCreateMessages, this.locale)('unreachable'),
  );

  readonly #scope = new SessionScopeController(this, () => this.services?.session, () => this.#flow.restart());

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    // An answer can arrive after the element left the page; showModal() throws there.
    if (dialog && !dialog.open && this.isConnected) dialog.showModal();
  }

  #focusFirstError(): void {
    void this.updateComplete.then(() => (this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]:not(fieldset), fieldset[aria-invalid="true"] input') ?? this.renderRoot.querySelector<HTMLElement>('[role="alert"]'))?.focus());
  }

  async #checkEmail(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    await this.#flow.checkEmail(String(new FormData(event.target as HTMLFormElement).get('delegateEmail') ?? ''));
    if (Object.keys(this.#flow.errors).length > 0 || this.#flow.error) this.#focusFirstError();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    await this.#flow.submit(
      {
        validFrom: String(data.get('validFrom') ?? ''),
        validUntil: String(data.get('validUntil') ?? ''),
        cpeCardId: String(data.get('cpeCardId') ?? ''),
        structureIds: data.getAll('structureIds').map(String),
      },
      (delegation) => this.dispatchEvent(new DelegationCreatedEvent({ delegation })),
    );
    if (Object.keys(this.#flow.errors).length > 0 || this.#flow.error) this.#focusFirstError();
  }

  #cancel(): void {
    this.#flow.restart();
    this.dispatchEvent(new Event('delegation-create-cancelled', { bubbles: true, composed: true }));
  }

  #generalError() {
    return this.#flow.error ? html`<p part="error" class="field-error" role="alert" tabindex="-1">${this.#flow.error}</p>` : nothing;
  }

  #emailStep(t: T): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.#checkEmail}>
      <h3>${t('delegateTitle')}</h3>
      ${this.#generalError()}
      ${textField({ name: 'delegateEmail', label: t('email'), value: this.#flow.email, type: 'email', autocomplete: 'off', required: true, error: this.#flow.errors['delegateEmail'] })}
      <p class="warning" role="note">${t('emailWarning')}</p>
      <div class="actions">
        <button part="button" type="button" name="abandon" @click=${this.#cancel}>${t('abandon')}</button>
        <button part="button primary" type="submit" class="primary" ?disabled=${this.#flow.busy}>${this.#flow.busy ? t('checking') : t('continue')}</button>
      </div>
    </form>`;
  }

  #verifyDialog(t: T, found: { firstName: string; lastName: string; email: string }): TemplateResult {
    return html`<dialog part="dialog" aria-labelledby="verify-title" @cancel=${(e: Event) => {
      e.preventDefault();
      this.#flow.confirmDelegate(false);
    }}>
      <h3 id="verify-title">${t('verifyTitle')}</h3>
      <p>${t('verifyIntro')}</p>
      <dl>
        <dt>${t('firstName')}</dt><dd>${found.firstName}</dd>
        <dt>${t('lastName')}</dt><dd>${found.lastName}</dd>
        <dt>${t('emailShown')}</dt><dd>${found.email}</dd>
      </dl>
      <p><strong>${t('verifyQuestion')}</strong></p>
      <div class="actions">
        <button part="button" type="button" name="verify-no" @click=${() => this.#flow.confirmDelegate(false)}>${t('verifyNo')}</button>
        <button part="button primary" type="button" class="primary" name="verify-yes" autofocus @click=${() => this.#flow.confirmDelegate(true)}>${t('verifyYes')}</button>
      </div>
    </dialog>`;
  }

  #detailsStep(t: T, step: { email: string; found: { firstName: string; lastName: string; email: string } | null }): TemplateResult {
    const flow = this.#flow;
    const profile = flow.profile ? DELEGATION_PROFILE_DEFINITIONS[flow.profile] : null;
    const structures = this.services?.session.user.structures ?? [];
    const forced = profile?.allStructures ?? false;
    const labels: Record<string, string> = { profile: t('profile'), validFrom: t('validFrom'), validUntil: t('validUntil'), cpeCardId: t('cpe'), structureIds: t('structures') };
    const errors = Object.entries(flow.errors).map(([field, message]) => ({ field, label: labels[field] ?? field, message }));
    const structuresError = flow.errors['structureIds'];
    return html`<form part="form" novalidate @submit=${this.#submit}>
      ${errors.length > 1 ? errorSummary(t('summary', { count: errors.length }), errors, (field) => this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`)?.focus(), this.locale) : nothing}
      ${this.#generalError()}
      <h3>${t('delegateTitle')}</h3>
      ${step.found
        ? html`<dl><dt>${t('firstName')}</dt><dd>${step.found.firstName}</dd><dt>${t('lastName')}</dt><dd>${step.found.lastName}</dd><dt>${t('emailShown')}</dt><dd>${step.found.email}</dd></dl>`
        : html`<p><strong>${step.email}</strong> — ${t('noAccount')}</p>`}
      <div @change=${(e: Event) => {
        const target = e.target as HTMLInputElement;
        if (target.name === 'profile') flow.chooseProfile(target.value as DelegationProfile);
      }}>
        ${radioGroup({
          name: 'profile',
          label: t('profile'),
          value: flow.profile,
          required: true,
          choices: DELEGATION_PROFILES.map((p) => ({ value: p, label: DELEGATION_PROFILE_DEFINITIONS[p].label[this.locale] })),
          error: flow.errors['profile'],
        })}
      </div>
      ${profile ? html`<p><strong>${t('gives')}</strong> ${profile.gives[this.locale]}</p>` : nothing}
      <p>${t('period')}</p>
      ${textField({ name: 'validFrom', label: t('validFrom'), value: flow.validFrom, type: 'date', required: true, error: flow.errors['validFrom'] })}
      ${textField({ name: 'validUntil', label: t('validUntil'), value: flow.validUntil, type: 'date', required: true, error: flow.errors['validUntil'] })}
      <p part="hint" class="hint">${t('category')}</p>
      ${profile?.cpeCard ? textField({ name: 'cpeCardId', label: t('cpe'), hint: t('cpeHint'), value: flow.cpeCardId, required: true, autocomplete: 'off', error: flow.errors['cpeCardId'] }) : nothing}
      <fieldset class="field structures ${structuresError ? 'invalid' : ''}" aria-describedby=${structuresError ? 'structureIds-error' : 'structures-hint'} aria-invalid=${structuresError ? 'true' : 'false'}>
        <legend part="label">${t('structures')}<span class="required" aria-hidden="true"> *</span></legend>
        <p part="hint" class="hint" id="structures-hint">${forced ? t('allRequired') : t('structuresHint')}</p>
        ${forced && flow.profile
          ? html`<label part="label"><input part="input" type="checkbox" checked disabled /> ${t('allStructures', { who: t(flow.profile === 'remplacant' ? 'who_remplacant' : 'who_assistant_medical') })}</label>`
          : nothing}
        ${structures.map(
          (s) => html`<label part="label">
            <input part="input" type="checkbox" name="structureIds" value=${s.id} .checked=${forced || flow.structureIds.includes(s.id)} @click=${(e: Event) => forced && e.preventDefault()} aria-readonly=${forced ? 'true' : 'false'} />
            <span>${t('structureNumber', { name: s.name, number: s.amNumber ?? s.finess ?? '' })}</span>
          </label>`,
        )}
        ${structuresError ? html`<p part="error" class="field-error" id="structureIds-error">${structuresError}</p>` : nothing}
      </fieldset>
      <div class="actions">
        <button part="button" type="button" name="abandon" @click=${this.#cancel}>${t('abandon')}</button>
        <button part="button primary" type="submit" class="primary" ?disabled=${flow.busy}>${flow.busy ? t('saving') : t('validate')}</button>
      </div>
    </form>`;
  }

  override render() {
    const t = translator(delegationCreateMessages, this.locale);
    const services = this.services;
    if (!services) return html`<p class="notice" part="panel notice">${t('signInFirst')}</p>`;
    if (!services.session.user.strongAuth) return html`<section class="panel" part="panel"><h2 part="heading">${t('title')}</h2><p part="notice" class="notice" role="note">${t('strongRequired')}</p></section>`;
    const step = this.#flow.step;
    if (step.name === 'created') {
      return html`<section class="panel" part="panel" aria-labelledby="create-title">
        <h2 part="heading" id="create-title">${t('title')}</h2>
        <p part="notice" class="notice" role="status">${t('created', { email: step.delegation.delegateEmail })}</p>
        <div class="actions"><button part="button primary" type="button" class="primary" name="back" @click=${this.#cancel}>${t('back')}</button></div>
      </section>`;
    }
    return html`<section class="panel" part="panel" aria-labelledby="create-title">
      <h2 part="heading" id="create-title">${t('title')}</h2>
      <p>${t('intro')}</p>
      <ul>
        <li>${t('introAccount')}</li>
        <li>${t('introAccept')}</li>
      </ul>
      ${step.name === 'details' ? this.#detailsStep(t, step) : this.#emailStep(t)}
      ${step.name === 'verify' ? this.#verifyDialog(t, step.found) : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'delegation-create-form': DelegationCreateForm;
  }
}
