import { consume } from '@lit/context';
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { canCreateDelegation, DELEGATION_PROFILE_DEFINITIONS, DELEGATION_PROFILES, DELEGATION_STATUS_LABELS, DELEGATION_STATUSES, delegationWindow, type DelegationDocument, type DelegationProfile, type DelegationStatus } from '../../../domain/delegation/delegation-rules.ts';
import { formatDate, todayInParis } from '../../../domain/validation/dates.ts';
import { SessionScopeController } from '../../controllers/session-scope-controller.ts';
import { SubscriptionsController } from '../../controllers/subscriptions-controller.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
// The delegations feature: its collection, services and replication join the runtime.
import '../../data/delegations/delegation-feature.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { pluralCategory, translator, type Translate } from '../../i18n/messages.ts';
import { stackedTableStyles } from '../../styles/stacked-table-styles.ts';
import { tableStyles } from '../../styles/table-styles.ts';
import { surfaceStyles } from '../../styles/surface-styles.ts';
import { baseStyles, token } from '../../styles/tokens.ts';
import { filterDelegations, NO_FILTERS, pageOf, type DashboardFilters } from './delegation-dashboard-filters.ts';
import { delegationDashboardMessages } from './delegation-dashboard.messages.ts';
import { delegationTable } from './delegation-table.ts';
import { DelegationUpdateController, isUpdatable } from './delegation-update-controller.ts';
import { updateView } from './delegation-update-view.ts';

type T = Translate<(typeof delegationDashboardMessages)['fr']>;

/** "Agir pour le compte de…": the host (the provider) opens the délégué's delegated session. */
export class DelegationActRequestEvent extends Event {
  constructor(readonly detail: { delegationId: string; delegantName: string }) {
    super('delegation-act-request', { bubbles: true, composed: true });
  }
}

/** « Mise à jour d'une délégation » saved: `detail.delegation` as the server answered it. */
export class DelegationUpdatedEvent extends Event {
  constructor(readonly detail: { delegation: DelegationDocument }) {
    super('delegation-updated', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'delegation-act-request': DelegationActRequestEvent;
    'delegation-updated': DelegationUpdatedEvent;
  }
}

const PER_PAGE = [5, 10, 20] as const;
const pencil = svg`<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><path d="m4 16 1-4 8-8 3 3-8 8-4 1Zm7-10 3 3" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>`;
const trash = svg`<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false"><path d="M4 6h12M8 6V4h4v2m-6 0 1 11h6l1-11" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/></svg>`;

/**
 * "Délégations — Tableau de bord" (seed 003): the délégant's delegations with the search (par
 * nom, statut, profil; Réinitialiser / Rechercher), "N délégations", rows per page, the columns
 * NOM, PRÉNOM, IDENTIFIANT, PROFIL, VALIDITÉ, NB STRUCTURES, STATUT, VALIDER on `À valider` rows,
 * « Mise à jour d'une délégation » (dates, structures; CPS card) on the rows still in force, and
 * the trash icon with its confirmation ("La délégation a bien été supprimée"). For a
 * délégué, the delegations received: accept or refuse, and act for the délégant. The list is
 * the local replica (it shows offline); the actions need the network.
 *
 * @summary The delegations dashboard (given and received).
 *
 * @csspart panel - Each block.
 * @csspart table - The table of delegations.
 * @csspart dialog - The deletion confirmation.
 * @csspart row - Each delegation of the table.
 * @csspart heading - The title(s).
 * @csspart form - The search form.
 * @csspart field - Each labelled field of the update form.
 * @csspart hint - Each help text under a field.
 * @csspart error-summary - The list of the update form's errors.
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart notice - Each informative notice (not an error).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @fires delegation-create-request - « Créer une nouvelle délégation ».
 * @fires delegation-act-request - « Agir pour le compte de… »; `detail: {delegationId, delegantName}`.
 * @fires delegation-updated - « Mise à jour d'une délégation » saved; `detail: {delegation}`.
 */
@customElement('delegation-dashboard')
export class DelegationDashboard extends LocalizedElement {
  static override styles = [
    baseStyles,
    formStyles,
    surfaceStyles,
    tableStyles,
    stackedTableStyles,
    css`
      :host {
        display: block;
      }
      h2,
      h3 {
        margin-top: 0;
        color: ${token('color-primary')};
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: ${token('space-3')};
      }
      .search {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: ${token('space-3')};
        align-items: end;
      }
      .search fieldset {
        border: 0;
        padding: 0;
        margin: 0;
      }
      .count-line {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: ${token('space-3')};
        margin: ${token('space-3')} 0;
      }
      button.icon {
        padding: ${token('space-1')};
        border-color: transparent;
        background: none;
      }
      .pages {
        display: flex;
        gap: ${token('space-2')};
        justify-content: center;
        margin-top: ${token('space-3')};
      }
      .pages [aria-current='page'] {
        color: ${token('color-on-primary')};
        background: ${token('color-primary')};
      }
      .table-scroll {
        max-width: 100%;
        overflow-x: auto;
      }
      td.action {
        width: 1%;
        white-space: nowrap;
      }
      .update dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: ${token('space-1')} ${token('space-3')};
      }
      .update dt {
        font-weight: ${token('font-weight-bold')};
      }
      .update dd {
        margin: 0;
      }
      .update .structures label {
        display: flex;
        gap: ${token('space-2')};
        align-items: flex-start;
        margin-bottom: ${token('space-2')};
      }
      .status-validee {
        color: ${token('color-success')};
        font-weight: ${token('font-weight-bold')};
      }
    `,
  ];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  @state() private given: DelegationDocument[] = [];
  @state() private received: DelegationDocument[] = [];
  @state() private filters: DashboardFilters = NO_FILTERS;
  @state() private perPage: number = PER_PAGE[1];
  @state() private page = 0;
  @state() private deleting: DelegationDocument | null = null;
  @state() private message = '';
  @state() private error = '';
  @state() private busy = false;

