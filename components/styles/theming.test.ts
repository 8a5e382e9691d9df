import { sendKeys } from '@web/test-runner-commands';
import { html, LitElement, type CSSResultOrNative } from 'lit';
import { customElement } from 'lit/decorators.js';
import * as barrel from '../index.ts';
import { checkboxField, selectField, textField } from '../forms/form-fields.ts';
import { formStyles } from '../forms/form-styles.ts';
import type { AccountSignIn } from '../account/account-sign-in/account-sign-in.ts';
import type { TeleservicesProvider } from '../shell/teleservices-provider/teleservices-provider.ts';
import { assert } from '../testing/assert.ts';
import { allUpdated, fixture } from '../testing/fixture.ts';
import { SHARED_PARTS } from './parts.ts';
import { surfaceStyles } from './surface-styles.ts';
import { baseStyles, TOKEN_DEFAULTS, type TokenName } from './tokens.ts';

const CONTRAST_THEME = new URL('./themes/contrast.css', import.meta.url);
const TOKENS_CSS = new URL('./tokens.css', import.meta.url);

/** The shared form look (base, form and surface styles) on each kind of native control, as every form renders them. */
@customElement('test-theming-controls')
class TestThemingControls extends LitElement {
  static override styles = [baseStyles, formStyles, surfaceStyles];

  override render() {
    return html`<section class="panel">
      <form>
        <fieldset class="block">
          ${textField({ name: 'text', label: 'Texte', value: '' })} ${textField({ name: 'readonly', label: 'Lecture seule', value: 'x', readonly: true })}
          ${selectField({ name: 'choice', label: 'Choix', value: '', placeholder: 'Choisissez', choices: [{ value: 'a', label: 'A' }] })}
          ${textField({ name: 'long', label: 'Texte long', value: '', multiline: true })}
        </fieldset>
      </form>
    </section>`;
  }
}

/** A consent box with a long label, in a narrow column (as in the account forms). */
@customElement('test-theming-consent')
class TestThemingConsent extends LitElement {
  static override styles = [baseStyles, formStyles];

  override render() {
    return html`<form style="width: 20rem">
      ${checkboxField({ name: 'consent', label: 'J’accepte les conditions générales d’utilisation du service et je certifie l’exactitude des informations saisies.', checked: false })}
    </form>`;
  }
}

/** The `--ts-*` declarations of a theme file, and whatever else it declares. */
function themeDeclarations(source: string): { tokens: Record<string, string>; selectors: string[]; others: string[] } {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors = [...withoutComments.matchAll(/([^{}]+)\{/g)].map((m) => m[1]!.trim());
  const body = [...withoutComments.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).join(';');
  const tokens: Record<string, string> = {};
  const others: string[] = [];
  for (const declaration of body.split(';').map((d) => d.trim()).filter(Boolean)) {
    const match = /^--ts-([\w-]+)\s*:\s*(.+)$/.exec(declaration);
    if (match) tokens[match[1]!] = match[2]!.trim();
    else others.push(declaration);
  }
  return { tokens, selectors, others };
}

/** A CSS colour as the browser resolves it: [r, g, b] in 0–255. */
function rgb(value: string): [number, number, number] {
  const probe = document.createElement('span');
  probe.style.color = value;
  document.body.append(probe);
  const channels = getComputedStyle(probe).color.match(/[\d.]+/g)!.map(Number);
  probe.remove();
  return [channels[0]!, channels[1]!, channels[2]!];
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = rgb(colour).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A computed colour's alpha (0 for `transparent`). */
function alpha(colour: string): number {
  const match = /rgba?\(([^)]+)\)/.exec(colour);
  const channels = match ? match[1]!.split(/[\s,/]+/).filter(Boolean) : [];
  return channels.length > 3 ? Number(channels[3]) : 1;
}

/** The colour painted behind an element: the first opaque background of its ancestors, across shadow roots. */
function backgroundBehind(element: Element): string {
  let node: Element | null = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null);
  while (node) {
    const background = getComputedStyle(node).backgroundColor;
    if (alpha(background) === 1) return background;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
  }
  return 'rgb(255, 255, 255)';
}

