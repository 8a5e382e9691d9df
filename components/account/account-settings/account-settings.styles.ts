import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const accountSettingsStyles = css`
  :host {
    display: block;
    max-width: var(--account-settings-max-width, 56rem);
  }
  h2 {
    margin: 0 0 ${token('space-4')};
    font-size: ${token('font-size-l')};
    text-transform: uppercase;
    color: var(--account-settings-title-color, ${token('color-primary')});
  }
  h3 {
    margin: 0 0 ${token('space-3')};
    font-size: ${token('font-size-l')};
  }
  h4 {
    margin: 0 0 ${token('space-3')};
    font-size: ${token('font-size-m')};
    text-transform: uppercase;
    color: ${token('color-primary')};
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-1')};
    border-bottom: ${token('border-width-strong')} solid ${token('color-primary')};
  }
  .tabs [role='tab'] {
    border-radius: ${token('radius-s')} ${token('radius-s')} 0 0;
    border-bottom: 0;
    text-transform: none;
  }
  .tabs [role='tab'][aria-selected='true'] {
    color: ${token('color-on-primary')};
    background: ${token('color-primary')};
  }
  .panel {
    display: grid;
    gap: ${token('space-4')};
    padding: ${token('space-4')} 0;
  }
  .panel:focus-visible {
    outline-offset: 0;
  }
  .intro {
    margin: 0;
    color: ${token('color-text-muted')};
  }
  .block > h4 {
    margin-top: 0;
  }
  .block h5 {
    margin: ${token('space-3')} 0 ${token('space-2')};
  }
  .place {
    padding: ${token('space-2')} 0;
    border-top: ${token('border-width')} solid ${token('color-border')};
  }
  .place > summary {
    cursor: pointer;
    font-weight: ${token('font-weight-bold')};
  }
  .place-name {
    margin: ${token('space-2')} 0;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(10rem, max-content) 1fr;
    gap: ${token('space-2')} ${token('space-4')};
    margin: 0;
  }
  dl > div {
    display: contents;
  }
  dt {
    font-weight: ${token('font-weight-bold')};
  }
  dd {
    margin: 0;
  }
  .identifier-value {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
  }
  .badge {
    padding: 0 ${token('space-2')};
    border-radius: ${token('radius-s')};
    font-size: ${token('font-size-s')};
    color: ${token('color-error')};
    background: ${token('color-error-surface')};
  }
  .pending {
    margin: ${token('space-1')} 0 0;
    font-size: ${token('font-size-s')};
    color: ${token('color-text-muted')};
  }
  button.edit,
  button.link {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-1')};
    padding: ${token('space-1')} ${token('space-2')};
    text-transform: none;
  }
  button.link {
    border: 0;
    background: none;
    text-decoration: underline;
    font-weight: normal;
  }
  .icon {
    width: 1em;
    height: 1em;
  }
  .inline-form {
    margin-top: ${token('space-3')};
    padding: ${token('space-4')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface-muted')};
  }
  .inline-form h5 {
    margin: 0 0 ${token('space-3')};
    font-size: ${token('font-size-m')};
  }
  .actions {
    justify-content: flex-start;
  }
  .events {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: ${token('space-1')};
  }
  .events time {
    font-variant-numeric: tabular-nums;
    margin-right: ${token('space-2')};
  }
  .status-message {
    margin: 0;
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-success')};
    background: ${token('color-success-surface')};
  }
  .problem {
    margin: 0;
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-error')};
    background: ${token('color-error-surface')};
  }
  .muted {
    color: ${token('color-text-muted')};
  }
`;
