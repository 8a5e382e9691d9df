/// <reference types="vite/client" />
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/styles/tokens.css';
import contrastThemeUrl from '../components/styles/themes/contrast.css?url';
import { argTypesFromManifest, manifestControls, type CustomElementsManifest } from '../stories/support/manifest-controls.ts';
import { storySettled } from '../stories/support/story-settled.ts';

// custom-elements.json, written by `npm run analyze` (the `storybook`, `build-storybook` and
// `test:stories` scripts run it first): each story's `component: '<tag>'` gets its properties,
// attributes, events, slots, parts and CSS custom properties as argTypes.
const [manifest] = Object.values(import.meta.glob<CustomElementsManifest>('../custom-elements.json', { eager: true, import: 'default' }));
if (!manifest) throw new Error('custom-elements.json is missing: run `npm run analyze` (the npm scripts `storybook`, `build-storybook` and `test:stories` do it first).');
setCustomElementsManifest(manifest);

/**
 * The toolbar's theme: the widgets' default tokens, or the shipped contrast theme linked after
 * them, as a host page would (demo/demo-theme.ts); the canvas takes the theme's surface.
 */
function applyTheme(theme: string): void {
  let link = document.querySelector<HTMLLinkElement>('link#teleservices-contrast-theme');
  if (theme === 'contrast') {
    if (!link) {
      link = document.createElement('link');
      link.id = 'teleservices-contrast-theme';
      link.rel = 'stylesheet';
      link.href = contrastThemeUrl;
      document.head.append(link);
    }
    document.body.style.setProperty('background', 'var(--ts-color-surface)');
    document.body.style.setProperty('color', 'var(--ts-color-text)');
  } else if (link) {
    link.remove();
    document.body.style.removeProperty('background');
    document.body.style.removeProperty('color');
  }
}

const preview: Preview = {
  globalTypes: {
    locale: {
      description: 'Langue des widgets',
      toolbar: {
        title: 'Langue',
        icon: 'globe',
        items: [
          { value: 'fr', title: 'Français' },
          { value: 'en', title: 'English' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Thème de la page hôte (components/styles/themes/)',
      toolbar: {
        title: 'Thème',
        icon: 'contrast',
        items: [
          { value: 'default', title: 'Par défaut' },
          { value: 'contrast', title: 'Contraste élevé (contrast.css)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'fr', theme: 'default' },
  decorators: [
    // After the render: the args changed in the Controls panel reach the story's element, and
    // its events reach the Actions panel (stories/support/manifest-controls.ts).
    manifestControls,
    // Storybook's iframe says <html lang="en">; the widgets take the nearest lang, so every
    // story sits in a wrapper carrying the toolbar's language (French unless changed).
    (story, { globals }) => html`<div lang=${globals['locale'] ?? 'fr'}>${story()}</div>`,
    (story, { globals }) => {
      applyTheme(String(globals['theme'] ?? 'default'));
      return story();
    },
  ],
  // Waits for the state the story shows (data loaded, steps played) before @storybook/addon-a11y
  // checks it: Storybook runs afterEach hooks in reverse order, so this one, declared after the
  // addon's, runs first.
  afterEach: async ({ canvasElement }) => storySettled(canvasElement),
  parameters: {
    controls: { expanded: true },
    // axe-core on every story; in `npm run test:stories` a violation fails the story's test.
    a11y: { test: 'error' },
    docs: {
      extractArgTypes: (component: unknown) => (typeof component === 'string' ? argTypesFromManifest(manifest, component) : null),
      // The story's code as written. The default (dynamic) renders every story a second time,
      // detached, to print its HTML: these stories open runtimes and play steps.
      source: { type: 'code' },
    },
  },
};

export default preview;
