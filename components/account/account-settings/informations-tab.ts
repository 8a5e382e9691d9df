import { html, type TemplateResult } from 'lit';
import { ACCOUNT_KIND_LABELS } from '../../../domain/account/account-schemas.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import { ROLE_LABELS } from '../../../domain/roles.ts';
import type { AccountProfile } from '../../data/session/account-api.ts';
import { labelIn, row, type Translator } from './account-settings-view.ts';

/**
 * « Informations professionnelles »: who the user is, then each place of practice. Read only: an
 * error is reported to the insurer office (`reportError`, with the first place's office code).
 */
export function informationsTab(profile: AccountProfile, t: Translator, locale: Locale, reportError: (office: string) => void): TemplateResult {
  return html`<section class="block" aria-labelledby="identity-title">
      <h4 id="identity-title">${`${profile.civility} ${profile.firstName} ${profile.lastName}`.trim()}</h4>
      <dl>
        ${row(t('civility'), profile.civility, t)} ${row(t('lastName'), profile.lastName, t)} ${row(t('firstName'), profile.firstName, t)}
        ${row(t('role'), labelIn(ROLE_LABELS, profile.role, locale), t)} ${row(t('specialty'), profile.specialty, t)} ${row(t('rpps'), profile.rpps, t)}
        ${row(t('accountKind'), labelIn(ACCOUNT_KIND_LABELS, profile.accountKind, locale), t)}
      </dl>
    </section>
    ${profile.structures.length === 0
      ? html`<p class="muted">${t('noPlace')}</p>`
      : profile.structures.map(
          (place, index) => html`<section class="block" aria-labelledby=${`place-${index}-title`}>
            <h4 id=${`place-${index}-title`}>${t('place', { name: place.name })}</h4>
            <dl>
              ${row(t('placeNumber'), place.number, t)} ${row(t('street'), place.street, t)} ${row(t('postcode'), place.postcode, t)}
              ${row(t('commune'), place.commune, t)} ${row(t('insurerOffice'), place.insurerOffice?.label, t)}
            </dl>
          </section>`,
        )}
    <p class="report-error">
      ${t('reportErrorText')}
      <button part="button" type="button" name="report-error" @click=${() => reportError(profile.structures[0]?.insurerOffice?.code ?? '')}>${t('reportError')}</button>
    </p>`;
}
