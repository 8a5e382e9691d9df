import { consume } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { EMS_MESSAGE_MAX, unreadCount } from '../../../domain/ems/ems-model.ts';
import { formatDateTime } from '../../../domain/validation/dates.ts';
import { formatNir } from '../../../domain/identifiers/nir.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import { SessionScopeController } from '../../controllers/session-scope-controller.ts';
import { SubscriptionsController } from '../../controllers/subscriptions-controller.ts';
import type { LocalEmsMessage, LocalEmsThread } from '../../data/ems/ems-collection-schemas.ts';
import type { EmsRepository } from '../../data/ems/ems-repository.ts';
import { OnDemand } from '../../data/on-demand.ts';
import type { Session } from '../../data/session/session.ts';
import type { SyncStatus } from '../../data/sync/sync-status.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { emsAllowed } from '../../data/ems/ems-feature.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { moduleUnavailableMessage } from '../../forms/on-demand-failure.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { pluralCategory, translator, type Translate } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { EmsMessageSentEvent, EmsThreadClosedEvent } from './ems-thread.events.ts';
import { emsThreadMessages } from './ems-thread.messages.ts';
import { emsThreadStyles } from './ems-thread.styles.ts';

type Translator = Translate<(typeof emsThreadMessages)['fr']>;
type MessageStatus = 'waiting' | 'sent' | 'read';

/** The message's schema, loaded with the first send. */
const validation = new OnDemand(() => import('../ems-validation.ts'));

/** The roles of the exchange (the server says the same): doctors and the insurer's médecin conseil. */
const EMS_ROLES = ['medecin', 'directeur_cds', 'medecin_conseil'];

/** From this many characters on, the counter is also announced (after a pause in the typing). */
const ANNOUNCE_FROM = EMS_MESSAGE_MAX - 200;
const ANNOUNCE_AFTER_MS = 1000;
/** The read mark moves once the messages settle, not on every change of the thread. */
const MARK_READ_AFTER_MS = 400;


const fullName = (person: { civility: string; firstName: string; lastName: string }) => [person.civility, person.firstName, person.lastName].filter(Boolean).join(' ');

/** The name the server writes on this session's messages ("Dr Lucas Garnier pour Dr Claire Martin" for a délégué). */
function ownAuthorName(session: Session): string {
  return session.actor ? `${fullName(session.actor)} pour ${fullName(session.user)}` : fullName(session.user);
}

/**
 * One secure medical exchange (EMS, « Échanges médicaux sécurisés »): a practitioner signed in
 * with the CPS card and the insurer's médecin conseil, about one patient identified by NIR.
 *
 * The header names the patient (NOM Prénom, NIR grouped), the subject and, on the insurer's
 * side, the practitioner. The messages follow in the order they were written, each with its
 * author (« Vous » for this side; the practitioner's name — a délégué's as « … pour … » — or
 * « Service médical de l'Assurance Maladie » for the other), its date and time and its text
 * (line breaks kept, never read as HTML). This side's messages say « En attente d'envoi » while
 * they wait on the device, « Envoyé » once the server has them, « Lu » once the other side's
 * read mark reaches them.
 *
 * Writing is local and immediate, offline too (`services.ems.send`): the message joins the list
 * at once and leaves, in order, when the network is back; the element says so when it is offline.
 * The text is checked with the shared `EmsMessageSchema` (1–5000 characters); Ctrl+Enter sends.
 * Opening the thread, and every new message of the other side while it is open, moves this
 * side's read mark (`services.ems.markRead`), and a new message is announced politely.
 *
 * Needs `<teleservices-provider>` (or any provider of `teleservicesContext`) and a CPS session of
 * a doctor or of the médecin conseil; otherwise it says why.
 *
 * @summary One EMS thread: patient, messages both ways with their state, reply (offline too).
 *
 * @csspart base - The whole element.
 * @csspart back - « Retour à la boîte de réception ».
 * @csspart header - Patient, NIR, subject (and practitioner, insurer side).
 * @csspart messages - The ordered list of messages.
 * @csspart message - Each message (also `own-message` or `other-message`).
 * @csspart own-message - A message of this side.
 * @csspart other-message - A message of the other side.
 * @csspart compose - The reply form.
 * @csspart field - The labelled message field.
 * @csspart heading - The title(s).
 * @csspart form - The form(s).
 * @csspart label - Each field's label.
 * @csspart input - Each text input, select, checkbox or radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @cssproperty --ems-thread-max-width - Width of the element. Defaults to `56rem`.
 * @cssproperty --ems-thread-accent-color - Title, header rule and own messages' border. Defaults to `--ts-color-primary`.
 * @cssproperty --ems-thread-own-background - Background of this side's messages. Defaults to `--ts-color-surface-muted`.
 *
 * @fires ems-message-sent - A message was written on this device (it leaves now or when the network is back); `detail: {threadId, messageId}`.
 * @fires ems-thread-closed - « Retour à la boîte de réception »; `detail: {threadId}`.
 */
