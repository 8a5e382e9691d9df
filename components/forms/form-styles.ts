import { css } from 'lit';
import { token } from '../styles/tokens.ts';

/** The look of every form: blocks, labelled fields, errors next to them, the summary, the buttons. */
export const formStyles = css`
  form {
    display: grid;
    gap: ${token('space-4')};
  }
  .block {
    margin: 0;
    padding: ${token('space-4')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  .block > h3 {
    margin: 0 0 ${token('space-3')};
    font-size: ${token('font-size-m')};
    text-transform: uppercase;
    color: ${token('color-primary')};
  }
  .field {
    display: grid;
    gap: ${token('space-1')};
    margin: 0 0 ${token('space-3')};
  }
  fieldset.field {
    border: 0;
    padding: 0;
  }
  legend {
    padding: 0;
    margin-bottom: ${token('space-1')};
  }
  .field.checkbox,
  .choice {
    display: flex;
    align-items: flex-start;
    gap: ${token('space-2')};
  }
  .field.checkbox > .hint,
  .field.checkbox > .field-error {
    flex-basis: 100%;
  }
  .field.checkbox {
    flex-wrap: wrap;
  }
  /* A long label (a consent) wraps beside its box, not under it. */
  .field.checkbox > label {
    flex: 1 1 0;
    min-width: 0;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-4')};
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    font: inherit;
    padding: ${token('space-2')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-s')};
    color: inherit;
    background: ${token('color-surface')};
    max-width: 32rem;
  }
  input[type='checkbox'],
  input[type='radio'] {
    accent-color: ${token('color-primary')};
  }
  /* As specific as the rule above, which would otherwise hide that the field cannot be changed. */
  input[readonly]:not([type='checkbox']):not([type='radio']) {
    background: ${token('color-surface-muted')};
  }
  textarea {
    min-height: 5rem;
  }
  .invalid input:not([type='checkbox']):not([type='radio']),
  .invalid select,
  .invalid textarea {
    border: ${token('border-width-strong')} solid ${token('color-error')};
  }
  .required {
    color: ${token('color-error')};
  }
  .hint {
    margin: 0;
    font-size: ${token('font-size-s')};
    color: ${token('color-text-muted')};
  }
  .field-error {
    margin: 0;
    font-weight: ${token('font-weight-bold')};
    color: ${token('color-error')};
  }
  .error-summary {
    padding: ${token('space-4')};
    border: ${token('border-width-strong')} solid ${token('color-error')};
    border-radius: ${token('radius-m')};
    background: ${token('color-error-surface')};
  }
  .error-summary h2 {
    margin: 0 0 ${token('space-2')};
    font-size: ${token('font-size-m')};
  }
  .error-summary a {
    color: ${token('color-error')};
  }
  .notice {
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-primary')};
    background: ${token('color-surface-muted')};
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: ${token('space-3')};
  }
  button {
    font: inherit;
    font-weight: ${token('font-weight-bold')};
    padding: ${token('space-2')} ${token('space-4')};
    border: ${token('border-width')} solid ${token('color-primary')};
    border-radius: ${token('radius-s')};
    color: ${token('color-primary')};
    background: ${token('color-surface')};
    cursor: pointer;
    text-transform: uppercase;
  }
  button.primary {
    color: ${token('color-on-primary')};
    background: ${token('color-primary')};
  }
  /* :where() keeps the hover below every component's own button rules. */
  button:where(:hover:not([disabled])) {
    border-color: ${token('color-primary-hover')};
    color: ${token('color-primary-hover')};
  }
  button.primary:where(:hover:not([disabled])) {
    color: ${token('color-on-primary')};
    background: ${token('color-primary-hover')};
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
`;
