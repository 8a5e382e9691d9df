import { consume } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { catchError, from, of, switchMap, tap } from 'rxjs';
import { ficheCreationRefusal } from '../../../domain/fiche/fiche-creation.ts';
import { FICHE_STATUSES, ficheStatusLabel, type FicheStatus } from '../../../domain/fiche/fiche-status.ts';
import { departmentOf } from '../../../domain/identifiers/contact-details.ts';
import { formatDateTime } from '../../../domain/validation/dates.ts';
import { formatNir, isValidNir } from '../../../domain/identifiers/nir.ts';
import { SessionScopeController } from '../../controllers/session-scope-controller.ts';
import { SubscriptionsController } from '../../controllers/subscriptions-controller.ts';
import type { LocalFiche } from '../../data/fiches/fiche-collection-schema.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { PullProgress } from '../../data/replication/pull-progress.ts';
import type { SyncStatus } from '../../data/sync/sync-status.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { colon, pluralCategory, translator, type Translate } from '../../i18n/messages.ts';
import { tableStyles } from '../../styles/table-styles.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { PatientCreateRequestEvent, PatientOpenRequestEvent } from './contact-covid-patient-list.events.ts';
import { patientListMessages } from './contact-covid-patient-list.messages.ts';
import { patientListStyles } from './contact-covid-patient-list.styles.ts';
import { supportAndLinks } from './contact-covid-support.ts';
import { EMPTY_CRITERIA, filterFiches, pageOf, sortFiches, type ListCriteria, type ListRow, type ListSort, type SortColumn } from './fiche-list-model.ts';

type T = Translate<typeof patientListMessages.fr>;
const PAGE_SIZES = [10, 25, 50, 100] as const;

/**
 * "Votre liste Contact-COVID": the files on this device, searched by NIR, nom, prénom and
 * statut (Réinitialiser / Rechercher), "N fiche(s) trouvée(s)", 25 per page by default, sortable
 * columns PATIENT (with NIR), DÉCLARANT ("Vous-même"), RÉCEPTION, ÉTAT, DEPUIS. The pharmacist's
 * view ("Délivrance de masques — Liste de vos patients") and the biologist's ("Prélèvements")
 * list their own files the same way, and a full NIR also searches the server for other
 * professionals' files (DÉPARTEMENT and CRÉATION shown); offline it says the server search is
 * not possible. While a new device receives its first files, « Synchronisation : 2 300 / 10 000
 * fiches » says how far it is, the files already received listed. Below: the technical support line (3608, choix 2) and the guides' useful links.
 *
 * @summary The list and search of Contact COVID files.
 *
 * @csspart table - The results table.
 * @csspart row - Each file of the results.
 * @csspart heading - The title(s).
 * @csspart form - The search form.
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - What a full NIR searches (pharmacist, biologist).
 * @csspart notice - The number of files found, or why the server search is not possible.
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @fires patient-create-request - NOUVEAU PATIENT (cancelable).
 * @fires patient-open-request - A file was chosen; `detail: {id, kind}` (cancelable).
 */
@customElement('contact-covid-patient-list')
export class ContactCovidPatientList extends LocalizedElement {
  static override styles = [baseStyles, formStyles, tableStyles, patientListStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /**
   * `doctor` (search on the device), `pharmacist` or `biologist` (the device, and a full NIR on
   * the server too); by default from the user's role.
   */
  @property() mode: 'doctor' | 'pharmacist' | 'biologist' | '' = '';

  /** Rows per page (25 by default, as in the service). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /**
   * A NIR to search at once, as if typed in the search: the host's current patient, whose record
   * already holds it. Another NIR searches again; back to '' shows every file.
   */
  @property() nir = '';

  @state() private fiches: readonly LocalFiche[] = [];
  /** Until every file is read (a warm start with thousands): the first page's files, read by index, and the count. */
  @state() private firstPage: { readonly fiches: readonly LocalFiche[]; readonly count: number; readonly pageSize: number } | null = null;
  @state() private criteria: ListCriteria = EMPTY_CRITERIA;
  @state() private sort: ListSort = { column: 'reception', direction: 'desc' };
  @state() private page = 1;
  @state() private serverResults: readonly ListRow[] | null = null;
  @state() private serverMessage = '';
  @state() private searching = false;
  @state() private sync: SyncStatus | null = null;
  @state() private progress: PullProgress | null = null;

  readonly #scope = new SessionScopeController(
    this,
    () => this.services?.session,
    () => {
      this.#lastSearch += 1;
      this.criteria = EMPTY_CRITERIA;
      this.page = 1;
      this.searching = false;
      this.serverResults = null;
      this.serverMessage = '';
      // The host's current patient stays the host's: searched again for the next person.
      if (this.services && this.nir) void this.#searchFor({ ...EMPTY_CRITERIA, nir: this.nir.replace(/\s/g, '') });
    },
  );

