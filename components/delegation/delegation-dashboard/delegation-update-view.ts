import { html, nothing, type TemplateResult } from 'lit';
import { DELEGATION_PROFILE_DEFINITIONS, DELEGATION_STATUS_LABELS, type DelegationDocument } from '../../../domain/delegation/delegation-rules.ts';
import type { Locale } from '../../../domain/i18n/index.ts';
import type { SessionStructure } from '../../../domain/account/session-user.ts';
import { errorSummary, textField } from '../../forms/form-fields.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { delegationDashboardMessages } from './delegation-dashboard.messages.ts';
import type { DelegationUpdateController } from './delegation-update-controller.ts';

type T = Translate<(typeof delegationDashboardMessages)['fr']>;

export interface UpdateViewContext {
  readonly t: T;
  readonly locale: Locale;
  readonly flow: DelegationUpdateController;
  /** The délégant's own structures (the session's). */
  readonly structures: readonly SessionStructure[];
  readonly strongAuth: boolean;
  readonly who: (d: DelegationDocument) => string;
  readonly submit: (event: SubmitEvent) => void;
  readonly back: () => void;
  readonly focus: (field: string) => void;
}

/**
 * « Mise à jour d'une délégation » (seed 003): who and which profile (they stay), the validity
 * dates, the structures (all of them, shown ticked, for Remplaçant / Assistant médical), each
 * error next to its field; then the confirmation. The view of `DelegationUpdateController`.
 */
export function updateView(context: UpdateViewContext): TemplateResult {
  const { t, locale, flow, structures } = context;
  const step = flow.step;
  if (step.name === 'closed') return html``;
  if (step.name === 'updated') {
    return html`<section class="update" aria-labelledby="update-title">
      <h3 part="heading" id="update-title">${t('updateTitle')}</h3>
      <p part="notice" class="notice" role="status">${t('updated', { who: context.who(step.delegation) })}</p>
      <div class="actions"><button part="button primary" type="button" class="primary" name="update-back" @click=${context.back}>${t('back')}</button></div>
    </section>`;
  }
  const d = step.delegation;
  const profile = DELEGATION_PROFILE_DEFINITIONS[d.profile];
  if (!context.strongAuth) {
    return html`<section class="update" aria-labelledby="update-title">
      <h3 part="heading" id="update-title">${t('updateTitle')}</h3>
      <p part="notice" class="notice" role="note">${t('updateStrongRequired')}</p>
      <div class="actions"><button part="button" type="button" name="update-abandon" @click=${context.back}>${t('back')}</button></div>
    </section>`;
  }
  const labels: Record<string, string> = { validFrom: t('validFrom'), validUntil: t('validUntil'), structureIds: t('structuresLegend') };
  const errors = Object.entries(flow.errors).map(([field, message]) => ({ field, label: labels[field] ?? field, message }));
  const structuresError = flow.errors['structureIds'];
  const forced = profile.allStructures;
  return html`<section class="update" aria-labelledby="update-title">
    <h3 part="heading" id="update-title">${t('updateTitle')}</h3>
    <p>${t('updateIntro')}</p>
    <dl>
      <dt>${t('delegate')}</dt><dd>${context.who(d)} (${d.delegateEmail})</dd>
      <dt>${t('profile')}</dt><dd>${profile.label[locale]}</dd>
      <dt>${t('status')}</dt><dd>${DELEGATION_STATUS_LABELS[d.status][locale]}</dd>
    </dl>
    <form part="form" novalidate @submit=${context.submit}>
      ${errors.length > 1 ? errorSummary(t('summary', { count: errors.length }), errors, context.focus, locale) : nothing}
      ${flow.error ? html`<p part="error" class="field-error" role="alert" tabindex="-1">${flow.error}</p>` : nothing}
      <p>${t('period')}</p>
      ${textField({ name: 'validFrom', label: t('validFrom'), value: flow.validFrom, type: 'date', required: true, error: flow.errors['validFrom'] })}
      ${textField({ name: 'validUntil', label: t('validUntil'), value: flow.validUntil, type: 'date', required: true, error: flow.errors['validUntil'] })}
      <fieldset class="field structures ${structuresError ? 'invalid' : ''}" aria-describedby=${structuresError ? 'structureIds-error' : 'structures-hint'} aria-invalid=${structuresError ? 'true' : 'false'}>
        <legend part="label">${t('structuresLegend')}<span class="required" aria-hidden="true"> *</span></legend>
        <p part="hint" class="hint" id="structures-hint">${forced ? t('allRequired', { profile: profile.label[locale] }) : t('structuresHint')}</p>
        ${structures.map(
          (s) => html`<label part="label" class="choice">
            <input part="input" type="checkbox" name="structureIds" value=${s.id} .checked=${forced || flow.structureIds.includes(s.id)} @click=${(e: Event) => forced && e.preventDefault()} aria-readonly=${forced ? 'true' : 'false'} />
            <span>${t('structureNumber', { name: s.name, number: s.amNumber ?? s.finess ?? '' })}</span>
          </label>`,
        )}
        ${structuresError ? html`<p part="error" class="field-error" id="structureIds-error">${structuresError}</p>` : nothing}
      </fieldset>
      <div class="actions">
        <button part="button" type="button" name="update-abandon" @click=${context.back}>${t('abandon')}</button>
        <button part="button primary" type="submit" class="primary" name="update-save" ?disabled=${flow.busy}>${flow.busy ? t('saving') : t('save')}</button>
      </div>
    </form>
  </section>`;
}
