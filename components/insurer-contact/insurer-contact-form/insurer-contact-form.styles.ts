import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const insurerContactFormStyles = css`
  :host {
    display: block;
    max-width: var(--insurer-contact-form-max-width, 64rem);
  }
  h2 {
    margin: 0 0 ${token('space-3')};
    font-size: ${token('font-size-l')};
    text-transform: uppercase;
    color: var(--insurer-contact-form-title-color, ${token('color-primary')});
  }
  h2:focus {
    outline: none;
  }
  .intro {
    margin: 0 0 ${token('space-4')};
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(14rem, 1fr);
    gap: ${token('space-4')};
    align-items: start;
  }
  @media (max-width: 48rem) {
    .columns {
      grid-template-columns: 1fr;
    }
  }
  .main {
    display: grid;
    gap: ${token('space-4')};
  }
  select,
  textarea {
    width: 100%;
    box-sizing: border-box;
  }
  textarea {
    max-width: none;
    min-height: 12rem;
    resize: vertical;
  }
  .warning {
    display: flex;
    gap: ${token('space-2')};
    margin: 0 0 ${token('space-3')};
  }
  .warning .icon {
    flex: none;
    width: 1.5em;
    height: 1.5em;
    border-radius: 50%;
    text-align: center;
    font-style: italic;
    font-weight: ${token('font-weight-bold')};
    color: ${token('color-on-primary')};
    background: ${token('color-primary')};
  }
  .counter {
    justify-self: end;
    font-variant-numeric: tabular-nums;
  }
  .counter.over {
    font-weight: ${token('font-weight-bold')};
    color: ${token('color-error')};
  }
  .sensitive:empty {
    display: none;
  }
  .sensitive {
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-error')};
    background: ${token('color-error-surface')};
  }
  .sensitive p {
    margin: 0;
    font-weight: ${token('font-weight-bold')};
  }
  .sensitive ul {
    margin: ${token('space-1')} 0 0;
    padding-left: ${token('space-4')};
  }
  .details dl {
    display: grid;
    gap: ${token('space-2')};
    margin: 0;
  }
  .details dt {
    font-weight: ${token('font-weight-bold')};
  }
  .details dd {
    margin: 0;
  }
  .problem,
  .offline {
    margin: 0;
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-error')};
    background: ${token('color-error-surface')};
  }
  .offline {
    border-left-color: ${token('color-primary')};
    background: ${token('color-surface-muted')};
  }
  .sent {
    padding: ${token('space-4')};
    border-left: ${token('accent-width')} solid ${token('color-success')};
    background: ${token('color-success-surface')};
  }
  .sent h3 {
    margin: 0 0 ${token('space-2')};
    font-size: ${token('font-size-m')};
  }
  .sent p {
    margin: 0 0 ${token('space-2')};
  }
  .sent-message {
    font-weight: ${token('font-weight-bold')};
  }
`;
