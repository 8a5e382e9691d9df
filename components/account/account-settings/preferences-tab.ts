import { html, type ReactiveController, type TemplateResult } from 'lit';
import type { AccountPreferences } from '../../../domain/account/account-schemas.ts';
import { toLocale } from '../../../domain/i18n/index.ts';
import type { AccountProfile } from '../../data/session/account-api.ts';
import { checkboxField, radioGroup } from '../../forms/form-fields.ts';
import type { AccountDataController } from './account-data.ts';
import { AccountPreferencesSavedEvent } from './account-settings.events.ts';
import { TabFeedback, type AccountSettingsHost, type Translator } from './account-settings-view.ts';

/** The technical support line of the guides, its number a link to call. */
function supportLine(t: Translator): TemplateResult {
  const [before, after] = t('supportLine').split('{phone}');
  return html`${before}<a href="tel:3608">3608</a>${after}`;
}

/** « Paramètres de compte »: the language and the insurer's e-mails (saved to the account), setting up the workstation, the technical support. */
export class PreferencesTabController implements ReactiveController {
  readonly #feedback: TabFeedback;

  constructor(
    private readonly host: AccountSettingsHost,
    private readonly data: AccountDataController,
  ) {
    this.#feedback = new TabFeedback(host);
    host.addController(this);
  }

  hostConnected(): void {}

  /** Every message gone. */
  reset(): void {
    this.#feedback.clear();
    this.host.requestUpdate();
  }

  async #save(event: SubmitEvent, t: Translator): Promise<void> {
    event.preventDefault();
    const account = this.host.services?.account;
    const profile = this.data.profile;
    if (!account || !profile) return;
    const data = new FormData(event.target as HTMLFormElement);
    const wanted: AccountPreferences = { locale: toLocale(String(data.get('locale') ?? profile.preferences.locale)), emailCommunications: data.get('emailCommunications') === 'true' };
    let saved: AccountPreferences | null = null;
    await this.#feedback.run(async () => {
      saved = await account.savePreferences(wanted);
      this.data.keepPreferences(saved);
      return t('saved');
    });
    // Once the notice is shown: a listener finds the page saying so.
    if (saved) this.host.dispatchEvent(new AccountPreferencesSavedEvent(saved));
  }

  /** The tab's notice or problem, above its content. */
  messages(t: Translator): TemplateResult {
    return this.#feedback.render(t);
  }

  render(profile: AccountProfile, t: Translator): TemplateResult {
    return html`<section class="block" aria-labelledby="settings-title">
        <h4 id="settings-title">${t('settingsTitle')}</h4>
        <form part="form" novalidate aria-labelledby="settings-title" @submit=${(event: SubmitEvent) => this.#save(event, t)}>
          ${radioGroup({
            name: 'locale',
            label: t('language'),
            value: profile.preferences.locale,
            choices: [
              { value: 'fr', label: 'Français' },
              { value: 'en', label: 'English' },
            ],
          })}
          ${checkboxField({ name: 'emailCommunications', label: t('emailCommunications'), checked: profile.preferences.emailCommunications })}
          <div class="actions"><button part="button primary" type="submit" class="primary" ?disabled=${this.#feedback.busy}>${this.#feedback.busy ? t('sending') : t('save')}</button></div>
        </form>
      </section>
      <section class="block" aria-labelledby="configure-title">
        <h4 id="configure-title">${t('configureTitle')}</h4>
        <p>${t('configureIntro')}</p>
        <ul>
          <li>${t('configureSoftware')}</li>
          <li>${t('configureEquipment')}</li>
        </ul>
        <p>${t('configureCards')}</p>
        <p class="muted">${t('configureHelp')}</p>
        <p>${t('configureProblem')}</p>
      </section>
      <section class="block" aria-labelledby="support-title">
        <h4 id="support-title">${t('supportTitle')}</h4>
        <p>${supportLine(t)}</p>
      </section>`;
  }
}
