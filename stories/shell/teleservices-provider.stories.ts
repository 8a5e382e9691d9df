import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/shell/teleservices-provider/teleservices-provider.ts';
import '../../components/shell/teleservices-sync-status/teleservices-sync-status.ts';
import type { TeleservicesProvider } from '../../components/shell/teleservices-provider/teleservices-provider.ts';
import { patientZero } from '../../domain/testing/fiche-fixtures.ts';

interface ProviderArgs {
  server: string;
}

const meta: Meta<ProviderArgs> = {
  title: 'Socle/teleservices-provider',
  component: 'teleservices-provider',
  args: { server: 'http://127.0.0.1:8787' },
  argTypes: { server: { control: 'text', description: 'Adresse du serveur de synchronisation (lancez `npm run demo` pour le serveur de démonstration).' } },
  // What a story leaves on the device (a kept session, another person's entries) is not the next one's.
  loaders: [
    async () => {
      localStorage.removeItem('teleservices.session');
      localStorage.removeItem('teleservices.deviceAccounts');
      return {};
    },
  ],
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

/** A server that does not answer: after an attempt, the form says plainly that signing in needs the network. */
export const ServeurInjoignable: Story = { args: { server: 'http://127.0.0.1:9' } };

/**
 * Another person's entries wait on this device (their session expired offline, or they signed out
 * without waiting): never sent under someone else's session; deleting them takes a confirmation.
 */
export const SaisiesDUneAutrePersonne: Story = {
  loaders: [
    async () => {
      localStorage.setItem('teleservices.deviceAccounts', JSON.stringify([{ database: 'teleservices-story-martin', userId: 'u-martin', name: 'Dr Claire Martin', unsent: 3 }]));
      return {};
    },
  ],
};

/**
 * « Se déconnecter » (`requestSignOut()`) with an entry the server has not received: the provider
 * warns and offers to wait. The session is the one kept on the device, opened offline without the server.
 */
export const DeconnexionAvecSaisiesEnAttente: Story = {
  loaders: [
    async ({ args }) => {
      const user = { id: 'u-story-martin', email: 'dr.martin@demo.test', role: 'medecin', civility: 'Dr', firstName: 'Claire', lastName: 'Martin', strongAuth: false, accountKind: 'liberal', emailVerified: true, firstSignIn: false, passwordChangeRequired: false, structures: [{ id: 's-cabinet-martin', kind: 'cabinet', name: 'Cabinet Martin', amNumber: '631994977', finess: null }] };
      localStorage.setItem('teleservices.session', JSON.stringify({ server: args['server'], token: 'story-kept-token', expiresAt: '2099-01-01T00:00:00.000Z', user }));
      return {};
    },
  ],
  render: ({ server }) => html`
    <teleservices-provider server=${server} storage="memory" offline>
      <teleservices-sync-status></teleservices-sync-status>
      <p>Les widgets de Dr Claire Martin.</p>
    </teleservices-provider>
  `,
  decorators: [
    (story) => {
      setTimeout(async () => {
        const provider = document.querySelector<TeleservicesProvider>('teleservices-provider');
        for (let i = 0; i < 100 && !provider?.services; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        if (!provider?.services) return;
        await provider.services.fiches.save(patientZero(), 'medecin');
        await provider.requestSignOut();
      });
      return story();
    },
  ],
};
