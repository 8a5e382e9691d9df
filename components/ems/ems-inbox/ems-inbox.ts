import { consume } from '@lit/context';
import { css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime } from '../../../domain/validation/dates.ts';
import { formatNir, normalizeNir } from '../../../domain/identifiers/nir.ts';
import { nameSearchKey } from '../../../domain/fiche/vocabulary.ts';
import { SessionScopeController } from '../../controllers/session-scope-controller.ts';
import { SubscriptionsController } from '../../controllers/subscriptions-controller.ts';
import type { EmsThreadSummary } from '../../data/ems/ems-repository.ts';
import { OnDemand } from '../../data/on-demand.ts';
import type { SyncStatus } from '../../data/sync/sync-status.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { emsAllowed } from '../../data/ems/ems-feature.ts';
import { errorSummary, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { moduleUnavailableMessage } from '../../forms/on-demand-failure.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { pluralCategory, translator, type Translate } from '../../i18n/messages.ts';
import { FORWARDED_PARTS } from '../../styles/parts.ts';
import { surfaceStyles } from '../../styles/surface-styles.ts';
import { baseStyles, token } from '../../styles/tokens.ts';
import '../ems-thread/ems-thread.ts';
import { emsInboxMessages } from './ems-inbox.messages.ts';
import { SIMULATED_VITALE_CARDS } from './simulated-vitale.ts';

/** The EMS schemas, loaded with the first send. */
const validation = new OnDemand(() => import('../ems-validation.ts'));

type T = Translate<(typeof emsInboxMessages)['fr']>;

/** A thread was opened (`detail.threadId`): the inbox shows it; a host may follow. */
export class EmsThreadOpenEvent extends Event {
  constructor(readonly detail: { threadId: string }) {
    super('ems-thread-open', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ems-thread-open': EmsThreadOpenEvent;
  }
}

const emptyDraft = { practitionerRpps: '', patientNir: '', patientLastName: '', patientFirstName: '', subject: '', body: '' };

/**
 * "Échanges médicaux sécurisés" (EMS, seed 004): the threads per patient (NIR, name), newest
 * first, with unread counts and what still waits to be sent; search by NIR or name; a new
 * thread for a patient identified by NIR (validated) or a simulated Vitale card; opening a
 * thread shows `<ems-thread>`. Only with the CPS card; others see why. Works offline on what is
 * on the device (new threads and messages leave when the network is back).
 *
 * @summary The EMS inbox: threads per patient, unread counts, a new exchange.
 *
 * @csspart panel - The inbox's block.
 * @csspart list - The list of threads.
 * @csspart field - Each labelled field of the new-thread form.
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart error-summary - The list of a form's errors at the top, when there are several.
 * @csspart notice - Why EMS is not available (CPS card or role), and other information.
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 * @csspart thread - The open `<ems-thread>`; its parts are forwarded too (`back`, `header`, `messages`, `message`,
 *   `own-message`, `other-message`, `compose`, and the shared ones).
 *
 * @fires ems-thread-open - A thread was opened; `detail: {threadId}`.
 */
@customElement('ems-inbox')
export class EmsInbox extends LocalizedElement {
  static override styles = [
    baseStyles,
    formStyles,
    surfaceStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin-top: 0;
        color: ${token('color-primary')};
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: ${token('space-3')};
        align-items: center;
      }
      ul.threads {
        list-style: none;
        margin: ${token('space-3')} 0 0;
        padding: 0;
      }
      ul.threads li + li {
        border-top: ${token('border-width')} solid ${token('color-border')};
      }
      button.thread {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: ${token('space-1')} ${token('space-3')};
        width: 100%;
        padding: ${token('space-3')};
        border: 0;
        border-radius: 0;
        text-align: left;
        text-transform: none;
        font-weight: normal;
        color: inherit;
        background: none;
      }
      button.thread:hover {
        background: ${token('color-surface-muted')};
      }
      button.thread.unread .patient {
        font-weight: ${token('font-weight-bold')};
      }
      .badge {
        justify-self: end;
        padding: 0 ${token('space-2')};
        border-radius: ${token('radius-pill')};
        color: ${token('color-on-primary')};
        background: ${token('color-primary')};
        font-size: ${token('font-size-s')};
      }
      .meta {
        color: ${token('color-text-muted')};
        font-size: ${token('font-size-s')};
      }
      .vitale {
        display: flex;
        flex-wrap: wrap;
        gap: ${token('space-2')};
        align-items: center;
      }
    `,
  ];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The thread shown (set by a click, or by the host). */
  @property({ attribute: 'thread-id' }) threadId = '';

  @state() private summaries: EmsThreadSummary[] = [];
  @state() private query = '';
  @state() private composing = false;
  @state() private draft = { ...emptyDraft };
  @state() private errors: Record<string, string> = {};
  /** The new thread's module could not be loaded (offline before it was cached): said in the form, the draft kept. */
  @state() private unavailable = '';
  @state() private online = true;

  readonly #scope = new SessionScopeController(
    this,
    () => this.services?.session,
    () => {
      this.query = '';
      this.composing = false;
      this.draft = { ...emptyDraft };
      this.errors = {};
    },
  );

  readonly #live = new SubscriptionsController(
    this,
    () => [this.services?.ems, this.services?.syncStatus$],
    () => {
      const services = this.services;
      if (!services || !emsAllowed(services.session)) return [];
      return [
        services.ems.summaries$().subscribe((list) => (this.summaries = list)),
        services.syncStatus$.subscribe((status: SyncStatus) => (this.online = status.connection === 'online')),
      ];
    },
  );

  #open(threadId: string): void {
    this.threadId = threadId;
    this.dispatchEvent(new EmsThreadOpenEvent({ threadId }));
  }

  #filtered(): EmsThreadSummary[] {
    const query = this.query.trim();
    if (!query) return this.summaries;
    const nir = normalizeNir(query);
    const key = nameSearchKey(query);
    return this.summaries.filter((s) => (/^\d/.test(nir) && s.patientNir.startsWith(nir)) || (key && (nameSearchKey(`${s.patientLastName} ${s.patientFirstName}`).includes(key) || nameSearchKey(s.practitionerName).includes(key))));
  }

  /** The schemas' module loading for a send; `updateComplete` waits for it, so that a send's errors are shown when it resolves. */
  #validation: Promise<unknown> = Promise.resolve();

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#validation;
    return super.getUpdateComplete();
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.target as HTMLFormElement)) as Record<string, string>;
    this.draft = { practitionerRpps: data['practitionerRpps'] ?? '', patientNir: data['patientNir'] ?? '', patientLastName: data['patientLastName'] ?? '', patientFirstName: data['patientFirstName'] ?? '', subject: data['subject'] ?? '', body: data['body'] ?? '' };
    const insurer = this.services!.ems.side === 'insurer';
    const { practitionerRpps, ...patient } = this.draft;
    const loading = validation.get();
    this.#validation = loading.catch(() => undefined);
    this.unavailable = '';
    let module: Awaited<typeof loading>;
    try {
      module = await loading;
    } catch (error) {
      this.unavailable = moduleUnavailableMessage(error, this.locale) ?? String(error);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.form-problem')?.focus());
      return;
    }
    const { checkEmsThread, checkEmsMessage } = module;
    const thread = checkEmsThread(insurer ? { id: 'nouveau', ...this.draft } : { id: 'nouveau', ...patient }, insurer ? 'insurer' : 'practitioner', this.locale);
    const message = checkEmsMessage({ id: 'nouveau', threadId: 'nouveau', body: this.draft.body }, this.locale);
    this.errors = { ...thread.errors, ...message.errors };
    if (!thread.output || message.body === undefined) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const id = await this.services!.ems.createThread({ ...thread.output, ...(insurer ? { practitionerRpps: practitionerRpps.replace(/\s/g, '') } : {}), body: message.body });
    this.composing = false;
    this.draft = { ...emptyDraft };
    this.#open(id);
  }

  #readVitale(index: string): void {
    const card = SIMULATED_VITALE_CARDS[Number(index)];
    if (!card) return;
    this.draft = { ...this.draft, patientNir: formatNir(card.nir), patientLastName: card.lastName, patientFirstName: card.firstName };
  }

  #newThreadForm(t: T): TemplateResult {
    const insurer = this.services?.ems.side === 'insurer';
    const labels: Record<string, string> = { practitionerRpps: t('practitionerRpps'), patientNir: t('nir'), patientLastName: t('lastName'), patientFirstName: t('firstName'), subject: t('subject'), body: t('body') };
    const errors = Object.entries(this.errors).map(([field, message]) => ({ field, label: labels[field] ?? field, message }));
    return html`<section class="panel" part="panel" aria-labelledby="new-title">
      <h2 part="heading" id="new-title">${t('newTitle')}</h2>
      <form part="form" novalidate @submit=${this.#create}>
        ${this.unavailable ? html`<p part="error" class="problem form-problem" role="alert" tabindex="-1">${this.unavailable}</p>` : nothing}
        ${errors.length > 1 ? errorSummary(t('summary', { count: errors.length }), errors, (field) => this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`)?.focus(), this.locale) : nothing}
        ${insurer ? textField({ name: 'practitionerRpps', label: t('practitionerRpps'), value: this.draft.practitionerRpps, inputmode: 'numeric', autocomplete: 'off', required: true, error: this.errors['practitionerRpps'] }) : nothing}
        <div class="vitale">
          <label part="label" for="vitale">${t('vitale')}</label>
          <select part="input" id="vitale" name="vitale" aria-describedby="vitale-hint" @change=${(e: Event) => this.#readVitale((e.target as HTMLSelectElement).value)}>
            <option value="">${t('vitaleChoose')}</option>
            ${SIMULATED_VITALE_CARDS.map((card, index) => html`<option value=${index}>${card.lastName} ${card.firstName} — ${formatNir(card.nir)}</option>`)}
          </select>
        </div>
        <p part="hint" class="hint" id="vitale-hint">${t('vitaleHint')}</p>
        ${textField({ name: 'patientNir', label: t('nir'), value: this.draft.patientNir, inputmode: 'numeric', autocomplete: 'off', required: true, error: this.errors['patientNir'] })}
        ${textField({ name: 'patientLastName', label: t('lastName'), value: this.draft.patientLastName, required: true, error: this.errors['patientLastName'] })}
        ${textField({ name: 'patientFirstName', label: t('firstName'), value: this.draft.patientFirstName, required: true, error: this.errors['patientFirstName'] })}
        ${textField({ name: 'subject', label: t('subject'), value: this.draft.subject, required: true, maxlength: 120, error: this.errors['subject'] })}
        ${textField({ name: 'body', label: t('body'), value: this.draft.body, multiline: true, required: true, error: this.errors['body'] })}
        ${this.online ? nothing : html`<p part="notice" class="notice" role="status">${t('offline')}</p>`}
        <div class="actions">
          <button part="button" type="button" name="cancel" @click=${() => {
            this.composing = false;
            this.errors = {};
          }}>${t('cancel')}</button>
          <button part="button primary" type="submit" class="primary" name="send">${t('send')}</button>
        </div>
      </form>
    </section>`;
  }

  #row(t: T, s: EmsThreadSummary, insurer: boolean): TemplateResult {
    const patient = `${s.patientLastName} ${s.patientFirstName}`;
    const unread = s.unread > 0 ? (pluralCategory(this.locale, s.unread) === 'one' ? t('unread_one') : t('unread_other', { count: s.unread })) : '';
    const when = s.lastMessage?.sentAt || s.lastMessage?.createdAt || s.lastMessageAt;
    return html`<li>
      <button part="button" type="button" class="thread ${s.unread > 0 ? 'unread' : ''}" data-id=${s.id} @click=${() => this.#open(s.id)}>
        <span class="patient">${patient} — ${formatNir(s.patientNir)}</span>
        ${unread ? html`<span class="badge">${unread}</span>` : html`<span></span>`}
        <span class="meta">${s.subject}${insurer ? html` · ${t('from', { name: s.practitionerName })}` : nothing}${s.waiting > 0 ? html` · ${t('waiting', { count: s.waiting })}` : nothing}</span>
        <span class="meta">${when ? formatDateTime(when, this.locale) : ''}</span>
      </button>
    </li>`;
  }

  override render() {
    const t = translator(emsInboxMessages, this.locale);
    const services = this.services;
    if (!services) return html`<p class="notice" part="panel notice">${t('signInFirst')}</p>`;
    if (!emsAllowed(services.session)) {
      const role = ['medecin', 'directeur_cds', 'medecin_conseil'].includes(services.session.user.role);
      return html`<section class="panel" part="panel"><h2 part="heading">${t('title')}</h2><p part="notice" class="notice" role="note">${role ? t('strongRequired') : t('roleRequired')}</p></section>`;
    }
    if (this.threadId) return html`<ems-thread
        part="thread"
        exportparts="${FORWARDED_PARTS}, back, header, messages, message, own-message, other-message, compose"
        .threadId=${this.threadId} @ems-thread-closed=${() => (this.threadId = '')}></ems-thread>`;
    if (this.composing) return this.#newThreadForm(t);
    const insurer = services.ems.side === 'insurer';
    const list = this.#filtered();
    const count = list.length === 0 ? t('count_zero') : pluralCategory(this.locale, list.length) === 'one' ? t('count_one') : t('count_other', { count: list.length });
    return html`<section class="panel" part="panel" aria-labelledby="inbox-title">
      <div class="head">
        <h2 part="heading" id="inbox-title">${t('title')}</h2>
        <button part="button primary" type="button" class="primary" name="new-thread" @click=${() => (this.composing = true)}>${t('newThread')}</button>
      </div>
      <p>${insurer ? t('insurerIntro') : t('intro')}</p>
      <div class="field" role="search">
        <label part="label" for="search">${t('search')}</label>
        <input part="input" id="search" name="search" type="search" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      </div>
      <p role="status" id="ems-count">${count}</p>
      ${this.summaries.length === 0
        ? html`<p>${t('empty')}</p>`
        : list.length === 0
          ? html`<p>${t('noneFound')}</p>`
          : html`<ul class="threads" part="list" aria-labelledby="inbox-title">${list.map((s) => this.#row(t, s, insurer))}</ul>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ems-inbox': EmsInbox;
  }
}
