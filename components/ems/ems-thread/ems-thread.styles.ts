import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const emsThreadStyles = css`
  :host {
    display: block;
    max-width: var(--ems-thread-max-width, 56rem);
  }
  .back {
    margin: 0 0 ${token('space-4')};
  }
  header {
    margin: 0 0 ${token('space-4')};
    padding: ${token('space-4')};
    border-left: ${token('accent-width')} solid var(--ems-thread-accent-color, ${token('color-primary')});
    background: ${token('color-surface-muted')};
  }
  .kicker {
    margin: 0;
    font-size: ${token('font-size-s')};
    text-transform: uppercase;
    color: ${token('color-text-muted')};
  }
  h2 {
    margin: ${token('space-1')} 0 ${token('space-3')};
    font-size: ${token('font-size-l')};
    color: var(--ems-thread-accent-color, ${token('color-primary')});
  }
  h2:focus {
    outline: none;
  }
  header dl {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')} ${token('space-5')};
    margin: 0;
  }
  header dt {
    font-size: ${token('font-size-s')};
    color: ${token('color-text-muted')};
  }
  header dd {
    margin: 0;
    font-weight: ${token('font-weight-bold')};
  }
  .nir {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  ol {
    display: grid;
    gap: ${token('space-3')};
    margin: 0 0 ${token('space-5')};
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
  }
  li.own {
    justify-content: flex-end;
  }
  article {
    max-width: min(40rem, 90%);
    padding: ${token('space-3')} ${token('space-4')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  li.own article {
    border-color: var(--ems-thread-accent-color, ${token('color-primary')});
    background: var(--ems-thread-own-background, ${token('color-surface-muted')});
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 ${token('space-3')};
    align-items: baseline;
    margin: 0 0 ${token('space-2')};
  }
  .author {
    margin: 0;
    font-size: ${token('font-size-m')};
    font-weight: ${token('font-weight-bold')};
  }
  time {
    font-size: ${token('font-size-s')};
    color: ${token('color-text-muted')};
    font-variant-numeric: tabular-nums;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .status {
    margin: ${token('space-2')} 0 0;
    font-size: ${token('font-size-s')};
    text-align: right;
    color: ${token('color-text-muted')};
  }
  .status.read {
    color: ${token('color-success')};
    font-weight: ${token('font-weight-bold')};
  }
  .status.waiting {
    font-style: italic;
  }
  .empty,
  .state {
    margin: 0 0 ${token('space-4')};
  }
  .state h2 {
    margin-top: 0;
  }
  textarea {
    width: 100%;
    max-width: none;
    min-height: 8rem;
    box-sizing: border-box;
    resize: vertical;
  }
  .under {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: ${token('space-2')};
  }
  .counter {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .offline,
  .problem {
    margin: 0 0 ${token('space-3')};
    padding: ${token('space-3')};
    border-left: ${token('accent-width')} solid ${token('color-primary')};
    background: ${token('color-surface-muted')};
  }
  .problem {
    border-left-color: ${token('color-error')};
    background: ${token('color-error-surface')};
  }
`;
