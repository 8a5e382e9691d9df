import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const patientFileStyles = css`
  :host {
    display: block;
  }
  .identity {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: ${token('space-2')} ${token('space-5')};
    padding: ${token('space-4')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: var(--contact-covid-patient-file-background, ${token('color-surface')});
  }
  .kind {
    margin: 0;
    font-size: ${token('font-size-s')};
    text-transform: uppercase;
    color: ${token('color-primary')};
  }
  h2 {
    margin: 0;
    font-size: ${token('font-size-l')};
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: ${token('space-1')} ${token('space-3')};
    margin: 0;
  }
  dt {
    font-weight: ${token('font-weight-bold')};
  }
  dd {
    margin: 0;
  }
  .status {
    font-weight: ${token('font-weight-bold')};
  }
  .contacts {
    margin-top: ${token('space-5')};
  }
  .contacts header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: ${token('space-3')};
  }
  h3 {
    margin: 0;
    text-transform: uppercase;
    font-size: ${token('font-size-m')};
  }
  table {
    margin-top: ${token('space-3')};
  }
  .back {
    margin-top: ${token('space-5')};
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }
`;
