import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const delegationInvitationStyles = css`
  :host {
    max-width: var(--delegation-invitation-width, 42rem);
  }
  h2:focus {
    outline: none;
  }
  h3 {
    margin: ${token('space-3')} 0 ${token('space-2')};
    font-size: ${token('font-size-m')};
    color: ${token('color-primary')};
  }
  p {
    margin: 0 0 ${token('space-3')};
  }
  ul {
    margin: 0 0 ${token('space-3')};
    padding-left: ${token('space-5')};
  }
  .details {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: ${token('space-2')} ${token('space-4')};
    margin: 0 0 ${token('space-3')};
    padding: ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-s')};
    background: ${token('color-surface-muted')};
  }
  .details dt {
    font-weight: ${token('font-weight-bold')};
  }
  .details dd {
    margin: 0;
  }
  .details ul {
    margin: 0;
    padding-left: ${token('space-4')};
  }
  .warning {
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-error')};
    background: ${token('color-error-surface')};
  }
  .panel > .actions {
    margin: ${token('space-3')} 0;
  }
  .not-concerned {
    margin-top: ${token('space-4')};
    padding-top: ${token('space-3')};
    border-top: ${token('border-width')} solid ${token('color-border')};
  }
`;
