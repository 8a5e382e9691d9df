import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const teleservicesProviderStyles = css`
  :host {
    display: block;
  }
  .sign-out-warning,
  .other {
    margin: 0 0 ${token('space-3')};
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-error')};
    background: ${token('color-surface-muted')};
  }
  .sign-out-warning p,
  .other p {
    margin: 0 0 ${token('space-2')};
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }
  .acting {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${token('space-3')};
    margin: 0 0 ${token('space-3')};
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-primary')};
    background: ${token('color-surface-muted')};
  }
  .acting button,
  .actions button {
    font: inherit;
    font-weight: ${token('font-weight-bold')};
    padding: ${token('space-1')} ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-primary')};
    border-radius: ${token('radius-s')};
    color: ${token('color-primary')};
    background: ${token('color-surface')};
    cursor: pointer;
  }
  .act-error {
    color: ${token('color-error')};
  }
  .opening {
    color: ${token('color-text-muted')};
  }
`;
