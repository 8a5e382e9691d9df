import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

/** The layout both file forms share. */
export const ficheFormStyles = css`
  :host {
    display: block;
    max-width: var(--contact-covid-form-max-width, 56rem);
  }
  h2.title {
    margin: 0 0 ${token('space-3')};
    font-size: ${token('font-size-l')};
    text-transform: uppercase;
    color: var(--contact-covid-form-title-color, ${token('color-primary')});
  }
  .status-message {
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-success')};
    background: ${token('color-success-surface')};
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    column-gap: ${token('space-4')};
  }
`;
