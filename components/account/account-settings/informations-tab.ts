import { html, nothing, type TemplateResult } from 'lit';
import { ACCOUNT_KIND_LABELS } from '../../../domain/account/account-vocabulary.ts';
import { RADIO_APPROVAL, type DirectoryTerm } from '../../../domain/account/account-answers.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import { ROLE_LABELS } from '../../../domain/roles.ts';
import type { AccountPlace, AccountProfile } from '../../data/session/account-api.ts';
import { labelIn, phoneLink, row, type Translator } from './account-settings-view.ts';

/**
 * « Informations professionnelles », as the guides' screen: who the user is (a structure's
 * administrative account by its « Raison sociale »), with their contract
 * status and approvals as the insurer's directories know them; the first place of practice
 * (« Lieu d'exercice ») with its phone, its authorisations and its managing office's address and
 * phone; the others folded under « Autres lieux d'exercice ». Read only: an error is reported to
 * the insurer office (`reportError`, with the first place's office code).
 */
export function informationsTab(profile: AccountProfile, t: Translator, locale: Locale, reportError: (office: string) => void): TemplateResult {
  const [first, ...others] = profile.structures;
  return html`<section class="block" aria-labelledby="identity-title">
      <h4 id="identity-title">${`${profile.civility} ${profile.firstName} ${profile.lastName}`.trim()}</h4>
      <dl>
        ${profile.accountKind === 'administratif'
          ? row(t('companyName'), profile.lastName, t)
          : html`${row(t('civility'), profile.civility, t)} ${row(t('lastName'), profile.lastName, t)} ${row(t('firstName'), profile.firstName, t)}`}
        ${row(t('role'), labelIn(ROLE_LABELS, profile.role, locale), t)} ${row(t('specialty'), profile.specialty, t)} ${row(t('rpps'), profile.rpps, t)}
        ${row(t('accountKind'), labelIn(ACCOUNT_KIND_LABELS, profile.accountKind, locale), t)} ${contractRows(profile, t, locale)}
      </dl>
    </section>
    ${first
      ? html`<section class="block" aria-labelledby="place-0-title">
          <h4 id="place-0-title">${t('place', { name: first.name })}</h4>
          ${placeDetails(first, t, locale)}
        </section>`
      : html`<p class="muted">${t('noPlace')}</p>`}
    ${others.length > 0
      ? html`<section class="block" aria-labelledby="other-places-title">
          <h4 id="other-places-title">${t('otherPlaces')}</h4>
          ${others.map(
            (place) => html`<details class="place">
              <summary>${t('placeSummary', { kind: placeKind(place, t), street: place.street, commune: place.commune })}</summary>
              <p class="place-name">${place.name}</p>
              ${placeDetails(place, t, locale)}
            </details>`,
          )}
        </section>`
      : nothing}
    <p class="report-error">
      ${t('reportErrorText')}
      <button part="button" type="button" name="report-error" @click=${() => reportError(first?.insurerOffice?.code ?? '')}>${t('reportError')}</button>
    </p>`;
}

/** « Situation conventionnelle », « Agrément radio : Oui / Non » and the other approvals, for a professional of the directory. */
function contractRows(profile: AccountProfile, t: Translator, locale: Locale): TemplateResult | typeof nothing {
  if (!profile.listedProfessional) return nothing;
  const others = profile.approvals.filter((term) => term.code !== RADIO_APPROVAL);
  return html`${row(t('contractStatus'), profile.contractStatus?.label[locale], t)}
  ${row(t('radioApproval'), profile.approvals.some((term) => term.code === RADIO_APPROVAL) ? t('yes') : t('no'), t)}
  ${row(t('otherApprovals'), others.length > 0 ? approvalList(others, locale) : t('none'), t)}`;
}

function placeDetails(place: AccountPlace, t: Translator, locale: Locale): TemplateResult {
  const office = place.insurerOffice;
  return html`<dl>
      ${row(t('placeNumber'), place.number, t)} ${row(t('street'), place.street, t)} ${row(t('postcode'), place.postcode, t)} ${row(t('commune'), place.commune, t)}
      ${row(t('phone'), phoneLink(place.phone), t)} ${place.approvals.length > 0 ? row(t('placeApprovals'), approvalList(place.approvals, locale), t) : nothing}
    </dl>
    <h5>${t('insurerOffice')}</h5>
    <dl>
      ${row(t('office'), office?.label, t)} ${row(t('street'), office?.address, t)} ${row(t('phone'), phoneLink(office?.phone), t)}
    </dl>`;
}

function approvalList(terms: readonly DirectoryTerm[], locale: Locale): string {
  return terms.map((term) => term.label[locale]).join(', ');
}

function placeKind(place: AccountPlace, t: Translator): string {
  const kinds = { cabinet: t('kind.cabinet'), pharmacie: t('kind.pharmacie'), laboratoire: t('kind.laboratoire'), centre_sante: t('kind.centre_sante') } as Record<string, string>;
  return kinds[place.kind] ?? place.name;
}
