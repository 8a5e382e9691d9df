import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const accountCreateStyles = css`
  :host {
    max-width: var(--account-create-width, 40rem);
  }
  h3 {
    margin: ${token('space-3')} 0 ${token('space-2')};
    font-size: ${token('font-size-m')};
    color: ${token('color-primary')};
  }
  .iban-boxes {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
  }
  .iban-boxes input {
    width: 3.5em;
    text-transform: uppercase;
    letter-spacing: 0.2em;
  }
  .nav {
    margin-top: ${token('space-3')};
  }
  h2:focus {
    outline: none;
  }
`;
