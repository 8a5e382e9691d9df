import { consume } from '@lit/context';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { combineLatest, map, of, switchMap } from 'rxjs';
import { DIAGNOSIS_LABELS, SYMPTOMS_LABELS } from '../../../domain/fiche/vocabulary.ts';
import { ficheFieldLabel } from '../../../domain/fiche/field-labels.ts';
import { formatDate } from '../../../domain/validation/dates.ts';
import { formatNir } from '../../../domain/identifiers/nir.ts';
import { formatPhone } from '../../../domain/identifiers/contact-details.ts';
import { ficheStatusLabel, isFicheStatus } from '../../../domain/fiche/fiche-status.ts';
import type { Role } from '../../../domain/roles.ts';
import { SubscriptionsController } from '../../controllers/subscriptions-controller.ts';
import type { LocalFiche } from '../../data/fiches/fiche-collection-schema.ts';
import type { SyncJournalEntry } from '../../data/sync/sync-journal-schema.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { colon, translator, type Translate } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { syncIssuesMessages } from './teleservices-sync-issues.messages.ts';
import { syncIssuesStyles } from './teleservices-sync-issues.styles.ts';

interface Issue {
  readonly entry: SyncJournalEntry;
  readonly fiche: LocalFiche | null;
}

/**
 * What the sync could not settle alone, file by file: the files the server refused (its
 * reason, the fields at fault; the version stays on the device) and the files changed elsewhere
 * at the same time (for each field both sides changed: this device's value and the one kept,
 * with "Reprendre ma saisie" to apply it again). Nothing is ever dropped silently.
 *
 * @summary The refused files and the same-field conflicts, with what to do about them.
 *
 * @csspart issue - One refused or conflicting file.
 * @csspart heading - The title(s).
 * @csspart table - Each file's table of fields (this device's value, the one kept).
 * @csspart row - Each field of those tables.
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - « Reprendre ma saisie ».
 *
 * @cssproperty --teleservices-sync-issues-accent - Left border of each file. Defaults to `--ts-color-error`.
 *
 * @fires sync-issue-resolved - The user settled an issue; `detail: {documentId, action: 'reapply' | 'dismiss'}`.
 */
@customElement('teleservices-sync-issues')
export class TeleservicesSyncIssues extends LocalizedElement {
  static override styles = [baseStyles, syncIssuesStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  @state() private issues: readonly Issue[] = [];
  @state() private failure = '';

  readonly #live = new SubscriptionsController(
    this,
    () => [this.services],
    () => {
      const services = this.services;
      this.issues = [];
      if (!services) return [];
      return [
        services.journal
          .entries$()
          .pipe(
            map((entries) => entries.filter((e) => e.state === 'refused' || e.conflicts.length > 0)),
            switchMap((entries) =>
              entries.length === 0
                ? of([] as Issue[])
                : combineLatest(entries.map((entry) => services.fiches.get$(entry.documentId).pipe(map((fiche) => ({ entry, fiche }))))),
            ),
          )
          .subscribe((issues) => (this.issues = issues)),
      ];
    },
  );

