import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/account/account-email-validation/account-email-validation.ts';
import { ApiRequestError } from '../../components/data/replication/api-client.ts';
import { storyAccountCreation } from '../support/story-accounts.ts';

type Outcome = 'validated' | 'used' | 'offline';

const apis: Record<Outcome, { validateEmail: typeof storyAccountCreation.validateEmail }> = {
  validated: storyAccountCreation,
  used: {
    validateEmail: async () => {
      throw new ApiRequestError('refused', 400, 'Ce lien de validation n’est plus valable (déjà utilisé ou expiré). Depuis votre compte, demandez un nouvel e-mail de validation.');
    },
  },
  offline: {
    validateEmail: async () => {
      throw new ApiRequestError('offline', 0, 'offline');
    },
  },
};

const meta: Meta<{ outcome: Outcome }> = {
  title: 'Compte/account-email-validation',
  component: 'account-email-validation',
  args: { outcome: 'validated' },
  argTypes: { outcome: { control: 'inline-radio', options: ['validated', 'used', 'offline'] } },
  render: ({ outcome }) => html`<account-email-validation .api=${apis[outcome]} token="lien-de-demonstration-000000000000"></account-email-validation>`,
};
export default meta;
type Story = StoryObj<{ outcome: Outcome }>;

/** The link followed: the address becomes an identifier. */
export const Validee: Story = {};

/** A link already used or expired. */
export const LienPerime: Story = { args: { outcome: 'used' } };

/** No network: the link could not be checked (try again). */
export const HorsLigne: Story = { args: { outcome: 'offline' } };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
