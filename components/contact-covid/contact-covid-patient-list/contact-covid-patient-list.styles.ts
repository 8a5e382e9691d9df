import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const patientListStyles = css`
  :host {
    display: block;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: ${token('space-3')};
    margin-bottom: ${token('space-3')};
  }
  h2 {
    margin: 0;
    font-size: ${token('font-size-l')};
    text-transform: uppercase;
    color: ${token('color-primary')};
  }
  form.search {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: ${token('space-3')};
    padding: ${token('space-4')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  form.search .field {
    margin: 0;
  }
  .sync-progress:empty {
    display: none;
  }
  .sync-progress progress {
    margin-left: ${token('space-2')};
    vertical-align: middle;
  }
  .results-bar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: ${token('space-3')};
    margin: ${token('space-3')} 0;
  }
  th button {
    border: 0;
    padding: 0;
    background: none;
    color: inherit;
    font-weight: ${token('font-weight-bold')};
    text-transform: uppercase;
  }
  th button::after {
    content: ' ↑↓';
    color: ${token('color-grey-500')};
  }
  th[aria-sort='ascending'] button::after {
    content: ' ↑';
    color: inherit;
  }
  th[aria-sort='descending'] button::after {
    content: ' ↓';
    color: inherit;
  }
  .nir {
    display: block;
    font-size: ${token('font-size-s')};
    color: ${token('color-text-muted')};
  }
  .pager {
    display: flex;
    justify-content: flex-end;
    align-items: center;
    gap: ${token('space-3')};
    margin-top: ${token('space-3')};
  }
  .empty {
    padding: ${token('space-4')};
    text-align: center;
    color: ${token('color-text-muted')};
  }
  form.search .hint {
    flex-basis: 100%;
    margin: 0;
  }
  .support {
    margin-top: ${token('space-5')};
    padding: ${token('space-4')};
    border-top: ${token('border-width')} solid ${token('color-border')};
    font-size: ${token('font-size-s')};
  }
  .support h3 {
    margin: 0 0 ${token('space-2')};
    font-size: ${token('font-size-m')};
  }
  .support .phone {
    font-weight: ${token('font-weight-bold')};
  }
`;
