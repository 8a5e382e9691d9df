import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const syncStatusStyles = css`
  :host {
    display: inline-block;
    font-size: var(--teleservices-sync-status-font-size, ${token('font-size-s')});
  }
  .status {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
    padding: ${token('space-1')} ${token('space-3')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface-muted')};
  }
  .dot {
    width: 0.75em;
    height: 0.75em;
    border-radius: 50%;
    background: ${token('color-grey-500')};
  }
  [data-connection='online'] .dot {
    background: var(--teleservices-sync-status-online-color, ${token('color-success')});
  }
  [data-connection='offline'] .dot {
    background: var(--teleservices-sync-status-offline-color, ${token('color-grey-700')});
    border-radius: 0;
  }
  [data-connection='error'] .dot {
    background: var(--teleservices-sync-status-error-color, ${token('color-error')});
    transform: rotate(45deg);
    border-radius: 0;
  }
  .connection {
    font-weight: ${token('font-weight-bold')};
  }
  .problem {
    color: ${token('color-error')};
  }
`;
