import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/shell/teleservices-provider/teleservices-provider.ts';
import '../../components/shell/teleservices-sync-status/teleservices-sync-status.ts';

interface ProviderArgs {
  server: string;
}

const meta: Meta<ProviderArgs> = {
  title: 'Socle/teleservices-provider',
  component: 'teleservices-provider',
  args: { server: 'http://127.0.0.1:8787' },
  argTypes: { server: { control: 'text', description: 'Adresse du serveur de synchronisation (lancez `npm run demo` pour le serveur de démonstration).' } },
  render: ({ server }) => html`
    <teleservices-provider server=${server} storage="memory">
      <teleservices-sync-status></teleservices-sync-status>
      <p>Les widgets apparaissent ici une fois la session ouverte.</p>
    </teleservices-provider>
  `,
};
export default meta;

type Story = StoryObj<ProviderArgs>;

/**
 * No session: the built-in sign-in form. With `npm run demo` running, sign in with a demo
 * account (dr.martin@demo.test / Medecin#2026) to see the widgets and the sync status.
 */
export const Connexion: Story = {};

/** The same form in English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };

/** A server that does not answer: signing in says the server is unreachable. */
export const ServeurInjoignable: Story = { args: { server: 'http://127.0.0.1:9' } };
