import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  // The MDX pages first: each service's « Parcours » page heads its group in the sidebar. They
  // link to the stories and never embed them (each story closes the runtime of the one before,
  // stories/support/story-runtime.ts); no autodocs, for the same reason. `npm run test:stories`
  // runs the CSF stories only.
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  // Storybook reads vite.config.ts (the demo's): its service worker is the demo's, not Storybook's.
  viteFinal: (config) => ({
    ...config,
    plugins: (config.plugins ?? []).flat().filter((plugin) => !(plugin && typeof plugin === 'object' && 'name' in plugin && String(plugin.name).startsWith('vite-plugin-pwa'))),
  }),
};

export default config;