  readonly #live = new SubscriptionsController(
    this,
    () => [this.services],
    () =>
      this.services
        ? [
            this.#listFiches(this.services.fiches),
            this.services.syncStatus$.subscribe((status) => (this.sync = status)),
            this.services.fiches.syncProgress$().subscribe((progress) => (this.progress = progress)),
          ]
        : [],
  );

  /**
   * Every file on the device, live; before it (a warm start with thousands of files: reading them
   * all takes seconds), the first page read by index, shown until they are there. Every file is read
   * once that first page is: both reads would share the main thread.
   */
  #listFiches(fiches: TeleservicesServices['fiches']) {
    this.firstPage = null;
    const pageSize = this.pageSize;
    return from(fiches.firstPage(pageSize))
      .pipe(
        catchError(() => of(null)),
        tap((page) => {
          if (page) this.firstPage = { ...page, pageSize };
        }),
        switchMap(() => fiches.all$()),
      )
      .subscribe((all) => {
        this.firstPage = null;
        this.fiches = all;
      });
  }

  /** The first page while every file is read: for the list as it opens (no search, newest first, page 1). */
  get #firstPageShown() {
    const opening = this.criteria === EMPTY_CRITERIA && this.sort.column === 'reception' && this.sort.direction === 'desc' && this.page === 1 && !this.serverResults && this.pageSize <= (this.firstPage?.pageSize ?? 0);
    return this.firstPage && opening ? this.firstPage : null;
  }

  get #mode(): 'doctor' | 'pharmacist' | 'biologist' {
    if (this.mode) return this.mode;
    const role = this.services?.session.user.role;
    return role === 'pharmacien' ? 'pharmacist' : role === 'biologiste' ? 'biologist' : 'doctor';
  }

  /** Whether a full NIR is also searched on the server (files of other professionals). */
  get #searchesServer(): boolean {
    return this.#mode !== 'doctor';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The host's NIR, once the services are there (a pharmacist's search needs the server).
    const nirChanged = changed.has('nir') && (this.nir !== '' || Boolean(changed.get('nir')));
    if (nirChanged || (changed.has('services') && !changed.get('services') && this.services && this.nir)) void this.#searchFor({ ...EMPTY_CRITERIA, nir: this.nir.replace(/\s/g, '') });
  }

  #search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    return this.#searchFor({
      nir: String(data.get('nir') ?? '').trim(),
      lastName: String(data.get('lastName') ?? '').trim(),
      firstName: String(data.get('firstName') ?? '').trim(),
      status: (String(data.get('status') ?? '') as FicheStatus | ''),
    });
  }

  /** Bumped by each search (and reset): the server's late answer to an older search is not shown under a newer one. */
  #lastSearch = 0;

  async #searchFor(criteria: ListCriteria): Promise<void> {
    const search = ++this.#lastSearch;
    this.criteria = criteria;
    this.page = 1;
    this.searching = false;
    this.serverResults = null;
    this.serverMessage = '';
    if (!this.#searchesServer || !this.services || criteria.nir === '') return;
    const t = translator(patientListMessages, this.locale);
    if (!isValidNir(criteria.nir)) {
      this.serverMessage = t('nirIncomplete');
      return;
    }
    if (this.sync?.connection === 'offline') {
      this.serverMessage = t('nirNeedsServer');
      return;
    }
    this.searching = true;
    try {
      const found = await this.services.ficheServer.byNir(criteria.nir);
      if (search === this.#lastSearch) this.serverResults = found;
    } catch (error) {
      if (search === this.#lastSearch) this.serverMessage = error instanceof ApiRequestError && error.kind === 'offline' ? t('nirNeedsServer') : t('serverError', { reason: String((error as Error).message) });
    } finally {
      if (search === this.#lastSearch) this.searching = false;
    }
  }

  #reset(): void {
    this.#lastSearch += 1;
    this.searching = false;
    this.criteria = EMPTY_CRITERIA;
    this.serverResults = null;
    this.serverMessage = '';
    this.page = 1;
    this.renderRoot.querySelector<HTMLFormElement>('form.search')?.reset();
  }

  async #open(fiche: ListRow): Promise<void> {
    if (this.services && !(await this.services.fiches.get(fiche.id))) {
      await this.services.ficheServer.open(fiche.id, fiche.nir).catch(() => undefined);
    }
    this.dispatchEvent(new PatientOpenRequestEvent({ id: fiche.id, kind: fiche.kind }));
  }

  #sortBy(column: SortColumn): void {
    this.sort = { column, direction: this.sort.column === column && this.sort.direction === 'asc' ? 'desc' : 'asc' };
  }

  /** The rows: local matches, plus (pharmacist, biologist) the server's matches not on the device yet. */
  get #rows(): ListRow[] {
    const local = filterFiches(this.fiches, this.criteria);
    if (!this.serverResults) return local;
    const known = new Set(local.map((f) => f.id));
    return [...local, ...this.serverResults.filter((f) => !known.has(f.id))] as ListRow[];
  }

  #header(column: SortColumn, label: string) {
    const sorted = this.sort.column === column ? (this.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" aria-sort=${sorted}><button part="button" type="button" @click=${() => this.#sortBy(column)}>${label}</button></th>`;
  }

  #row(fiche: ListRow, t: T, localIds: ReadonlySet<string>) {
    const userId = this.services?.session.user.id;
    const name = `${fiche.lastName.toUpperCase()} ${fiche.firstName}`.trim();
    const local = localIds.has(fiche.id);
    const open = html`<button part="button" type="button" class="open" aria-label=${t('open', { name })} @click=${() => this.#open(fiche)}>${name}</button>`;
    const nir = fiche.nir ? html`<span class="nir">${t('nirPrefix')}${colon(this.locale)}${formatNir(fiche.nir)}</span>` : nothing;
    // A file found on the server only is someone else's: summaries carry no declarant.
    const declarant = local && (!fiche.declarantId || fiche.declarantId === userId) ? t('yourself') : t('otherDeclarant');
    const created = fiche.createdAt ? formatDateTime(fiche.createdAt, this.locale) : t('notSent');
    const since = fiche.statusSince ? formatDateTime(fiche.statusSince, this.locale) : '—';
    return html`<tr part="row">
      <td>${open}${nir}</td>
      <td>${declarant}</td>
      ${this.#searchesServer ? html`<td>${departmentOf(fiche.postcode ?? '')}</td>` : nothing}
      <td>${created}</td>
      <td>${ficheStatusLabel(fiche.status as FicheStatus, this.locale)}</td>
      <td>${since}</td>
    </tr>`;
  }

  /** What an empty result says: how to start, or that a full NIR would search further. */
  #emptyMessage(t: T): string {
    const searched = this.criteria !== EMPTY_CRITERIA;
    if (!searched && this.fiches.length === 0) {
      if (this.#mode === 'biologist') return t('emptyBiologist');
      if (ficheCreationRefusal(this.services!.session.user)) return t('empty');
      return this.#mode === 'pharmacist' ? t('emptyFirstVisitPharmacist') : t('emptyFirstVisit');
    }
    return this.#searchesServer && this.serverResults === null && !isValidNir(this.criteria.nir) ? t('emptyNotOnServer') : t('empty');
  }

  /** A first sync: how many files have arrived, as they arrive (the rows below show them already). */
  #progress(t: T) {
    const progress = this.progress;
    const number = new Intl.NumberFormat(this.locale);
    const shown = progress
      ? html`${t('syncProgress', { done: number.format(progress.done), total: number.format(progress.total) })}
          <progress max=${progress.total} .value=${progress.done} aria-label=${t('syncProgressLabel')}></progress>`
      : nothing;
    // Always there (empty and hidden otherwise): a live region must exist before what it announces.
    return html`<p part="notice" class="sync-progress" role="status" aria-live="polite">${shown}</p>`;
  }

  override render() {
    const t = translator(patientListMessages, this.locale);
    if (!this.services) return html`<p>${t('noSession')}</p>`;
    const mode = this.#mode;
    const firstPage = this.#firstPageShown;
    const sorted = sortFiches(firstPage ? firstPage.fiches : this.#rows, this.sort, this.services.session.user.id);
    const { rows, page } = pageOf(sorted, this.page, this.pageSize);
    const count = firstPage ? firstPage.count : sorted.length;
    const pages = Math.max(1, Math.ceil(count / this.pageSize));
    const localIds = new Set((firstPage ? firstPage.fiches : this.fiches).map((f) => f.id));
    const title = mode === 'pharmacist' ? t('titlePharmacist') : mode === 'biologist' ? t('titleBiologist') : t('title');

    return html`
      <header>
        <h2 part="heading">${title}</h2>
        ${ficheCreationRefusal(this.services.session.user)
          ? nothing
          : html`<button part="button primary" type="button" class="primary" @click=${() => this.dispatchEvent(new PatientCreateRequestEvent())}>${t('newPatient')} +</button>`}
      </header>
      <form part="form" class="search" role="search" aria-label=${mode === 'doctor' ? t('search') : t('searchPharmacist')} novalidate @submit=${this.#search}>
        <div class="field">
          <label part="label" for="nir">${t('nir')}</label>
          <input part="input" id="nir" name="nir" autocomplete="off" .value=${this.criteria.nir} aria-describedby=${this.#searchesServer ? 'nir-hint' : nothing} />
        </div>
        <div class="field"><label part="label" for="lastName">${t('lastName')}</label><input part="input" id="lastName" name="lastName" .value=${this.criteria.lastName} /></div>
        <div class="field"><label part="label" for="firstName">${t('firstName')}</label><input part="input" id="firstName" name="firstName" .value=${this.criteria.firstName} /></div>
        <div class="field">
          <label part="label" for="status">${t('status')}</label>
          <select part="input" id="status" name="status">
            <option value="">${t('anyStatus')}</option>
            ${FICHE_STATUSES.map((s) => html`<option value=${s} ?selected=${this.criteria.status === s}>${ficheStatusLabel(s, this.locale)}</option>`)}
          </select>
        </div>
        <button part="button" type="button" @click=${this.#reset}>${t('reset')}</button>
        <button part="button primary" type="submit" class="primary">${t('submit')}</button>
        ${this.#searchesServer ? html`<p part="hint" class="hint" id="nir-hint">${t('nirServerHint')}</p>` : nothing}
      </form>
      ${this.searching ? html`<p role="status">${t('searching')}</p>` : nothing}
      ${this.serverMessage ? html`<p part="notice" class="notice" role="status">${this.serverMessage}</p>` : nothing}
      ${this.#progress(t)}
      <div class="results-bar">
        <p role="status" class="count">${t(`found.${pluralCategory(this.locale, count)}`, { count })}</p>
        <label part="label">
          ${t('pageSize')}
          <select part="input" @change=${(e: Event) => {
            this.pageSize = Number((e.target as HTMLSelectElement).value);
            this.page = 1;
          }}>
            ${PAGE_SIZES.map((size) => html`<option value=${size} ?selected=${size === this.pageSize}>${size}</option>`)}
          </select>
        </label>
      </div>
      ${count === 0
        ? html`<p class="empty">${this.#emptyMessage(t)}</p>`
        : html`
            <table part="table">
              <thead>
                <tr>
                  ${this.#header('patient', t('colPatient'))} ${this.#header('declarant', t('colDeclarant'))}
                  ${this.#searchesServer ? this.#header('department', t('colDepartment')) : nothing}
                  ${this.#header('reception', this.#searchesServer ? t('colCreation') : t('colReception'))} ${this.#header('status', t('colStatus'))}
                  ${this.#header('since', t('colSince'))}
                </tr>
              </thead>
              <tbody>
                ${rows.map((fiche) => this.#row(fiche, t, localIds))}
              </tbody>
            </table>
            ${pages > 1
              ? html`<nav class="pager" aria-label=${t('page', { page, pages })}>
                  <button part="button" type="button" ?disabled=${page <= 1} @click=${() => (this.page = page - 1)}>${t('previous')}</button>
                  <span>${t('page', { page, pages })}</span>
                  <button part="button" type="button" ?disabled=${page >= pages} @click=${() => (this.page = page + 1)}>${t('next')}</button>
                </nav>`
              : nothing}
          `}
      ${supportAndLinks(this.services.session.user.role, this.locale)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'contact-covid-patient-list': ContactCovidPatientList;
  }
}
