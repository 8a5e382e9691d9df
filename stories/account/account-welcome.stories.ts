import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/account/account-welcome/account-welcome.ts';

interface WelcomeArgs {
  passwordRequired: boolean;
  emailPending: boolean;
  name: string;
}

/** A stand-in for the signed-in account's API: the dialog's calls succeed. */
const api = { changePassword: async () => 'Votre mot de passe a été modifié.', welcomed: async () => undefined };

const meta: Meta<WelcomeArgs> = {
  title: 'Compte/account-welcome',
  component: 'account-welcome',
  args: { passwordRequired: false, emailPending: false, name: 'Dr Julie Lambert' },
  render: ({ passwordRequired, emailPending, name }) =>
    html`<account-welcome .api=${api} ?password-required=${passwordRequired} ?email-pending=${emailPending} name=${name}></account-welcome>`,
};
export default meta;
type Story = StoryObj<WelcomeArgs>;

/** The one-time welcome of the first sign-in. */
export const Bienvenue: Story = {};

/** With the reminder to validate the e-mail address. */
export const AdresseAValider: Story = { args: { emailPending: true } };

/** After a sign-in with the temporary password of the letter: the personal password first (cannot be dismissed). */
export const MotDePasseProvisoire: Story = { args: { passwordRequired: true, name: 'Dr Hugo Roux' } };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
