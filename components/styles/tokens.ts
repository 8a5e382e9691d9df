import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The design tokens and their default values, in the spirit of the French health insurer's
 * portal. tokens.css declares the same list on :root for host pages (a test keeps the two in
 * step); a page themes every widget by redefining any `--ts-<name>` on an ancestor.
 */
export const TOKEN_DEFAULTS = {
  'color-primary': '#0c419a',
  'color-primary-hover': '#08306f',
  'color-on-primary': '#ffffff',
  'color-text': '#1e1e1e',
  'color-text-muted': '#53575e',
  'color-surface': '#ffffff',
  'color-surface-muted': '#f3f5f9',
  'color-border': '#7b8390',
  'color-error': '#c9191e',
  'color-error-surface': '#fdeced',
  'color-success': '#18753c',
  'color-success-surface': '#e7f4ec',
  'color-grey-100': '#f6f6f6',
  'color-grey-300': '#dddddd',
  'color-grey-500': '#808080',
  'color-grey-700': '#53575e',
  'color-grey-900': '#1e1e1e',
  'color-backdrop': 'rgb(0 0 0 / 45%)',
  'font-family': 'Marianne, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  'font-size-s': '0.875rem',
  'font-size-m': '1rem',
  'font-size-l': '1.25rem',
  'font-weight-bold': '700',
  'line-height': '1.5',
  'space-1': '0.25rem',
  'space-2': '0.5rem',
  'space-3': '0.75rem',
  'space-4': '1rem',
  'space-5': '1.5rem',
  'space-6': '2rem',
  'radius-s': '0.25rem',
  'radius-m': '0.5rem',
  'radius-pill': '999px',
  'border-width': '1px',
  'border-width-strong': '2px',
  'accent-width': '4px',
  'dialog-width': '36rem',
  'focus-ring-color': '#0a76f6',
  'focus-ring-width': '2px',
  'focus-ring-offset': '2px',
} as const;

export type TokenName = keyof typeof TOKEN_DEFAULTS;

/**
 * `var(--ts-<name>, <default>)`, for use inside a component's `css`.
 *
 * Why not declare the tokens on `:host`: a declaration there beats the value the host page
 * sets on an ancestor (theming would stop working), and `--ts-x: var(--ts-x, default)` is a
 * cycle that makes the property invalid. The default therefore travels with each use, as
 * Material Web does; the page's value, when present, wins through inheritance.
 */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(`var(--ts-${name}, ${TOKEN_DEFAULTS[name]})`);
}

/** What every element's shadow root starts with: typography, box model, `hidden`, focus ring. */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: ${token('font-family')};
    font-size: ${token('font-size-m')};
    line-height: ${token('line-height')};
    color: ${token('color-text')};
  }

  :host([hidden]) {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('focus-ring-color')};
    outline-offset: ${token('focus-ring-offset')};
  }

  /* Read by screen readers, invisible on screen. */
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;
