import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Locale } from '../../../domain/i18n/index.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { TeleservicesServices } from '../../data/teleservices-context.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { accountSettingsMessages } from './account-settings.messages.ts';

/** What the tabs' controllers need of `<account-settings>`. */
export interface AccountSettingsHost extends ReactiveControllerHost, EventTarget {
  readonly services: TeleservicesServices | undefined;
  readonly locale: Locale;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export type Translator = Translate<(typeof accountSettingsMessages)['fr']>;

export function labelIn(labels: Readonly<Record<string, { fr: string; en: string }>>, key: string, locale: Locale): string {
  return labels[key]?.[locale] ?? key;
}

/** A failure as the page says it: no network in the page's words, else the server's message. */
export function problemText(problem: unknown, t: Translator): string {
  if (problem instanceof ApiRequestError) return problem.kind === 'offline' ? t('offline') : problem.message;
  return problem instanceof Error ? problem.message : String(problem);
}

/** A term and its value (text, or a template such as a link), « Non renseigné » when there is none. */
export function row(label: string, value: unknown, t: Translator): TemplateResult {
  const template = typeof value === 'object' && value !== null && '_$litType$' in value;
  const shown = template || (typeof value === 'string' && value.trim() !== '') ? value : t('notProvided');
  return html`<div><dt>${label}</dt><dd>${shown}</dd></div>`;
}

/** A phone number as a link to call it; '' when there is none. */
export function phoneLink(phone: string | undefined): TemplateResult | '' {
  return phone ? html`<a href=${`tel:${phone.replace(/\s/g, '')}`}>${phone}</a>` : '';
}

/** Moves the focus to `selector` once the host has rendered. */
export function focusAfterUpdate(host: AccountSettingsHost, selector: string): void {
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
}

/** A tab's notice and problem above its content, and whether one of its requests is running. */
export class TabFeedback {
  notice = '';
  problem: unknown = null;
  busy = false;

  constructor(private readonly host: ReactiveControllerHost) {}

  clear(): void {
    this.notice = '';
    this.problem = null;
  }

  /** Runs a request: busy meanwhile, what it answers as the notice, its failure as the problem. */
  async run(request: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.clear();
    this.host.requestUpdate();
    try {
      this.notice = await request();
    } catch (error) {
      this.problem = error;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  render(t: Translator): TemplateResult {
    return html`${this.notice ? html`<p class="status-message" role="status" tabindex="-1">${this.notice}</p>` : nothing}
    ${this.problem ? html`<p class="problem" role="alert">${problemText(this.problem, t)}</p>` : nothing}`;
  }
}
