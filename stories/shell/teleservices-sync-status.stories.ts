import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/shell/teleservices-sync-status/teleservices-sync-status.ts';
import type { SyncStatus } from '../../components/data/sync/sync-status.ts';
import '../support/story-services.ts';

const meta: Meta<SyncStatus> = {
  title: 'Socle/teleservices-sync-status',
  component: 'teleservices-sync-status',
  args: { connection: 'online', pending: 0, refused: 0, conflicts: 0, error: null },
  argTypes: {
    connection: { control: 'select', options: ['online', 'offline', 'error', 'unknown'] },
    pending: { control: { type: 'number', min: 0 } },
    refused: { control: { type: 'number', min: 0 } },
    conflicts: { control: { type: 'number', min: 0 } },
    error: { control: 'text' },
  },
  render: (status) => html`<story-teleservices .status=${status}><teleservices-sync-status></teleservices-sync-status></story-teleservices>`,
};
export default meta;

type Story = StoryObj<SyncStatus>;

/** The server answered and nothing waits. */
export const Synchronise: Story = {};

/** Online, two changes on their way. */
export const EnAttente: Story = { args: { pending: 2 } };

/** No network: the work stays on the device. */
export const HorsLigne: Story = { args: { connection: 'offline', pending: 3 } };

/** Offline with nothing typed yet. */
export const HorsLigneSansSaisie: Story = { args: { connection: 'offline' } };

/** The server answered with a problem, in its own words. */
export const Erreur: Story = { args: { connection: 'error', pending: 1, error: 'Votre session a expiré ou a été fermée : reconnectez-vous.' } };

/** A file refused and another merged over a concurrent change. */
export const RefusEtConflit: Story = { args: { refused: 1, conflicts: 2 } };

/** Before the first exchange with the server. */
export const Connexion: Story = { args: { connection: 'unknown' } };

/** Outside any provider: says there is no session. */
export const SansSession: Story = { render: () => html`<teleservices-sync-status></teleservices-sync-status>` };

/** English. */
export const English: Story = {
  args: { connection: 'offline', pending: 1 },
  decorators: [(story) => html`<div lang="en">${story()}</div>`],
};
