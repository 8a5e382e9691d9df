import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const teleservicesProviderStyles = css`
  :host {
    display: block;
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
  .acting button {
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