@customElement('ems-thread')
export class EmsThread extends LocalizedElement {
  static override styles = [baseStyles, formStyles, emsThreadStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The thread shown (`id` of an `emsthreads` document). */
  @property({ attribute: 'thread-id' }) threadId = '';

  /** `undefined` while it loads, `null` when it is not on this device. */
  @state() private thread: LocalEmsThread | null | undefined = undefined;
  @state() private messages: readonly LocalEmsMessage[] = [];
  @state() private connection: SyncStatus['connection'] = 'unknown';
  @state() private body = '';
  @state() private error = '';
  @state() private problem = '';
  @state() private busy = false;
  /** A message was written while offline: say it leaves when the network is back. */
  @state() private queuedOffline = false;
  /** What the polite live region says: "Nouveau message de …". */
  @state() private announcement = '';
  /** What the counter's live region says (after a pause, near the limit only). */
  @state() private counterAnnouncement = '';

  /** The other side's messages already shown (null before the first list arrives). */
  #knownOther: Set<string> | null = null;
  #markReadTimer: ReturnType<typeof setTimeout> | undefined;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #scope = new SessionScopeController(
    this,
    () => this.services?.session,
    () => {
      this.body = '';
      this.error = '';
      this.problem = '';
      this.queuedOffline = false;
      this.announcement = '';
      this.counterAnnouncement = '';
    },
  );

