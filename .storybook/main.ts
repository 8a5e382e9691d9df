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
};

export default config;
