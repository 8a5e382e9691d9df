import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const patientFormStyles = css`
  :host {
    display: block;
    max-width: var(--contact-covid-patient-form-max-width, 56rem);
  }
  h2.title {
    margin: 0 0 ${token('space-3')};
    font-size: ${token('font-size-l')};
    text-transform: uppercase;
    color: var(--contact-covid-patient-form-title-color, ${token('color-primary')});
  }
  .status-message {
    padding: ${token('space-3')};
    border-left: 4px solid ${token('color-success')};
    background: ${token('color-success-surface')};
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    column-gap: ${token('space-4')};
  }
`;
