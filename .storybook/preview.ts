/// <reference types="vite/client" />
import type { Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../components/styles/tokens.css';

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
  parameters: {
    controls: { expanded: true },
  },
};

export default preview;