/** The focused element, inside shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Tabs through every input, select and textarea of `roots` and measures, on the rendered page,
 * what WCAG 1.4.11 asks of them: the control's boundary (its border) at 3:1 against its own
 * fill and against what surrounds it, and a solid focus ring of 2px or more at 3:1 against the
 * colours next to it (the surface behind, shown in the offset gap and around the ring, and the
 * control's fill). Returns what falls short.
 */
async function controlShortfalls(roots: readonly Element[]): Promise<string[]> {
  const controls = roots
    .flatMap((root) => [...root.shadowRoot!.querySelectorAll<HTMLElement>('input:not([type="checkbox"]):not([type="radio"]), select, textarea')])
    .filter((control) => control.checkVisibility());
  assert.ok(controls.length >= 4, `only ${controls.length} controls`);
  const shortfalls: string[] = [];
  const check = (what: string, ratio: number, minimum = 3) => {
    if (ratio < minimum) shortfalls.push(`${what}: ${ratio.toFixed(2)}:1`);
  };
  // Keyboard focus from before the first control, as a user arrives.
  const start = document.createElement('button');
  start.textContent = 'start';
  roots[0]!.before(start);
  start.focus();
  try {
    for (const control of controls) {
      // (A button between two fields takes a Tab of its own.)
      for (let presses = 0; presses < 5 && deepActiveElement() !== control; presses++) await sendKeys({ press: 'Tab' });
      const name = `${(control.getRootNode() as ShadowRoot).host.localName} ${control.localName}#${control.id}`;
      assert.equal(deepActiveElement(), control, `Tab reaches ${name}`);
      const style = getComputedStyle(control);
      const fill = alpha(style.backgroundColor) === 1 ? style.backgroundColor : backgroundBehind(control);
      const behind = backgroundBehind(control);
      check(`${name} border on its fill`, contrast(style.borderTopColor, fill));
      check(`${name} border on the surface around it`, contrast(style.borderTopColor, behind));
      if (!control.matches(':focus-visible') || style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) {
        shortfalls.push(`${name}: no focus ring (${style.outlineStyle} ${style.outlineWidth})`);
        continue;
      }
      check(`${name} focus ring on the surface around it`, contrast(style.outlineColor, behind));
      check(`${name} focus ring on the control's fill`, contrast(style.outlineColor, fill));
    }
  } finally {
    start.remove();
  }
  return shortfalls;
}

/** Text on its backgrounds, as the widgets pair them: WCAG AA asks 4.5:1. */
const TEXT_PAIRS: readonly [TokenName, TokenName][] = [
  ['color-text', 'color-surface'],
  ['color-text', 'color-surface-muted'],
  ['color-text-muted', 'color-surface'],
  ['color-text-muted', 'color-surface-muted'],
  ['color-primary', 'color-surface'],
  ['color-primary', 'color-surface-muted'],
  ['color-primary-hover', 'color-surface'],
  ['color-on-primary', 'color-primary'],
  ['color-on-primary', 'color-primary-hover'],
  ['color-error', 'color-surface'],
  ['color-error', 'color-error-surface'],
  ['color-text', 'color-error-surface'],
  ['color-success', 'color-surface'],
  ['color-success', 'color-success-surface'],
  ['color-text', 'color-success-surface'],
];

/** Borders of controls, the focus ring and state marks against the surface: 3:1 (WCAG 1.4.11). */
const NON_TEXT_PAIRS: readonly [TokenName, TokenName][] = [
  ['color-border', 'color-surface'],
  ['focus-ring-color', 'color-surface'],
  ['focus-ring-color', 'color-surface-muted'],
  ['color-grey-500', 'color-surface-muted'],
  ['color-grey-700', 'color-surface-muted'],
];

/**
 * Boundaries of inputs, selects and textareas, the focus ring, and the grey state marks (the sync
 * status dot, the list's sort arrows), on the surfaces they sit on: 3:1 in every theme.
 */
