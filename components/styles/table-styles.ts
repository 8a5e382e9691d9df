import { css } from 'lit';
import { token } from './tokens.ts';

/** Result tables (lists of files) and the name that opens a file, styled alike everywhere. */
export const tableStyles = css`
  table {
    width: 100%;
    border-collapse: collapse;
    background: ${token('color-surface')};
  }
  th,
  td {
    text-align: left;
    padding: ${token('space-2')};
    border-bottom: ${token('border-width')} solid ${token('color-grey-300')};
  }
  th {
    text-transform: uppercase;
  }
  button.open {
    border: 0;
    padding: 0;
    background: none;
    color: ${token('color-primary')};
    text-decoration: underline;
    text-transform: none;
    font-weight: ${token('font-weight-bold')};
  }
`;
