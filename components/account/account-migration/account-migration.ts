import { css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AccountMigrationState, MigrationAccountKind } from '../../../domain/account/account-migration.ts';
import { OnDemand } from '../../data/on-demand.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { AccountMigrationService } from '../../data/session/account-api.ts';
import { radioGroup, textField } from '../../forms/form-fields.ts';
import { formStyles } from '../../forms/form-styles.ts';
import { moduleUnavailableMessage } from '../../forms/on-demand-failure.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { translator } from '../../i18n/messages.ts';
import { surfaceStyles } from '../../styles/surface-styles.ts';
import { baseStyles, token } from '../../styles/tokens.ts';
import { AccountMigrationChosenEvent, AccountMigrationClosedEvent } from './account-migration.events.ts';
import { accountMigrationMessages } from './account-migration.messages.ts';

type Field = 'accountKind' | 'email';

/** The shared schema's check, loaded with the first send: valibot stays out of the page's first load. */
const validation = new OnDemand(() => import('./account-migration-validation.ts'));

/**
 * « Migration vers les nouveaux comptes » (pharmacists' guide): the modal dialog a former pharmacy
 * or laboratory account sees at its next sign-in. Situation 2 (a password sign-in, no
 * administrative account known): it presents the two kinds of accounts and asks which one the
 * account becomes, with the address it will use (prefilled; the guide's advice under it); it
 * cannot be dismissed before — the server refuses everything else until then. Then, and in
 * situations 1 and 3 (migrated automatically), it says what changed: how one signs in now, what
 * is kept, the other kind of account that may be created. « Continuer » closes it for good.
 *
 * @summary A former pharmacy or laboratory account: choose its kind, then what changed.
 *
 * @csspart dialog - The modal dialog.
 * @csspart heading - The title.
 * @csspart form - The choice's form.
 * @csspart field - Each labelled field (label, control, hint, error).
 * @csspart label - Each field's label.
 * @csspart input - Each input and radio button.
 * @csspart hint - Each help text under a field.
 * @csspart error - Each error message (next to its field, or the element's own).
 * @csspart notice - The server's confirmation (a new address's link sent).
 * @csspart button - Every button (also `primary` for the main action).
 * @csspart primary - The main action's button.
 *
 * @fires account-migration-chosen - Situation 2: the kind was chosen and the account migrated (`detail.accountMigration`).
 * @fires account-migration-closed - « Continuer »: what changed was read (`detail.accountKind`, the kind now); the server remembers it.
 */
@customElement('account-migration')
export class AccountMigration extends LocalizedElement {
  static override styles = [
    baseStyles,
    formStyles,
    surfaceStyles,
    css`
      h2 {
        margin-top: 0;
        color: ${token('color-primary')};
      }
      ul {
        padding-left: 1.2em;
      }
    `,
  ];

  /** The signed-in user's account API (the provider passes it). */
  @property({ attribute: false }) api: AccountMigrationService | null = null;

  /** `user.accountMigration` of the session: the choice to make, or the migration to explain. */
  @property({ attribute: false }) migration: AccountMigrationState | null = null;

  /** The structure's name (« Laboratoire des Coteaux »). */
  @property({ attribute: 'structure-name' }) structureName = '';

  /** The structure's AM or FINESS number. */
  @property({ attribute: 'structure-number' }) structureNumber = '';

  /** The account's current address, prefilled in the choice. */
  @property() email = '';