const CONTROL_PAIRS: readonly [TokenName, TokenName][] = [
  ['color-border', 'color-surface'],
  ['color-border', 'color-surface-muted'],
  ['focus-ring-color', 'color-surface'],
  ['focus-ring-color', 'color-surface-muted'],
  ['color-grey-500', 'color-surface'],
  ['color-grey-500', 'color-surface-muted'],
];

function assertContrasts(theme: Record<string, string>, pairs: readonly [TokenName, TokenName][], minimum: number, name: string): void {
  const failures = pairs
    .map(([fg, bg]) => ({ fg, bg, ratio: contrast(theme[fg]!, theme[bg]!) }))
    .filter((pair) => pair.ratio < minimum)
    .map((pair) => `${pair.fg} on ${pair.bg}: ${pair.ratio.toFixed(2)}:1`);
  assert.deepEqual(failures, [], `${name}: below ${minimum}:1`);
}

/** Every custom element class of the barrel (all the shipped elements). */
const elementClasses = (Object.entries(barrel) as [string, unknown][]).filter(
  (entry): entry is [string, typeof LitElement] => typeof entry[1] === 'function' && entry[1].prototype instanceof LitElement,
);

function cssTextOf(style: CSSResultOrNative): string {
  return style instanceof CSSStyleSheet ? [...style.cssRules].map((rule) => rule.cssText).join('\n') : style.cssText;
}

/** `css` with every `var(--ts-…, fallback)` removed (fallbacks may nest parentheses). */
function withoutTokens(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const start = css.indexOf('var(--ts-', i);
    if (start < 0) return out + css.slice(i);
    out += css.slice(i, start);
    let depth = 0;
    let j = start;
    for (; j < css.length; j++) {
      if (css[j] === '(') depth++;
      else if (css[j] === ')' && --depth === 0) break;
    }
    out += 'TOKEN';
    i = j + 1;
  }
  return out;
}

/** Colour literals; system colours (CanvasText…, for forced-colors mode) are not a palette and pass. */
const COLOUR_LITERAL = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(|\b(?:black|white|red|green|blue|grey|gray|silver|navy|orange|yellow|purple|maroon)\b/i;

async function withStylesheet<T>(href: URL | string, run: () => Promise<T>): Promise<T> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = String(href);
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  try {
    await loaded;
    return await run();
  } finally {
    link.remove();
  }
}