  readonly #update = new DelegationUpdateController(
    this,
    () => this.services?.delegationCommands,
    () => this.services?.session.user.structures.map((s) => s.id) ?? [],
    () => translator(delegationDashboardMessages, this.locale)('updateUnreachable'),
  );

  // Another person signing in never finds the previous one's update form.
  readonly #scope = new SessionScopeController(this, () => this.services?.session, () => this.#update.close());

  readonly #live = new SubscriptionsController(
    this,
    () => [this.services?.delegations],
    () => {
      const repository = this.services?.delegations;
      if (!repository || this.services?.session.actor) return [];
      return [repository.given$().subscribe((list) => (this.given = list)), repository.received$().subscribe((list) => (this.received = list))];
    },
  );

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  async #command(work: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      this.message = await work();
    } catch (error) {
      this.error = error instanceof ApiRequestError && error.kind === 'offline' ? translator(delegationDashboardMessages, this.locale)('unreachable') : (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  #search(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.filters = { name: String(data.get('name') ?? ''), statuses: data.getAll('status').map(String) as DelegationStatus[], profile: String(data.get('profile') ?? '') as DelegationProfile | '' };
    this.page = 0;
  }

  #reset(event: Event): void {
    (event.target as HTMLElement).closest('form')?.reset();
    this.filters = NO_FILTERS;
    this.page = 0;
  }

  #openUpdate(d: DelegationDocument): void {
    this.message = '';
    this.error = '';
    this.#update.open(d);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[name="validFrom"]')?.focus());
  }

  #closeUpdate(): void {
    const id = this.#update.step.name === 'closed' ? '' : this.#update.step.delegation.id;
    this.#update.close();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${id}"] button[name="update"]`)?.focus());
  }

  async #submitUpdate(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    await this.#update.submit(
      { validFrom: String(data.get('validFrom') ?? ''), validUntil: String(data.get('validUntil') ?? ''), structureIds: data.getAll('structureIds').map(String) },
      (delegation) => this.dispatchEvent(new DelegationUpdatedEvent({ delegation })),
    );
    await this.updateComplete;
    const failed = Object.keys(this.#update.errors).length > 0 || this.#update.error;
    (failed
      ? (this.renderRoot.querySelector<HTMLElement>('.update [aria-invalid="true"]:not(fieldset), .update fieldset[aria-invalid="true"] input') ?? this.renderRoot.querySelector<HTMLElement>('.update [role="alert"]'))
      : this.renderRoot.querySelector<HTMLElement>('button[name="update-back"]')
    )?.focus();
  }

  #who(d: DelegationDocument): string {
    return [d.delegateFirstName, d.delegateLastName].filter(Boolean).join(' ') || d.delegateEmail;
  }

  #statusCell(t: T, d: DelegationDocument): TemplateResult {
    if (d.status === 'a_valider') {
      return html`<button part="button primary" type="button" class="primary" name="validate" ?disabled=${this.busy} @click=${() =>
        this.#command(async () => {
          await this.services!.delegationCommands.validate(d.id);
          return t('validated', { who: this.#who(d) });
        })}>${t('validate')}</button>`;
    }
    return html`<span class="status-${d.status}">${DELEGATION_STATUS_LABELS[d.status][this.locale]}</span>`;
  }

  /** The pencil (« Mise à jour d'une délégation », on the rows still in force) and the trash of a delegation given. */
  #rowActions(t: T, d: DelegationDocument): TemplateResult {
    return html`${isUpdatable(d)
      ? html`<button part="button" type="button" class="icon" name="update" aria-label=${t('update', { who: d.delegateEmail })} title=${t('update', { who: d.delegateEmail })} @click=${() => this.#openUpdate(d)}>${pencil}</button>`
      : nothing}<button part="button" type="button" class="icon" name="delete" aria-label=${t('delete', { who: d.delegateEmail })} title=${t('delete', { who: d.delegateEmail })} @click=${() => (this.deleting = d)}>${trash}</button>`;
  }

  /** A delegation received: accept or refuse it, or act for the délégant while it is in force. */
  #answerActions(t: T, d: DelegationDocument, today: string): TemplateResult | typeof nothing {
    if (d.status === 'en_cours') {
      return html`<button part="button" type="button" name="refuse" ?disabled=${this.busy} @click=${() => this.#command(async () => (await this.services!.delegationCommands.answer(d.id, 'refuse'), ''))}>${t('refuse')}</button>
        <button part="button primary" type="button" class="primary" name="accept" ?disabled=${this.busy} @click=${() => this.#command(async () => (await this.services!.delegationCommands.answer(d.id, 'accept'), ''))}>${t('accept')}</button>`;
    }
    if (d.status !== 'validee') return nothing;
    return delegationWindow(d.validFrom, d.validUntil, today) === 'within'
      ? html`<button part="button primary" type="button" class="primary" name="act" @click=${() => this.dispatchEvent(new DelegationActRequestEvent({ delegationId: d.id, delegantName: d.delegantName }))}>${t('act', { who: d.delegantName })}</button>`
      : html`<span>${t('notNow')}</span>`;
  }

  #deleteDialog(t: T, d: DelegationDocument): TemplateResult {
    const profile = DELEGATION_PROFILE_DEFINITIONS[d.profile].label[this.locale];
    const close = () => (this.deleting = null);
    return html`<dialog part="dialog" aria-labelledby="delete-title" @cancel=${(e: Event) => {
      e.preventDefault();
      close();
    }}>
      <h3 id="delete-title">${t('deleteTitle')}</h3>
      <p>${t('deleteText', { who: d.delegateEmail, profile })}</p>
      <p>${t('deleteEffect', { who: d.delegateEmail })}</p>
      <p><strong>${t('deleteQuestion')}</strong></p>
      <div class="actions">
        <button part="button" type="button" name="cancel-delete" autofocus @click=${close}>${t('cancel')}</button>
        <button part="button primary" type="button" class="primary" name="confirm-delete" ?disabled=${this.busy} @click=${async () => {
          await this.#command(async () => {
            await this.services!.delegationCommands.remove(d.id);
            return t('deleted');
          });
          close();
        }}>${t('confirm')}</button>
      </div>
    </dialog>`;
  }

  #givenPanel(t: T, canDelegate: boolean): TemplateResult {
    const found = filterDelegations(this.given, this.filters);
    const { rows, pages, page } = pageOf(found, this.page, this.perPage);
    const count = found.length === 0 ? t('count_zero') : pluralCategory(this.locale, found.length) === 'one' ? t('count_one') : t('count_other', { count: found.length });
    return html`<section class="panel" part="panel" aria-labelledby="dashboard-title">
      <div class="head">
        <h2 part="heading" id="dashboard-title">${t('title')} — ${t('dashboard')}</h2>
        ${canDelegate
          ? html`<button part="button primary" type="button" class="primary" name="create" @click=${() => this.dispatchEvent(new Event('delegation-create-request', { bubbles: true, composed: true }))}>${t('create')}</button>`
          : nothing}
      </div>
      ${canDelegate ? nothing : html`<p part="notice" class="notice" id="cannot-delegate">${t('cannotDelegate')}</p>`}
      ${this.#update.step.name === 'closed'
        ? this.#list(t, rows, pages, page, count)
        : updateView({
            t,
            locale: this.locale,
            flow: this.#update,
            structures: this.services?.session.user.structures ?? [],
            strongAuth: this.services?.session.user.strongAuth ?? false,
            who: (d) => this.#who(d),
            submit: (event) => void this.#submitUpdate(event),
            back: () => this.#closeUpdate(),
            focus: (field) => this.renderRoot.querySelector<HTMLElement>(`.update [name="${field}"]`)?.focus(),
          })}
    </section>`;
  }

  #list(t: T, rows: readonly DelegationDocument[], pages: number, page: number, count: string): TemplateResult {
    return html`
      ${this.message ? html`<p part="notice" class="notice" role="status">${this.message}</p>` : nothing}
      ${this.error ? html`<p part="error" class="field-error" role="alert">${this.error}</p>` : nothing}
      <form part="form" class="search" role="search" aria-label=${t('search')} @submit=${this.#search}>
        <div class="field"><label part="label" for="name">${t('byName')}</label><input part="input" id="name" name="name" .value=${this.filters.name} /></div>
        <fieldset>
          <legend part="label">${t('byStatus')}</legend>
          ${DELEGATION_STATUSES.map(
            (s) => html`<label part="label" class="choice"><input part="input" type="checkbox" name="status" value=${s} .checked=${this.filters.statuses.includes(s)} /> ${DELEGATION_STATUS_LABELS[s][this.locale]}</label>`,
          )}
        </fieldset>
        <div class="field">
          <label part="label" for="profile">${t('byProfile')}</label>
          <select part="input" id="profile" name="profile">
            <option value="">${t('anyProfile')}</option>
            ${DELEGATION_PROFILES.map((p) => html`<option value=${p} ?selected=${this.filters.profile === p}>${DELEGATION_PROFILE_DEFINITIONS[p].label[this.locale]}</option>`)}
          </select>
        </div>
        <div class="actions">
          <button part="button" type="button" name="reset-search" @click=${this.#reset}>${t('reset')}</button>
          <button part="button primary" type="submit" class="primary" name="search">${t('submit')}</button>
        </div>
      </form>
      <div class="count-line">
        <p role="status" id="count">${count}</p>
        <label part="label">${t('perPage')}
          <select part="input" name="per-page" @change=${(e: Event) => {
            this.perPage = Number((e.target as HTMLSelectElement).value);
            this.page = 0;
          }}>${PER_PAGE.map((n) => html`<option value=${n} ?selected=${n === this.perPage}>${n}</option>`)}</select>
        </label>
      </div>
      ${this.given.length === 0
        ? html`<p>${t('none')}</p>`
        : rows.length === 0
          ? html`<p>${t('noneFound')}</p>`
          : html`${delegationTable(
              [
                { label: t('lastName'), cell: (d) => d.delegateLastName.toUpperCase() },
                { label: t('firstName'), cell: (d) => d.delegateFirstName },
                { label: t('identifier'), cell: (d) => d.delegateEmail },
                { label: t('profile'), cell: (d) => DELEGATION_PROFILE_DEFINITIONS[d.profile].label[this.locale] },
                { label: t('validity'), cell: (d) => `${formatDate(d.validFrom, this.locale)} – ${formatDate(d.validUntil, this.locale)}` },
                { label: t('structures'), cell: (d) => d.structures.length },
                { label: t('status'), cell: (d) => this.#statusCell(t, d) },
                { label: t('actions'), actions: true, cell: (d) => this.#rowActions(t, d) },
              ],
              rows,
              'count',
            )}
            ${pages > 1
              ? html`<nav class="pages" aria-label=${t('pages')}>
                  <button part="button" type="button" aria-label=${t('previous')} ?disabled=${page === 0} @click=${() => (this.page = page - 1)}>‹</button>
                  ${Array.from({ length: pages }, (_, i) => html`<button part="button" type="button" aria-label=${t('pageN', { n: i + 1 })} aria-current=${i === page ? 'page' : 'false'} @click=${() => (this.page = i)}>${i + 1}</button>`)}
                  <button part="button" type="button" aria-label=${t('next')} ?disabled=${page === pages - 1} @click=${() => (this.page = page + 1)}>›</button>
                </nav>`
              : nothing}`}
      ${this.deleting ? this.#deleteDialog(t, this.deleting) : nothing}`;
  }

  #receivedPanel(t: T): TemplateResult {
    const today = todayInParis();
    return html`<section class="panel" part="panel" aria-labelledby="received-title">
      <h2 part="heading" id="received-title">${t('received')}</h2>
      <p>${t('receivedIntro')}</p>
      ${this.received.length === 0
        ? html`<p>${t('noneReceived')}</p>`
        : delegationTable(
            [
              { label: t('delegant'), cell: (d) => d.delegantName },
              { label: t('profile'), cell: (d) => DELEGATION_PROFILE_DEFINITIONS[d.profile].label[this.locale] },
              { label: t('validity'), cell: (d) => `${formatDate(d.validFrom, this.locale)} – ${formatDate(d.validUntil, this.locale)}` },
              { label: t('structures'), cell: (d) => d.structures.length, title: (d) => d.structures.map((s) => s.name).join(', ') },
              { label: t('status'), cell: (d) => DELEGATION_STATUS_LABELS[d.status][this.locale] },
              { label: t('actions'), actions: true, cell: (d) => this.#answerActions(t, d, today) },
            ],
            this.received,
          )}
    </section>`;
  }

  override render() {
    const t = translator(delegationDashboardMessages, this.locale);
    const services = this.services;
    if (!services) return html`<p class="notice" part="panel notice">${t('signInFirst')}</p>`;
    if (services.session.actor) return html`<p class="notice" part="panel notice">${t('acting')}</p>`;
    const isDelegate = services.session.user.role === 'delegue';
    // A substitute without a practice is offered no « Créer une nouvelle délégation » (the server would refuse it).
    const canDelegate = canCreateDelegation(services.session.user);
    return html`${isDelegate ? nothing : this.#givenPanel(t, canDelegate)}${this.received.length > 0 || isDelegate || !canDelegate ? this.#receivedPanel(t) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'delegation-dashboard': DelegationDashboard;
  }
}
