import { css } from 'lit';
import { token } from './tokens.ts';

/**
 * The blocks and modal dialogs every widget shares: a `.panel` (bordered surface, primary
 * heading) and a native `<dialog>` with its backdrop. `--ts-dialog-width` sizes the dialogs.
 */
export const surfaceStyles = css`
  .panel {
    padding: ${token('space-5')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  .panel + .panel {
    margin-top: ${token('space-4')};
  }
  .panel h2 {
    margin-top: 0;
    color: ${token('color-primary')};
  }
  dialog {
    max-width: min(${token('dialog-width')}, 92vw);
    padding: ${token('space-5')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
    color: inherit;
  }
  dialog::backdrop {
    background: ${token('color-backdrop')};
  }
`;
