import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/account/account-create/account-create.ts';
import { playSteps, storyAccountCreation } from '../support/story-accounts.ts';

interface CreateArgs {
  card: boolean;
  strongAuth: '' | 'pro_sante_connect' | 'simulated_cps' | 'none';
}

/**
 * "Créer un compte": each step with the demo directory's answers (a stand-in for the server).
 * With `npm run demo`, the same steps run for real from the sign-in's « Créer un compte ».
 */
const meta: Meta<CreateArgs> = {
  title: 'Compte/account-create',
  component: 'account-create',
  args: { card: false, strongAuth: 'simulated_cps' },
  argTypes: {
    card: { control: 'boolean', description: 'Commencer avec une carte CPS déjà lue (connexion par carte sans compte).' },
    strongAuth: { control: 'select', options: ['', 'pro_sante_connect', 'simulated_cps', 'none'], description: 'Authentification forte du serveur (vide : demandée au serveur).' },
  },
  render: ({ card, strongAuth }) =>
    html`<account-create .api=${storyAccountCreation} strong-auth=${strongAuth} .card=${card ? { rpps: '10007890121', code: '1234' } : null}></account-create>`,
};
export default meta;
type Story = StoryObj<CreateArgs>;

/** The three ways in: CPS card (simulated), or the AM / FINESS number. */
export const Debut: Story = {};

/** A server with Pro Santé Connect: « Créer mon compte avec ma carte CPS » leaves for the provider. */
export const ProSanteConnect: Story = { args: { strongAuth: 'pro_sante_connect' } };

/** A card read: "Vous êtes sur le point de créer un compte personnel…". */
export const CarteLue: Story = { args: { card: true } };

/** The account form of the strong paths (identity read-only, e-mail twice, password with the live checklist, consent). */
export const Formulaire: Story = { args: { card: true }, decorators: [playSteps('account-create', [{ click: 'continue' }])] };

/** The form sent empty: errors next to each field and the summary. */
export const FormulaireErreurs: Story = {
  args: { card: true },
  decorators: [playSteps('account-create', [{ click: 'continue' }, { type: { email: 'julie@exemple.fr', emailConfirmation: 'julie@exemple.com', password: 'faible' } }, { submit: 'Créer votre compte' }])],
};

/** A liberal practitioner's number: security key (NIR + 4 IBAN characters in two boxes) or letter. */
export const CleDeSecurite: Story = { decorators: [playSteps('account-create', [{ type: { number: '940123409' } }, { submit: 'Sans carte CPS' }])] };

/** A pharmacy's FINESS: the administrative-account notice, no security key. */
export const CompteAdministratif: Story = { decorators: [playSteps('account-create', [{ type: { number: '750078909' } }, { submit: 'Sans carte CPS' }])] };

/** A health centre's FINESS: the director's form ("Nom et prénom, ou raison sociale"). */
export const DirecteurCentreDeSante: Story = { decorators: [playSteps('account-create', [{ type: { number: '930045604' } }, { submit: 'Sans carte CPS' }])] };

/** The letter's confirmation, with the practice's address. */
export const CourrierEnvoye: Story = {
  decorators: [
    playSteps('account-create', [
      { type: { number: '750078909' } },
      { submit: 'Sans carte CPS' },
      { click: 'continue-admin' },
      { type: { email: 'contact@pharmacie-marche.fr', emailConfirmation: 'contact@pharmacie-marche.fr' } },
      { tick: 'consent' },
      { submit: 'Créer votre compte' },
    ]),
  ],
};

/** The strong path's end: the account works at once (the provider signs in with it). */
export const CompteCree: Story = {
  args: { card: true },
  decorators: [
    playSteps('account-create', [
      { click: 'continue' },
      { type: { email: 'julie.lambert@exemple.fr', emailConfirmation: 'julie.lambert@exemple.fr', password: 'Lambert#2026', passwordConfirmation: 'Lambert#2026' } },
      { tick: 'consent' },
      { submit: 'Créer votre compte' },
    ]),
  ],
};

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
