/// <reference types="vite/client" />
import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/styles/tokens.css';
import { storySettled } from '../stories/support/story-settled.ts';

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
  },
  initialGlobals: { locale: 'fr' },
  // Storybook's iframe says <html lang="en">; the widgets take the nearest lang, so every
  // story sits in a wrapper carrying the toolbar's language (French unless changed).
  decorators: [(story, { globals }) => html`<div lang=${globals['locale'] ?? 'fr'}>${story()}</div>`],
  // Waits for the state the story shows (data loaded, steps played) before @storybook/addon-a11y
  // checks it: Storybook runs afterEach hooks in reverse order, so this one, declared after the
  // addon's, runs first.
  afterEach: async ({ canvasElement }) => storySettled(canvasElement),
  parameters: {
    controls: { expanded: true },
    // axe-core on every story; in `npm run test:stories` a violation fails the story's test.
    a11y: { test: 'error' },
  },
};

export default preview;
