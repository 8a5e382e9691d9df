import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const teleservicesProviderStyles = css`
  :host {
    display: block;
  }
  .opening {
    color: ${token('color-text-muted')};
  }
`;
