import { consume } from '@lit/context';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SubscriptionsController } from '../../controllers/subscriptions-controller.ts';
import type { SyncStatus } from '../../data/sync/sync-status.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { pluralCategory, translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { syncStatusMessages } from './teleservices-sync-status.messages.ts';
import { syncStatusStyles } from './teleservices-sync-status.styles.ts';

/**
 * The sync state in a few words, for a top bar: online or offline, how many changes wait to be
 * sent, how many files the server refused or were changed elsewhere at the same time, and the
 * reason of an error. Announced politely to screen readers when it changes.
 *
 * @summary Online / offline / N changes waiting / error with its reason.
 *
 * @csspart status - The wrapper of the state.
 *
 * @cssproperty --teleservices-sync-status-font-size - Text size. Defaults to `--ts-font-size-s`.
 * @cssproperty --teleservices-sync-status-online-color - Colour of the online mark. Defaults to `--ts-color-success`.
 * @cssproperty --teleservices-sync-status-offline-color - Colour of the offline mark. Defaults to `--ts-color-grey-700`.
 * @cssproperty --teleservices-sync-status-error-color - Colour of the error mark. Defaults to `--ts-color-error`.
 */
@customElement('teleservices-sync-status')
export class TeleservicesSyncStatus extends LocalizedElement {
  static override styles = [baseStyles, syncStatusStyles];

  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;

  /** The current status (null before the first one arrives). */
  @state() status: SyncStatus | null = null;

  readonly #live = new SubscriptionsController(
    this,
    () => [this.services],
    () => {
      this.status = null;
      return this.services ? [this.services.syncStatus$.subscribe((status) => (this.status = status))] : [];
    },
  );

  override render() {
    const t = translator(syncStatusMessages, this.locale);
    const status = this.status;
    if (!this.services || !status) {
      return html`<span part="status" class="status" role="status" data-connection="unknown"><span class="dot"></span>${this.services ? t('unknown') : t('noSession')}</span>`;
    }
    const count = (key: 'pending' | 'refused' | 'conflicts', n: number) => t(`${key}.${pluralCategory(this.locale, n)}`, { count: n });
    const connection = status.connection === 'unknown' ? t('unknown') : t(status.connection);
    const allClear = status.refused === 0 && status.conflicts === 0;
    const detail =
      status.pending > 0
        ? count('pending', status.pending)
        : status.connection === 'online' && allClear
          ? t('upToDate')
          : status.connection === 'offline'
            ? t('offlineNothingWaiting')
            : '';
    return html`
      <span part="status" class="status" role="status" data-connection=${status.connection}>
        <span class="dot"></span>
        <span class="connection">${connection}</span>
        ${detail ? html`<span class="pending">${detail}</span>` : nothing}
        ${status.connection === 'error' && status.error ? html`<span class="problem reason">${status.error}</span>` : nothing}
        ${status.refused > 0 ? html`<span class="problem refused">${count('refused', status.refused)}</span>` : nothing}
        ${status.conflicts > 0 ? html`<span class="problem conflicts">${count('conflicts', status.conflicts)}</span>` : nothing}
      </span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'teleservices-sync-status': TeleservicesSyncStatus;
  }
}
