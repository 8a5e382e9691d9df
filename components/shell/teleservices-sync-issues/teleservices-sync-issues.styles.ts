import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const syncIssuesStyles = css`
  :host {
    display: block;
  }
  h2 {
    margin: 0 0 ${token('space-3')};
    font-size: ${token('font-size-l')};
  }
  .issue {
    margin: 0 0 ${token('space-4')};
    padding: ${token('space-4')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-left: ${token('accent-width')} solid var(--teleservices-sync-issues-accent, ${token('color-error')});
    border-radius: ${token('radius-s')};
    background: ${token('color-surface')};
  }
  h3 {
    margin: 0 0 ${token('space-2')};
    font-size: ${token('font-size-m')};
  }
  .reason {
    font-weight: ${token('font-weight-bold')};
    color: ${token('color-error')};
  }
  table {
    width: 100%;
    border-collapse: collapse;
    margin: ${token('space-2')} 0;
  }
  th,
  td {
    text-align: left;
    padding: ${token('space-1')} ${token('space-2')};
    border-bottom: ${token('border-width')} solid ${token('color-grey-300')};
    vertical-align: top;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }
  button {
    font: inherit;
    padding: ${token('space-1')} ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-primary')};
    border-radius: ${token('radius-s')};
    color: ${token('color-primary')};
    background: ${token('color-surface')};
    cursor: pointer;
  }
  button.primary {
    color: ${token('color-on-primary')};
    background: ${token('color-primary')};
  }
  .error {
    color: ${token('color-error')};
  }
`;
