import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Locale } from '../../domain/i18n/index.ts';
import { colon } from '../i18n/messages.ts';

/**
 * Labelled native controls for the forms, with the error next to the field: `aria-invalid`,
 * `aria-describedby` pointing at the error (and hint), `required` marked in the label with the
 * seeds' `*`. Each control's `name` is the schema field it fills.
 */
export interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
  readonly required?: boolean;
  readonly readonly?: boolean;
}

const errorId = (name: string) => `${name}-error`;
const hintId = (name: string) => `${name}-hint`;

function describedBy({ name, error, hint }: FieldOptions): string | undefined {
  const ids = [hint ? hintId(name) : '', error ? errorId(name) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function labelText(options: FieldOptions): TemplateResult {
  return html`${options.label}${options.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}`;
}

function feedback({ name, error, hint }: FieldOptions): TemplateResult {
  return html`${hint ? html`<p part="hint" class="hint" id=${hintId(name)}>${hint}</p>` : nothing}${error
      ? html`<p part="error" class="field-error" id=${errorId(name)}>${error}</p>`
      : nothing}`;
}

export function textField(
  options: FieldOptions & { value: string; type?: 'text' | 'email' | 'tel' | 'date' | 'password'; autocomplete?: string; inputmode?: string; maxlength?: number; multiline?: boolean },
): TemplateResult {
  const { name, value, type = 'text', error, required, readonly } = options;
  const control = options.multiline
    ? html`<textarea
        part="input"
        id=${name}
        name=${name}
        .value=${value}
        ?required=${required}
        ?readonly=${readonly}
        maxlength=${ifDefined(options.maxlength)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(options))}
      ></textarea>`
    : html`<input
        part="input"
        id=${name}
        name=${name}
        type=${type}
        .value=${value}
        ?required=${required}
        ?readonly=${readonly}
        autocomplete=${ifDefined(options.autocomplete)}
        inputmode=${ifDefined(options.inputmode)}
        maxlength=${ifDefined(options.maxlength)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(options))}
      />`;
  return html`<div class="field ${error ? 'invalid' : ''}" part="field">
    <label part="label" for=${name}>${labelText(options)}</label>
    ${control} ${feedback(options)}
  </div>`;
}

export function checkboxField(options: FieldOptions & { checked: boolean }): TemplateResult {
  const { name, checked, error, required, readonly } = options;
  return html`<div class="field checkbox ${error ? 'invalid' : ''}" part="field">
    <input
      part="input"
      id=${name}
      name=${name}
      type="checkbox"
      value="true"
      .checked=${checked}
      ?required=${required}
      ?disabled=${readonly}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(options))}
    />
    <label part="label" for=${name}>${labelText(options)}</label>
    ${feedback(options)}
  </div>`;
}

/** A set of radio buttons in a fieldset whose legend is the question. */
export function radioGroup(options: FieldOptions & { value: string; choices: readonly { value: string; label: string }[] }): TemplateResult {
  const { name, value, choices, error, required, readonly } = options;
  return html`<fieldset class="field radios ${error ? 'invalid' : ''}" part="field" aria-describedby=${ifDefined(describedBy(options))} aria-invalid=${error ? 'true' : 'false'}>
    <legend part="label">${labelText(options)}</legend>
    <div class="choices">
      ${choices.map(
        (choice, index) => html`<span class="choice">
          <input
            part="input"
            id=${`${name}-${index}`}
            name=${name}
            type="radio"
            value=${choice.value}
            .checked=${value === choice.value}
            ?required=${required}
            ?disabled=${readonly}
          />
          <label part="label" for=${`${name}-${index}`}>${choice.label}</label>
        </span>`,
      )}
    </div>
    ${feedback(options)}
  </fieldset>`;
}

/** A set of checkboxes sharing a name (a list of codes). */
export function checkboxGroup(options: FieldOptions & { values: readonly string[]; choices: readonly { value: string; label: string }[] }): TemplateResult {
  const { name, values, choices, error, readonly } = options;
  return html`<fieldset class="field checkboxes ${error ? 'invalid' : ''}" part="field" aria-describedby=${ifDefined(describedBy(options))} aria-invalid=${error ? 'true' : 'false'}>
    <legend part="label">${labelText(options)}</legend>
    ${choices.map(
      (choice, index) => html`<div class="choice">
        <input part="input" id=${`${name}-${index}`} name=${name} type="checkbox" value=${choice.value} .checked=${values.includes(choice.value)} ?disabled=${readonly} />
        <label part="label" for=${`${name}-${index}`}>${choice.label}</label>
      </div>`,
    )}
    ${feedback(options)}
  </fieldset>`;
}

export function selectField(options: FieldOptions & { value: string; placeholder: string; choices: readonly { value: string; label: string }[] }): TemplateResult {
  const { name, value, choices, error, required, readonly } = options;
  return html`<div class="field ${error ? 'invalid' : ''}" part="field">
    <label part="label" for=${name}>${labelText(options)}</label>
    <select part="input" id=${name} name=${name} ?required=${required} ?disabled=${readonly} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ifDefined(describedBy(options))}>
      <option value="" ?selected=${value === ''}>${options.placeholder}</option>
      ${choices.map((choice) => html`<option value=${choice.value} ?selected=${value === choice.value}>${choice.label}</option>`)}
    </select>
    ${feedback(options)}
  </div>`;
}

/**
 * The error summary at the top of a form: a titled alert listing each problem as a link to
 * its field (activating the link focuses the field), and `problem`, what belongs to no field
 * (a module loaded on demand that could not be fetched), above them.
 */
export function errorSummary(
  title: string,
  errors: readonly { field: string; label: string; message: string }[],
  focusField: (field: string) => void,
  locale: Locale = 'fr',
  problem = '',
): TemplateResult | typeof nothing {
  if (errors.length === 0 && !problem) return nothing;
  return html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${title}</h2>
    ${problem ? html`<p>${problem}</p>` : nothing}
    ${errors.length > 0
      ? html`<ul>
          ${errors.map(
            (e) => html`<li>
              <a
                href=${`#${e.field}`}
                @click=${(event: Event) => {
                  event.preventDefault();
                  focusField(e.field);
                }}
                >${e.label}${colon(locale)}${e.message}</a
              >
            </li>`,
          )}
        </ul>`
      : nothing}
  </div>`;
}