  readonly #data = new SubscriptionsController(
    this,
    () => [this.services?.ems, this.threadId, this.#allowed],
    () => {
      this.thread = undefined;
      this.messages = [];
      this.announcement = '';
      this.#knownOther = null;
      clearTimeout(this.#markReadTimer);
      const ems = this.services?.ems;
      const threadId = this.threadId;
      if (!ems || !threadId || !this.#allowed) return [];
      return [
        ems.thread$(threadId).subscribe((thread) => {
          const opened = thread !== null && !this.thread;
          this.thread = thread;
          if (opened) this.#scheduleMarkRead(ems, threadId);
        }),
        ems.messages$(threadId).subscribe((messages) => this.#receive(ems, threadId, messages)),
      ];
    },
  );

  readonly #status = new SubscriptionsController(
    this,
    () => [this.services?.syncStatus$],
    () => {
      this.connection = 'unknown';
      const status$ = this.services?.syncStatus$;
      return status$
        ? [
            status$.subscribe((status) => {
              this.connection = status.connection;
              if (status.connection === 'online') this.queuedOffline = false;
            }),
          ]
        : [];
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('threadId') && changed.get('threadId') !== undefined) this.#resetCompose();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#markReadTimer);
    clearTimeout(this.#announceTimer);
  }

  get #t(): Translator {
    return translator(emsThreadMessages, this.locale);
  }

  get #allowed(): boolean {
    return this.services ? emsAllowed(this.services.session) : false;
  }

  #resetCompose(): void {
    this.body = '';
    this.error = '';
    this.problem = '';
    this.queuedOffline = false;
    this.counterAnnouncement = '';
    clearTimeout(this.#announceTimer);
  }

  /** A new list: the other side's messages that were not there before are announced and marked read. */
  #receive(ems: EmsRepository, threadId: string, messages: LocalEmsMessage[]): void {
    const other = messages.filter((m) => m.author !== ems.side);
    if (this.#knownOther === null) {
      this.#knownOther = new Set(other.map((m) => m.id));
    } else {
      const arrived = other.filter((m) => !this.#knownOther!.has(m.id));
      for (const m of arrived) this.#knownOther.add(m.id);
      const last = arrived.at(-1);
      if (last) {
        const text = this.#t('newMessage', { author: this.#authorOf(last, ems) });
        // Emptied first, so the same words are announced again for a second message.
        this.announcement = '';
        void this.updateComplete.then(() => (this.announcement = text));
        this.#scheduleMarkRead(ems, threadId);
      }
    }
    this.messages = messages;
  }

  /** Moves this side's read mark once things settle, when something of the other side is unread. */
  #scheduleMarkRead(ems: EmsRepository, threadId: string): void {
    clearTimeout(this.#markReadTimer);
    this.#markReadTimer = setTimeout(() => {
      if (!this.isConnected || this.services?.ems !== ems || this.threadId !== threadId || !this.thread) return;
      if (unreadCount(this.thread, this.messages, ems.side) === 0) return;
      // The database may close under us (sign-out): nothing left to mark then.
      ems.markRead(threadId).catch(() => undefined);
    }, MARK_READ_AFTER_MS);
  }

  #authorOf(message: LocalEmsMessage, ems: EmsRepository): string {
    const t = this.#t;
    if (message.author === ems.side) {
      const mine = this.services ? ownAuthorName(this.services.session) : '';
      return !message.authorName || message.authorName === mine ? t('you') : message.authorName;
    }
    if (message.author === 'insurer') return t('insurer');
    return message.authorName || this.thread?.practitionerName || t('practitionerFallback');
  }

  #statusOf(message: LocalEmsMessage, thread: LocalEmsThread, ems: EmsRepository): MessageStatus {
    if (!message.sentAt) return 'waiting';
    const otherReadAt = ems.side === 'practitioner' ? thread.insurerReadAt : thread.practitionerReadAt;
    return otherReadAt && otherReadAt >= message.sentAt ? 'read' : 'sent';
  }

  /** After the next render (Lit's own `updateComplete`: the one of this element also waits for the schema's module). */
  #focus(selector: string): void {
    void super.getUpdateComplete().then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #onInput(event: Event): void {
    this.body = (event.target as HTMLTextAreaElement).value;
    this.#scheduleCounterAnnouncement();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    this.body = (event.target as HTMLTextAreaElement).value;
    void this.#send();
  }

  /** Announces the counter once the typing pauses, and only near the limit: not on every keystroke. */
  #scheduleCounterAnnouncement(): void {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      const count = this.body.length;
      const max = EMS_MESSAGE_MAX;
      const t = this.#t;
      if (count >= max) this.counterAnnouncement = t('full', { max });
      else if (count >= ANNOUNCE_FROM) this.counterAnnouncement = t(`left.${pluralCategory(this.locale, max - count)}`, { left: max - count, max });
      else this.counterAnnouncement = '';
    }, ANNOUNCE_AFTER_MS);
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    void this.#send();
  }

  /** The schema's module loading for a send; `updateComplete` waits for it, so that a send's error is shown when it resolves. */
  #validation: Promise<unknown> = Promise.resolve();

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#validation;
    return super.getUpdateComplete();
  }

  /** Checks the text, writes it on the device (it leaves now or when the network is back), empties the field. */
  async #send(): Promise<void> {
    const ems = this.services?.ems;
    const threadId = this.threadId;
    if (this.busy || !ems || !this.thread) return;
    this.problem = '';
    const loading = validation.get();
    this.#validation = loading.catch(() => undefined);
    let checkEmsMessage: Awaited<typeof loading>['checkEmsMessage'];
    try {
      ({ checkEmsMessage } = await loading);
    } catch (error) {
      this.problem = moduleUnavailableMessage(error, this.locale) ?? String(error);
      return;
    }
    const parsed = checkEmsMessage({ id: 'x', threadId, body: this.body }, this.locale);
    if (parsed.body === undefined) {
      this.error = parsed.errors['body'] ?? '';
      this.#focus('#body');
      return;
    }
    this.error = '';
    this.busy = true;
    try {
      const messageId = await ems.send(threadId, parsed.body);
      this.body = '';
      this.counterAnnouncement = '';
      clearTimeout(this.#announceTimer);
      this.queuedOffline = this.connection !== 'online';
      this.dispatchEvent(new EmsMessageSentEvent({ threadId, messageId }));
      this.#focus('#body');
    } catch (error) {
      this.problem = this.#t('sendFailed', { reason: error instanceof Error ? error.message : String(error) });
    } finally {
      this.busy = false;
    }
  }

  #close(): void {
    this.dispatchEvent(new EmsThreadClosedEvent({ threadId: this.threadId }));
  }

  override render() {
    const t = this.#t;
    if (!this.services) return html`<div part="base"><p class="state">${t('noSession')}</p></div>`;
    const back = html`<button type="button" class="back" part="back" @click=${() => this.#close()}>${t('back')}</button>`;
    if (!this.#allowed) return html`<div part="base">${back}${this.#notAllowed(this.services.session, t)}</div>`;
    const ems = this.services.ems;
    return html`<section part="base" aria-labelledby="thread-title">
      ${back}
      ${this.thread === undefined
        ? html`<h2 part="heading" id="thread-title" class="visually-hidden">${t('kicker')}</h2>
            <p class="state">${t('loading')}</p>`
        : this.thread === null
          ? html`<h2 part="heading" id="thread-title" tabindex="-1">${t('notFoundTitle')}</h2>
              <p class="state">${t('notFound')}</p>`
          : html`${this.#header(this.thread, ems, t)} ${this.#messages(this.thread, ems, t)} ${this.#compose(t)}`}
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </section>`;
  }

  #notAllowed(session: Session, t: Translator): TemplateResult {
    const roleAllowed = EMS_ROLES.includes(session.user.role);
    return html`<div class="problem" role="note">
      ${session.user.strongAuth ? nothing : html`<p class="state">${t('cpsRequired')}</p>`}
      ${roleAllowed ? nothing : html`<p class="state">${t('roleRequired')}</p>`}
    </div>`;
  }

  #header(thread: LocalEmsThread, ems: EmsRepository, t: Translator): TemplateResult {
    return html`<header part="header">
      <p class="kicker">${t('kicker')}</p>
      <h2 part="heading" id="thread-title" tabindex="-1">${thread.subject}</h2>
      <dl>
        <div>
          <dt>${t('patient')}</dt>
          <dd class="patient">${thread.patientLastName.toUpperCase()} ${thread.patientFirstName}</dd>
        </div>
        <div>
          <dt>${t('nir')}</dt>
          <dd class="nir">${formatNir(thread.patientNir)}</dd>
        </div>
        ${ems.side === 'insurer'
          ? html`<div>
              <dt>${t('practitioner')}</dt>
              <dd class="practitioner">${thread.practitionerName || t('practitionerFallback')}</dd>
            </div>`
          : nothing}
      </dl>
    </header>`;
  }

  #messages(thread: LocalEmsThread, ems: EmsRepository, t: Translator): TemplateResult {
    const locale = this.locale;
    return html`<h3 id="messages-title" class="visually-hidden">${t('messagesTitle')}</h3>
      ${this.messages.length === 0
        ? html`<p class="empty">${t('empty')}</p>`
        : html`<ol part="messages" aria-labelledby="messages-title">
            ${this.messages.map((message) => {
              const own = message.author === ems.side;
              const at = message.sentAt || message.createdAt;
              const status = own ? this.#statusOf(message, thread, ems) : null;
              return html`<li class=${own ? 'own' : 'other'} part="message ${own ? 'own-message' : 'other-message'}" data-id=${message.id}>
                <article aria-labelledby=${`author-${message.id}`}>
                  <div class="meta">
                    <h4 class="author" id=${`author-${message.id}`}>${this.#authorOf(message, ems)}</h4>
                    <span class="visually-hidden">${t('writtenOn')} </span><time datetime=${at}>${formatDateTime(at, locale)}</time>
                  </div>
                  <p class="text">${message.body}</p>
                  ${status ? html`<p class="status ${status}"><span class="visually-hidden">${t('statusLabel')} </span>${t(status)}</p>` : nothing}
                </article>
              </li>`;
            })}
          </ol>`}`;
  }

  #compose(t: Translator): TemplateResult {
    const error = this.error;
    const count = this.body.length;
    const describedBy = ['body-counter', 'body-hint', error ? 'body-error' : ''].filter(Boolean).join(' ');
    return html`<form part="form compose" novalidate aria-labelledby="compose-title" @submit=${this.#submit}>
      <h3 id="compose-title" class="visually-hidden">${t('composeTitle')}</h3>
      <div class="field ${error ? 'invalid' : ''}" part="field">
        <label part="label" for="body">${t('body')}</label>
        <textarea
          part="input"
          id="body"
          name="body"
          rows="5"
          maxlength=${EMS_MESSAGE_MAX}
          .value=${this.body}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
        ></textarea>
        <div class="under">
          <p part="hint" class="hint" id="body-hint">${t('shortcut')}</p>
          <p class="hint counter" id="body-counter">${t('counter', { count, max: EMS_MESSAGE_MAX })}</p>
        </div>
        <p class="visually-hidden" role="status">${this.counterAnnouncement}</p>
        ${error ? html`<p part="error" class="field-error" id="body-error">${error}</p>` : nothing}
      </div>
      <div role="status">${this.queuedOffline ? html`<p class="offline">${t('queuedOffline')}</p>` : nothing}</div>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      <div class="actions">
        <button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${t('send')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ems-thread': EmsThread;
  }
}