  @state() private accountKind: MigrationAccountKind | '' = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private error = '';
  @state() private busy = false;
  /** The server's confirmation of the choice (a new address's link sent). */
  @state() private confirmation = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  /** The schema's module loading for a send; `updateComplete` waits for it, so that a send's errors are shown when it resolves. */
  #validation: Promise<unknown> = Promise.resolve();

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#validation;
    return super.getUpdateComplete();
  }

  protected override firstUpdated(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }

  async #choose(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    const form = { accountKind: String(data.get('accountKind') ?? ''), email: String(data.get('email') ?? '').trim() };
    this.error = '';
    const loading = validation.get();
    this.#validation = loading.catch(() => undefined);
    let checkMigrationChoice: Awaited<typeof loading>['checkMigrationChoice'];
    try {
      ({ checkMigrationChoice } = await loading);
    } catch (error) {
      // The check could not be fetched (offline before it was cached): said here, the choice kept, tried again at the next send.
      this.error = moduleUnavailableMessage(error, this.locale) ?? String(error);
      return this.#focusError();
    }
    const checked = checkMigrationChoice(form, this.locale);
    if (!checked.output) {
      this.errors = checked.errors;
      return this.#focusError();
    }
    this.errors = {};
    this.busy = true;
    try {
      const answer = await this.api!.chooseMigration({ ...checked.output, email: checked.output.email.toLowerCase() === this.email.toLowerCase() ? '' : checked.output.email });
      if (answer.accountMigration.status !== 'migrated') return;
      this.confirmation = answer.message;
      this.migration = answer.accountMigration;
      this.dispatchEvent(new AccountMigrationChosenEvent({ accountMigration: answer.accountMigration }));
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[name="continue"]')?.focus());
    } catch (error) {
      this.#refused(error);
    } finally {
      this.busy = false;
    }
  }

  #refused(error: unknown): void {
    const fields = error instanceof ApiRequestError ? (error.body['fields'] as Partial<Record<Field, string>> | undefined) : undefined;
    if (fields) this.errors = fields;
    else this.error = error instanceof ApiRequestError && error.kind === 'offline' ? translator(accountMigrationMessages, this.locale)('unreachable') : String((error as Error).message ?? error);
    this.#focusError();
  }

  #focusError(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"], [role="alert"]')?.focus());
  }

  #close(): void {
    if (this.migration?.status !== 'migrated') return;
    // Remembered on the server; offline, the explanation simply shows again next time.
    void this.api?.acknowledgeMigration().catch(() => undefined);
    this.dialog.close();
    this.dispatchEvent(new AccountMigrationClosedEvent({ accountKind: this.migration.accountKind }));
  }

  #cancel(event: Event): void {
    // Escape: refused while the kind is to choose; afterwards it is « Continuer ».
    event.preventDefault();
    this.#close();
  }

  override render() {
    const body = this.migration?.status === 'migrated' ? this.#explanation(this.migration) : this.#choice();
    return html`<dialog part="dialog" aria-labelledby="migration-title" @cancel=${this.#cancel}>${body}</dialog>`;
  }

  #choice() {
    const t = translator(accountMigrationMessages, this.locale);
    const hint = this.accountKind === 'administratif' ? t('emailHintAdministrative') : this.accountKind === 'responsable' ? t('emailHintManager') : t('emailHint');
    return html`<h2 part="heading" id="migration-title">${t('choiceTitle')}</h2>
      <p>${t('choiceIntro', { structure: this.structureName })}</p>
      <ul>
        <li>${t('administrativeDescription', { number: this.structureNumber })}</li>
        <li>${t('managerDescription', { number: this.structureNumber })}</li>
      </ul>
      <p>${t('choiceKept')}</p>
      ${this.error ? html`<p part="error" class="field-error" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      <form
        part="form"
        novalidate
        @submit=${this.#choose}
        @change=${(e: Event) => {
          const target = e.target as HTMLInputElement;
          if (target.name === 'accountKind') this.accountKind = target.value as MigrationAccountKind;
        }}
      >
        ${radioGroup({
          name: 'accountKind',
          label: t('accountKind'),
          value: this.accountKind,
          required: true,
          error: this.errors.accountKind,
          choices: [
            { value: 'administratif', label: t('administratif') },
            { value: 'responsable', label: t('responsable') },
          ],
        })}
        ${textField({ name: 'email', label: t('email'), value: this.email, type: 'email', autocomplete: 'email', hint, error: this.errors.email })}
        <div class="actions"><button part="button primary" type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('choosing') : t('choose')}</button></div>
      </form>`;
  }

  #explanation(migration: AccountMigrationState & { status: 'migrated' }) {
    const t = translator(accountMigrationMessages, this.locale);
    const values = { structure: this.structureName, number: this.structureNumber };
    const why = migration.situation === 1 ? t('why1') : migration.situation === 3 ? t('why3', values) : migration.accountKind === 'administratif' ? t('why2administratif', values) : t('why2responsable');
    const changes = migration.accountKind === 'administratif' ? [t('administrativeNoCard', values), t('administrativeMayCreate')] : [t('managerNoNumber', values), t('managerMayCreate', values)];
    return html`<h2 part="heading" id="migration-title">${t('doneTitle')}</h2>
      <p>${why}</p>
      <ul>
        ${changes.map((change) => html`<li>${change}</li>`)}
      </ul>
      <p>${t('kept')}</p>
      ${this.confirmation ? html`<p part="notice" class="notice" role="status">${this.confirmation}</p>` : nothing}
      <p>${t('emailed')}</p>
      <div class="actions"><button part="button primary" type="button" class="primary" name="continue" autofocus @click=${this.#close}>${t('continue')}</button></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-migration': AccountMigration;
  }
}