describe('theming', () => {
  it('follows the host page’s tokens in a rendered widget', async () => {
    const wrapper = await fixture(html`<div style="--ts-color-primary: rgb(1, 2, 3); --ts-color-on-primary: rgb(250, 251, 252); --ts-border-width: 3px">
      <account-sign-in></account-sign-in>
    </div>`);
    const signIn = wrapper.querySelector<AccountSignIn>('account-sign-in')!;
    const primaryButton = signIn.shadowRoot!.querySelector('[part~="primary"]')!;
    assert.equal(getComputedStyle(primaryButton).backgroundColor, 'rgb(1, 2, 3)');
    assert.equal(getComputedStyle(primaryButton).color, 'rgb(250, 251, 252)');
    assert.equal(getComputedStyle(signIn.shadowRoot!.querySelector('[part="heading"]')!).color, 'rgb(1, 2, 3)');
    assert.equal(getComputedStyle(signIn.shadowRoot!.querySelector('[part="input"]')!).borderTopWidth, '3px');
  });

  it('lets a host stylesheet restyle the shared parts, through the provider too', async () => {
    const style = document.createElement('style');
    style.textContent = `
      .vendor *::part(input) { border-color: rgb(9, 8, 7); }
      .vendor *::part(button primary) { border-radius: 0px; }
      .vendor *::part(label) { font-weight: 300; }
      .vendor teleservices-provider::part(heading) { color: rgb(4, 5, 6); }
    `;
    document.head.append(style);
    try {
      const wrapper = await fixture(html`<div class="vendor">
        <account-sign-in></account-sign-in>
        <teleservices-provider server="http://127.0.0.1:9" storage="memory"></teleservices-provider>
      </div>`);
      const signIn = wrapper.querySelector('account-sign-in')!.shadowRoot!;
      assert.equal(getComputedStyle(signIn.querySelector('[part="input"]')!).borderTopColor, 'rgb(9, 8, 7)');
      assert.equal(getComputedStyle(signIn.querySelector('[part~="primary"]')!).borderTopLeftRadius, '0px');
      assert.equal(getComputedStyle(signIn.querySelector('[part="label"]')!).fontWeight, '300');
      // The provider's own sign-in form forwards the shared parts (exportparts).
      const provider = wrapper.querySelector<TeleservicesProvider>('teleservices-provider')!;
      await allUpdated(provider);
      const inner = provider.shadowRoot!.querySelector('account-sign-in')!;
      assert.equal(inner.getAttribute('exportparts'), SHARED_PARTS.join(', '));
      assert.equal(getComputedStyle(inner.shadowRoot!.querySelector('[part="heading"]')!).color, 'rgb(4, 5, 6)');
      assert.equal(getComputedStyle(inner.shadowRoot!.querySelector('[part="input"]')!).borderTopColor, 'rgb(9, 8, 7)');
    } finally {
      style.remove();
    }
  });

  it('changes the rendered colours with the contrast theme, and back', async () => {
    const signIn = await fixture<AccountSignIn>(html`<account-sign-in></account-sign-in>`);
    const panel = signIn.shadowRoot!.querySelector('[part="panel"]')!;
    const input = signIn.shadowRoot!.querySelector('[part="input"]')!;
    const primaryButton = signIn.shadowRoot!.querySelector('[part~="primary"]')!;
    assert.equal(getComputedStyle(panel).backgroundColor, 'rgb(255, 255, 255)');
    const { tokens } = themeDeclarations(await (await fetch(CONTRAST_THEME)).text());
    const expected = (name: TokenName) => `rgb(${rgb(tokens[name]!).join(', ')})`;
    await withStylesheet(CONTRAST_THEME, async () => {
      assert.equal(getComputedStyle(panel).backgroundColor, expected('color-surface'));
      assert.equal(getComputedStyle(signIn).color, expected('color-text'));
      assert.equal(getComputedStyle(input).color, expected('color-text'), 'typed text follows the theme');
      assert.equal(getComputedStyle(input).borderTopWidth, tokens['border-width']);
      assert.equal(getComputedStyle(primaryButton).backgroundColor, expected('color-primary'));
      assert.equal(getComputedStyle(primaryButton).color, expected('color-on-primary'));
    });
    assert.equal(getComputedStyle(panel).backgroundColor, 'rgb(255, 255, 255)');
  });

  it('ships a contrast theme that redefines known --ts-* tokens only, on :root', async () => {
    const { tokens, selectors, others } = themeDeclarations(await (await fetch(CONTRAST_THEME)).text());
    assert.deepEqual(selectors, [':root']);
    assert.deepEqual(others, []);
    assert.deepEqual(Object.keys(tokens).filter((name) => !(name in TOKEN_DEFAULTS)), [], 'unknown tokens');
    assert.ok(Object.keys(tokens).filter((name) => name.startsWith('color-')).length === Object.keys(TOKEN_DEFAULTS).filter((name) => name.startsWith('color-')).length, 'every colour token is redefined');
  });

  it('meets the WCAG contrasts: 7:1 text and 3:1 non-text in the contrast theme, 4.5:1 text in the default one', async () => {
    const { tokens } = themeDeclarations(await (await fetch(CONTRAST_THEME)).text());
    const contrastTheme = { ...TOKEN_DEFAULTS, ...tokens };
    assertContrasts(contrastTheme, TEXT_PAIRS, 7, 'contrast theme, text (AAA)');
    assertContrasts(contrastTheme, NON_TEXT_PAIRS, 3, 'contrast theme, non-text');
    assertContrasts(TOKEN_DEFAULTS, TEXT_PAIRS, 4.5, 'default theme, text');
    assertContrasts(TOKEN_DEFAULTS, CONTROL_PAIRS, 3, 'default theme, control borders and focus ring');
  });

  it('declares in tokens.css control borders and a focus ring at 3:1 or more, as the browser reads them', async () => {
    await withStylesheet(TOKENS_CSS, async () => {
      const root = getComputedStyle(document.documentElement);
      const declared = Object.fromEntries(Object.keys(TOKEN_DEFAULTS).map((name) => [name, root.getPropertyValue(`--ts-${name}`).trim()]));
      assertContrasts(declared, CONTROL_PAIRS, 3, 'tokens.css, control borders and focus ring');
    });
  });

  for (const [theme, stylesheets] of [
    ['the defaults the elements carry', []],
    ['tokens.css', [TOKENS_CSS]],
    ['the contrast theme', [TOKENS_CSS, CONTRAST_THEME]],
  ] as const) {
    it(`gives every input, select and textarea a 3:1 border and a visible 3:1 focus ring with ${theme}`, async () => {
      const wrapper = await fixture(html`<div>
        <test-theming-controls></test-theming-controls>
        <account-sign-in></account-sign-in>
      </div>`);
      await allUpdated(wrapper.querySelector('account-sign-in')!);
      const roots = [...wrapper.children];
      const run = (sheets: readonly URL[]): Promise<string[]> =>
        sheets.length === 0 ? controlShortfalls(roots) : withStylesheet(sheets[0]!, () => run(sheets.slice(1)));
      assert.deepEqual(await run(stylesheets), []);
    });
  }

  it('keeps a long checkbox label beside its box, wrapping there', async () => {
    const consent = await fixture<TestThemingConsent>(html`<test-theming-consent></test-theming-consent>`);
    const box = consent.shadowRoot!.querySelector('input[type="checkbox"]')!.getBoundingClientRect();
    const label = consent.shadowRoot!.querySelector('label')!.getBoundingClientRect();
    assert.ok(label.top < box.bottom, `the label starts beside the box (label top ${label.top}, box bottom ${box.bottom})`);
    assert.ok(label.left >= box.right, 'the label is to the right of the box');
  });

  it('shows a read-only field (an identity from the directory) unlike an editable one', async () => {
    const controls = await fixture<TestThemingControls>(html`<test-theming-controls></test-theming-controls>`);
    const background = (name: string) => getComputedStyle(controls.shadowRoot!.querySelector(`[name="${name}"]`)!).backgroundColor;
    assert.ok(background('readonly') !== background('text'), 'the read-only field has its own background');
    assert.deepEqual(rgb(background('readonly')), rgb(TOKEN_DEFAULTS['color-surface-muted']));
  });

  it('finds every element of the barrel (the checks below cover them all)', () => {
    assert.ok(elementClasses.length >= 20, `only ${elementClasses.length} element classes`);
  });

  it('has no colour in any element’s styles but through the tokens', () => {
    const offenders: string[] = [];
    for (const [name, element] of elementClasses) {
      for (const style of element.elementStyles) {
        const css = withoutTokens(cssTextOf(style).replace(/\/\*[\s\S]*?\*\//g, ''));
        for (const [, property, value] of css.matchAll(/([\w-]+)\s*:\s*([^;{}]+)/g)) {
          if (COLOUR_LITERAL.test(value!)) offenders.push(`${name}: ${property}: ${value!.trim()}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('falls back, wherever a token is used, to its default value', () => {
    const stale: string[] = [];
    for (const [name, element] of elementClasses) {
      for (const style of element.elementStyles) {
        for (const [, token, fallback] of cssTextOf(style).matchAll(/var\(--ts-([\w-]+)(?:,\s*((?:[^()]|\([^()]*\))*))?\)/g)) {
          const expected = TOKEN_DEFAULTS[token as TokenName];
          if (expected === undefined) stale.push(`${name}: unknown token --ts-${token}`);
          else if ((fallback ?? '').trim() !== expected) stale.push(`${name}: --ts-${token} falls back to ${fallback ?? 'nothing'}, not ${expected}`);
        }
      }
    }
    assert.deepEqual([...new Set(stale)], []);
  });
});

declare global {
  interface HTMLElementTagNameMap {
    'test-theming-controls': TestThemingControls;
  }
}
