import { html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { checkPassword } from '../../../domain/account/password-policy.ts';
import { LocalizedElement } from '../../i18n/localized-element.ts';
import { pluralCategory, translator } from '../../i18n/messages.ts';
import { baseStyles } from '../../styles/tokens.ts';
import { passwordChecklistMessages } from './password-checklist.messages.ts';
import { passwordChecklistStyles } from './password-checklist.styles.ts';

/** A ticked disc: the rule is met. Its shape, not only its colour, tells the state. */
const passedIcon = svg`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
  <circle cx="10" cy="10" r="9" fill="currentColor" />
  <path class="tick" d="M5.5 10.5l3 3 6-7" fill="none" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
</svg>`;

/** An empty ring: the rule is not met yet. */
const pendingIcon = svg`<svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
  <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" stroke-width="2" />
</svg>`;

/**
 * The live checklist of the portal's password rules, to show under a new-password field.
 *
 * Each rule reads as its label plus a state, shown by an icon and spelt out for screen
 * readers ("respectée" / "non respectée"). Only the count ("3 règles sur 5 respectées") sits
 * in the polite live region, so typing does not read the whole list again on every change.
 * The rules and their labels are the domain's `checkPassword`, the same the server enforces.
 *
 * @summary Live checklist of the password rules, with a polite count for screen readers.
 *
 * @csspart base - The wrapper of the title, the list and the count.
 * @csspart list - The list of rules (`<ul>`).
 *
 * @cssproperty --password-checklist-font-size - Text size. Defaults to `--ts-font-size-s`.
 * @cssproperty --password-checklist-gap - Space between two rules. Defaults to `--ts-space-1`.
 * @cssproperty --password-checklist-icon-size - Size of the state icons. Defaults to `1.25em`.
 * @cssproperty --password-checklist-passed-color - Icon colour of a met rule. Defaults to `--ts-color-success`.
 * @cssproperty --password-checklist-pending-color - Icon colour of a rule not met yet. Defaults to `--ts-color-text-muted`.
 */
@customElement('password-checklist')
export class PasswordChecklist extends LocalizedElement {
  static override styles = [baseStyles, passwordChecklistStyles];

  /** The password to check. A property only: a password never belongs in an attribute. */
  @property({ attribute: false })
  password = '';

  override render() {
    const locale = this.locale;
    const t = translator(passwordChecklistMessages, locale);
    const { rules } = checkPassword(this.password, locale);
    const passed = rules.filter((rule) => rule.passed).length;

    return html`
      <div part="base" lang=${locale}>
        <p id="title" class="title">${t('title')}</p>
        <ul part="list" class="rules" aria-labelledby="title">
          ${rules.map((rule) => {
            const state = t(rule.passed ? 'passed' : 'notPassed');
            return html`
              <li class="rule ${rule.passed ? 'passed' : ''}" data-rule=${rule.id}>
                ${rule.passed ? passedIcon : pendingIcon}
                <span class="label">${rule.label}</span><span class="visually-hidden">, <span class="state">${state}</span></span>
              </li>
            `;
          })}
        </ul>
        <p class="summary" role="status" aria-live="polite" aria-atomic="true">
          ${t(`summary.${pluralCategory(locale, passed)}`, { passed, total: rules.length })}
        </p>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'password-checklist': PasswordChecklist;
  }
}
