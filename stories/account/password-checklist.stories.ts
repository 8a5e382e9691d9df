import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/account/password-checklist/password-checklist.ts';

interface PasswordChecklistArgs {
  password: string;
}

const meta: Meta<PasswordChecklistArgs> = {
  title: 'Compte/password-checklist',
  component: 'password-checklist',
  args: { password: '' },
  argTypes: {
    password: { control: 'text', description: 'Le mot de passe à vérifier (propriété seulement, jamais un attribut).' },
  },
  render: ({ password }) => html`<password-checklist .password=${password}></password-checklist>`,
};

export default meta;

type Story = StoryObj<PasswordChecklistArgs>;

/** Nothing typed yet: every rule listed, none met. */
export const Empty: Story = {};

/** Only the lower-case rule is met. */
export const Weak: Story = { args: { password: 'abc' } };

/** Every rule met. */
export const Strong: Story = { args: { password: 'Medecin#2026' } };

/** Under an ancestor with lang="en", whatever the toolbar says. */
export const English: Story = {
  args: { password: 'abc' },
  decorators: [(story) => html`<div lang="en">${story()}</div>`],
};
