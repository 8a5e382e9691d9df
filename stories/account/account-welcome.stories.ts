import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/account/account-welcome/account-welcome.ts';

interface WelcomeArgs {
  passwordRequired: boolean;
  emailPending: boolean;
  ownEmailRequired: boolean;
  name: string;
}

/** A stand-in for the signed-in account's API: the dialog's calls succeed. */
const api = {
  changePassword: async () => 'Votre mot de passe a été modifié.',
  changeEmail: async () => 'Un e-mail vient d’être envoyé à thomas.leroy@exemple.fr : cliquez sur le lien qu’il contient pour valider votre nouvelle adresse.',
  welcomed: async () => undefined,
};

const meta: Meta<WelcomeArgs> = {
  title: 'Compte/account-welcome',
  component: 'account-welcome',
  args: { passwordRequired: false, emailPending: false, ownEmailRequired: false, name: 'Dr Julie Lambert' },
  render: ({ passwordRequired, emailPending, ownEmailRequired, name }) =>
    html`<account-welcome .api=${api} ?password-required=${passwordRequired} ?email-pending=${emailPending} ?own-email-required=${ownEmailRequired} name=${name}></account-welcome>`,
};
export default meta;
type Story = StoryObj<WelcomeArgs>;

/** The one-time welcome of the first sign-in. */
export const Bienvenue: Story = {};

/** With the reminder to validate the e-mail address. */
export const AdresseAValider: Story = { args: { emailPending: true } };

/** After a sign-in with the temporary password of the letter: the personal password first (cannot be dismissed). */
export const MotDePasseProvisoire: Story = { args: { passwordRequired: true, name: 'Dr Hugo Roux' } };

/** An e-mail shared with other accounts (group practice, several practices): a unique address of one's own is asked first. */
export const AdresseUniqueDemandee: Story = { args: { ownEmailRequired: true, name: 'Dr Thomas Leroy' } };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
