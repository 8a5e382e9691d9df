import { consume } from '@lit/context';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ficheStatusLabel, type FicheStatus } from '../../../domain/fiche/fiche-status.ts';
import { formatDate, formatDateTime } from '../../../domain/validation/dates.ts';
import { formatNir } from '../../../domain/identifiers/nir.ts';
import { SubscriptionsController } from '../../controllers/subscriptions-controller.ts';
import type { LocalFiche } from '../../data/fiches/fiche-collection-schema.ts';
import type { SyncJournalEntry } from '../../data/sync/sync-journal-schema.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator, type Translate } from '../../i18n/messages.ts';
import { tableStyles } from '../../styles/table-styles.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { PatientOpenRequestEvent } from '../contact-covid-patient-list/contact-covid-patient-list.events.ts';
import { ContactCreateRequestEvent, PatientEditRequestEvent, PatientListRequestEvent } from './contact-covid-patient-file.events.ts';
import { patientFileMessages } from './contact-covid-patient-file.messages.ts';
import { patientFileStyles } from './contact-covid-patient-file.styles.ts';
import { printPaperContactForm } from './paper-contact-form.ts';

type T = Translate<typeof patientFileMessages.fr>;

/**
 * A Contact COVID file: identity, status with "Depuis le …", declarant, MODIFIER; for a patient
 * zéro its contacts (PATIENT, DÉCLARANT, RÉCEPTION, ÉTAT, DEPUIS), AJOUTER PERSONNE CONTACT and
 * the paper "Formulaire de contact" to print for the patient; RETOUR À LA LISTE. A contact's file
 * says whether a mask was delivered and when the sample was taken. Live: it follows the local
 * database, so changes from the sync appear as they arrive; a version the server refused shows
 * the refusal, never the status it would have had.
 *
 * @summary One file with its status and contacts.
 *
 * @csspart identity - The identity block.
 * @csspart contacts - The contacts table.
 * @csspart heading - The title(s).
 * @csspart table - Each table (the contacts table is also `contacts`).
 * @csspart row - Each row of the table body.
 * @csspart hint - Each help text under a field.
 * @csspart notice - The host's confirmation (`notice`).
 * @csspart error - What could not be loaded or done.
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @cssproperty --contact-covid-patient-file-background - Background of the identity block. Defaults to `--ts-color-surface`.
 *
 * @fires patient-edit-request - MODIFIER; `detail: {id, kind}`.
 * @fires contact-create-request - AJOUTER PERSONNE CONTACT; `detail: {indexCaseId}`.
 * @fires patient-open-request - A contact (or the patient zéro of a contact) was chosen; `detail: {id, kind}`.
 * @fires patient-list-request - RETOUR À LA LISTE.
 */
@customElement('contact-covid-patient-file')
export class ContactCovidPatientFile extends LocalizedElement {
  static override styles = [baseStyles, formStyles, tableStyles, patientFileStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  @property({ attribute: 'fiche-id' }) ficheId = '';

  /** A confirmation the host shows above the file, e.g. the form's words after a save (`contact-saved`'s `message`). */
  @property() notice = '';

  @state() private fiche: LocalFiche | null = null;
  @state() private loaded = false;
  @state() private contacts: readonly LocalFiche[] = [];
  @state() private indexCase: LocalFiche | null = null;
  @state() private syncEntry: SyncJournalEntry | null = null;
  @state() private printMessage = '';

  readonly #live = new SubscriptionsController(
    this,
    () => [this.services, this.ficheId],
    () => {
      this.fiche = null;
      this.loaded = false;
      this.contacts = [];
      const services = this.services;
      if (!services || !this.ficheId) return [];
      return [
        services.fiches.get$(this.ficheId).subscribe((fiche) => {
          this.fiche = fiche;
          this.loaded = true;
        }),
        services.fiches.contactsOf$(this.ficheId).subscribe((contacts) => (this.contacts = contacts.filter((c) => c.id !== this.ficheId))),
        services.journal.entry$('fiches', this.ficheId).subscribe((entry) => (this.syncEntry = entry)),
      ];
    },
  );

