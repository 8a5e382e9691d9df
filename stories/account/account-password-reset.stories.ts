import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/account/account-password-reset/account-password-reset.ts';

interface ResetArgs {
  server: string;
  token: string;
  sharedEmail: string;
}

const meta: Meta<ResetArgs> = {
  title: 'Compte/account-password-reset',
  component: 'account-password-reset',
  args: { server: 'http://127.0.0.1:8787', token: '', sharedEmail: '' },
  render: ({ server, token, sharedEmail }) => html`<account-password-reset server=${server} token=${token} shared-email=${sharedEmail}></account-password-reset>`,
};
export default meta;
type Story = StoryObj<ResetArgs>;

/** Step 1: ask for a link by e-mail or AM / FINESS number. */
export const Demande: Story = {};

/** Step 1, with an e-mail several accounts share (a group practice): nothing was sent, the AM / FINESS number is asked. */
export const AdressePartagee: Story = { args: { sharedEmail: 'secretariat.tilleuls@demo.test' } };

/** Step 2: the e-mailed link opened — choose the new password (live checklist). */
export const NouveauMotDePasse: Story = { args: { token: 'lien-de-demonstration' } };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
