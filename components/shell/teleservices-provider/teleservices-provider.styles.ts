import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const teleservicesProviderStyles = css`
  :host {
    display: block;
  }
  .sign-in {
    max-width: var(--teleservices-provider-form-width, 28rem);
    padding: ${token('space-5')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  h2 {
    margin: 0 0 ${token('space-4')};
    font-size: ${token('font-size-l')};
    color: ${token('color-primary')};
  }
  .field {
    display: grid;
    gap: ${token('space-1')};
    margin-bottom: ${token('space-4')};
  }
  input {
    font: inherit;
    padding: ${token('space-2')};
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius-s')};
  }
  button {
    font: inherit;
    font-weight: ${token('font-weight-bold')};
    padding: ${token('space-2')} ${token('space-4')};
    border: 0;
    border-radius: ${token('radius-s')};
    color: ${token('color-on-primary')};
    background: var(--teleservices-provider-button-color, ${token('color-primary')});
    cursor: pointer;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  .error {
    margin: 0 0 ${token('space-4')};
    padding: ${token('space-3')};
    color: ${token('color-error')};
    background: ${token('color-error-surface')};
    border-radius: ${token('radius-s')};
  }
  .opening {
    color: ${token('color-text-muted')};
  }
`;