  async #dismiss(entry: SyncJournalEntry): Promise<void> {
    await this.services?.journal.dismiss(entry.collectionName, entry.documentId);
    this.dispatchEvent(new CustomEvent('sync-issue-resolved', { detail: { documentId: entry.documentId, action: 'dismiss' }, bubbles: true, composed: true }));
  }

  async #reapply(entry: SyncJournalEntry, field: string, local: string): Promise<void> {
    const services = this.services;
    if (!services) return;
    const t = translator(syncIssuesMessages, this.locale);
    const result = await services.fiches.applyValue(entry.documentId, field, JSON.parse(local), services.session.user.role as Role, this.locale);
    if (!result.ok) {
      this.failure = t('reapplyFailed', { reason: result.issues.map((i) => i.message).join(' ') });
      return;
    }
    this.failure = '';
    this.dispatchEvent(new CustomEvent('sync-issue-resolved', { detail: { documentId: entry.documentId, action: 'reapply' }, bubbles: true, composed: true }));
  }

  #value(field: string, json: string, t: Translate<typeof syncIssuesMessages.fr>): string {
    const value: unknown = JSON.parse(json);
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('empty');
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    const en = this.locale === 'en';
    if (field === 'diagnosis' && typeof value === 'string' && value in DIAGNOSIS_LABELS) return DIAGNOSIS_LABELS[value as keyof typeof DIAGNOSIS_LABELS][en ? 'en' : 'fr'];
    if (field === 'symptoms' && typeof value === 'string' && value in SYMPTOMS_LABELS) return SYMPTOMS_LABELS[value as keyof typeof SYMPTOMS_LABELS][en ? 'en' : 'fr'];
    if (field === 'status' && isFicheStatus(value)) return ficheStatusLabel(value, this.locale);
    if (field === 'phone' && typeof value === 'string') return formatPhone(value);
    if (field === 'nir' && typeof value === 'string') return formatNir(value);
    if (/Date$/.test(field) && typeof value === 'string') return formatDate(value, this.locale);
    return Array.isArray(value) ? value.join(', ') : String(value);
  }

  #renderIssue({ entry, fiche }: Issue, t: Translate<typeof syncIssuesMessages.fr>) {
    const name = fiche ? `${fiche.lastName.toUpperCase()} ${fiche.firstName}`.trim() : t('unknownFile', { id: entry.documentId });
    const headingId = `issue-${entry.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    if (entry.state === 'refused' && entry.conflicts.length === 0) {
      return html`
        <section part="issue" class="issue refused" aria-labelledby=${headingId}>
          <h3 id=${headingId}>${t('refusedTitle')}${colon(this.locale)}${name}</h3>
          <p class="reason">${entry.reason}</p>
          ${entry.issues.length > 0 || entry.fields.length > 0
            ? html`<ul>
                ${entry.issues.length > 0
                  ? entry.issues.map((i) => html`<li>${ficheFieldLabel(i.field, this.locale)}${colon(this.locale)}${i.message}</li>`)
                  : entry.fields.map((f) => html`<li>${ficheFieldLabel(f, this.locale)}</li>`)}
              </ul>`
            : nothing}
          <p>${t('refusedHelp')}</p>
          <div class="actions"><button part="button" type="button" @click=${() => this.#dismiss(entry)}>${t('dismiss')}</button></div>
        </section>
      `;
    }
    return html`
      <section part="issue" class="issue conflict" aria-labelledby=${headingId}>
        <h3 id=${headingId}>${t('conflictTitle')}${colon(this.locale)}${name}</h3>
        <p>${t('conflictHelp')}</p>
        <table part="table">
          <thead>
            <tr>
              <th scope="col">${t('field')}</th>
              <th scope="col">${t('yours')}</th>
              <th scope="col">${t('kept')}</th>
              <th scope="col"><span class="visually-hidden">${t('reapply')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${entry.conflicts.map(
              (c) => html`
                <tr part="row">
                  <th scope="row">${ficheFieldLabel(c.field, this.locale)}</th>
                  <td class="local">${this.#value(c.field, c.local, t)}</td>
                  <td class="remote">${this.#value(c.field, c.remote, t)}</td>
                  <td>
                    <button part="button primary" type="button" class="primary" aria-label=${`${t('reapply')}${colon(this.locale)}${ficheFieldLabel(c.field, this.locale)}`} @click=${() => this.#reapply(entry, c.field, c.local)}>
                      ${t('reapply')}
                    </button>
                  </td>
                </tr>
              `,
            )}
          </tbody>
        </table>
        <div class="actions"><button part="button" type="button" @click=${() => this.#dismiss(entry)}>${t('keep')}</button></div>
      </section>
    `;
  }

  override render() {
    const t = translator(syncIssuesMessages, this.locale);
    return html`
      <h2 part="heading">${t('title')}</h2>
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      ${this.issues.length === 0 ? html`<p class="none">${t('none')}</p>` : this.issues.map((issue) => this.#renderIssue(issue, t))}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'teleservices-sync-issues': TeleservicesSyncIssues;
  }
}
