import { css } from 'lit';
import { token } from '../../styles/tokens.ts';

export const passwordChecklistStyles = css`
  :host {
    display: block;
    font-size: var(--password-checklist-font-size, ${token('font-size-s')});
  }

  .title {
    margin: 0 0 ${token('space-2')};
    font-weight: ${token('font-weight-bold')};
  }

  .rules {
    display: grid;
    gap: var(--password-checklist-gap, ${token('space-1')});
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .rule {
    display: flex;
    align-items: flex-start;
    gap: ${token('space-2')};
  }

  .icon {
    flex: none;
    width: var(--password-checklist-icon-size, 1.25em);
    height: var(--password-checklist-icon-size, 1.25em);
    margin-top: 0.125em;
    color: var(--password-checklist-pending-color, ${token('color-text-muted')});
  }

  .rule.passed .icon {
    color: var(--password-checklist-passed-color, ${token('color-success')});
  }

  .tick {
    stroke: ${token('color-surface')};
  }

  .summary {
    margin: ${token('space-2')} 0 0;
    color: ${token('color-text-muted')};
  }

  @media (forced-colors: active) {
    .icon,
    .rule.passed .icon {
      color: CanvasText;
    }

    .tick {
      stroke: Canvas;
    }
  }
`;
