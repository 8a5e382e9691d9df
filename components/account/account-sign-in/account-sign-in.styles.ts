import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const signInStyles = css`
  :host {
    display: block;
    max-width: var(--account-sign-in-width, 30rem);
  }
  /* The panels are the shared ones (surfaceStyles). */
  h2 {
    margin: 0 0 ${token('space-4')};
    font-size: ${token('font-size-l')};
    color: ${token('color-primary')};
  }
  form {
    gap: ${token('space-2')};
  }
  .link {
    border: 0;
    padding: 0;
    background: none;
    color: ${token('color-primary')};
    text-decoration: underline;
    text-transform: none;
    font-weight: normal;
    justify-self: start;
  }
  .actions {
    justify-content: flex-start;
  }
`;