  /** The patient zéro of a contact, followed once the contact is known. */
  readonly #indexCaseLive = new SubscriptionsController(
    this,
    () => [this.services, this.fiche?.indexCaseId ?? ''],
    () => {
      this.indexCase = null;
      const id = this.fiche?.indexCaseId;
      return this.services && id ? [this.services.fiches.get$(id).subscribe((index) => (this.indexCase = index))] : [];
    },
  );

  #declarant(fiche: LocalFiche, t: T): string {
    return !fiche.declarantId || fiche.declarantId === this.services?.session.user.id ? t('yourself') : t('otherDeclarant');
  }

  #print(fiche: LocalFiche, t: T): void {
    const win = printPaperContactForm(fiche, this.locale);
    this.printMessage = win ? '' : t('popupBlocked');
  }

  #contactRow(contact: LocalFiche, t: T) {
    const name = `${contact.lastName.toUpperCase()} ${contact.firstName}`.trim();
    return html`<tr part="row">
      <td>
        <button part="button" type="button" class="open" aria-label=${t('open', { name })} @click=${() => this.dispatchEvent(new PatientOpenRequestEvent({ id: contact.id, kind: contact.kind }))}>
          ${name}
        </button>
      </td>
      <td>${this.#declarant(contact, t)}</td>
      <td>${contact.createdAt ? formatDateTime(contact.createdAt, this.locale) : t('notSent')}</td>
      <td>${ficheStatusLabel(contact.status as FicheStatus, this.locale)}</td>
      <td>${contact.statusSince ? formatDateTime(contact.statusSince, this.locale) : '—'}</td>
    </tr>`;
  }

  override render() {
    const t = translator(patientFileMessages, this.locale);
    if (!this.services) return html`<p>${t('noSession')}</p>`;
    if (!this.loaded) return html`<p role="status">${t('loading')}</p>`;
    const fiche = this.fiche;
    if (!fiche) return html`<p role="status">${t('notFound')}</p>`;
    const name = `${fiche.lastName.toUpperCase()} ${fiche.firstName}`.trim();
    const isP0 = fiche.kind === 'patient_zero';
    const indexName = this.indexCase ? `${this.indexCase.lastName.toUpperCase()} ${this.indexCase.firstName}`.trim() : '';

    const refused = this.syncEntry?.state === 'refused';
    const answer = (value: boolean | undefined) => (value === true ? t('yes') : value === false ? t('no') : t('notGiven'));

    return html`
      ${refused ? html`<p part="error" class="field-error" role="alert">${t('refused', { reason: this.syncEntry!.reason })}</p>` : nothing}
      ${this.notice && !refused ? html`<p part="notice" class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.syncEntry?.state === 'pending' ? html`<p part="hint" class="hint" role="status">${t('pending')}</p>` : nothing}
      <section part="identity" class="identity" aria-labelledby="file-title">
        <div>
          <p class="kind">${isP0 ? t('patientZero') : t('contact')}</p>
          <h2 part="heading" id="file-title">${name}</h2>
          <dl>
            ${fiche.nir ? html`<dt>${t('nir')}</dt><dd>${formatNir(fiche.nir)}</dd>` : nothing}
            ${fiche.birthDate ? html`<dt>${t('birthDate')}</dt><dd>${formatDate(fiche.birthDate, this.locale)}</dd>` : nothing}
            <dt>${t('address')}</dt>
            <dd>${[fiche.address, `${fiche.postcode ?? ''} ${fiche.commune ?? ''}`.trim()].filter(Boolean).join(', ')}</dd>
            ${!isP0 ? html`<dt>${t('maskDelivered')}</dt><dd class="mask">${answer(fiche.maskDelivered)}</dd>` : nothing}
            ${fiche.samplingDate ? html`<dt>${t('samplingDate')}</dt><dd>${formatDate(fiche.samplingDate, this.locale)}</dd>` : nothing}
            ${!isP0 || indexName
              ? html`<dt>${t('indexCase')}</dt>
                  <dd>
                    ${indexName
                      ? html`<button part="button" type="button" class="open" @click=${() => this.dispatchEvent(new PatientOpenRequestEvent({ id: this.indexCase!.id, kind: this.indexCase!.kind }))}>${indexName}</button>`
                      : '—'}
                  </dd>`
              : nothing}
          </dl>
        </div>
        <div>
          <dl>
            <dt>${t('status')}</dt>
            <dd class="status">${refused ? t('notSaved') : ficheStatusLabel(fiche.status as FicheStatus, this.locale)}</dd>
            <dt><span class="visually-hidden">${t('status')}</span></dt>
            <dd class="since">
              ${refused
                ? fiche.updatedAt
                  ? t('lastAccepted', { date: formatDateTime(fiche.updatedAt, this.locale) })
                  : t('neverAccepted')
                : fiche.statusSince
                  ? t('since', { date: formatDateTime(fiche.statusSince, this.locale) })
                  : t('notSent')}
            </dd>
            <dt>${t('declarant')}</dt>
            <dd>${this.#declarant(fiche, t)}</dd>
          </dl>
          <p><button part="button primary" type="button" class="primary" name="edit" @click=${() => this.dispatchEvent(new PatientEditRequestEvent({ id: fiche.id, kind: fiche.kind }))}>${t('edit')}</button></p>
        </div>
      </section>
      ${isP0
        ? html`<section class="contacts" aria-labelledby="contacts-title">
            <header>
              <h3 id="contacts-title">${t('contacts')}</h3>
              <div class="buttons">
                <button part="button" type="button" name="paper-form" @click=${() => this.#print(fiche, t)}>${t('paperForm')}</button>
                <button part="button primary" type="button" class="primary" name="add-contact" @click=${() => this.dispatchEvent(new ContactCreateRequestEvent({ indexCaseId: fiche.id }))}>
                  ${t('addContact')}
                </button>
              </div>
            </header>
            ${this.printMessage ? html`<p part="error" class="field-error" role="alert">${this.printMessage}</p>` : nothing}
            <table part="table contacts">
              <thead>
                <tr>
                  <th scope="col">${t('colPatient')}</th>
                  <th scope="col">${t('colDeclarant')}</th>
                  <th scope="col">${t('colReception')}</th>
                  <th scope="col">${t('colStatus')}</th>
                  <th scope="col">${t('colSince')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.contacts.length === 0 ? html`<tr part="row"><td colspan="5">${t('noContact')}</td></tr>` : this.contacts.map((c) => this.#contactRow(c, t))}
              </tbody>
            </table>
          </section>`
        : nothing}
      <p class="back"><button part="button" type="button" name="back" @click=${() => this.dispatchEvent(new PatientListRequestEvent())}>${t('backToList')}</button></p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'contact-covid-patient-file': ContactCovidPatientFile;
  }
}
