import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/delegation/delegation-create-form/delegation-create-form.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import '../../components/testing/runtime-host.ts';
import { daysFromToday, openDelegationRuntime, playDelegationSteps, storyDelegationServices, type DelegationStoryStep } from '../support/story-delegations.ts';

type Commands = 'simulated' | 'offline';

interface CreateFormArgs {
  commands: Commands;
}

const withCard = [async () => ({ runtime: await openDelegationRuntime({ strongAuth: true }) })];
const playing = (steps: readonly DelegationStoryStep[]) => [playDelegationSteps('delegation-create-form', steps)];

const EMAIL_FORM = 'form:has([name="delegateEmail"])';
const DETAILS_FORM = 'form:has([name="profile"])';
/** Lucas Garnier's account: the account check, « Oui ». */
const toLucas: DelegationStoryStep[] = [{ type: { delegateEmail: 'remplacant@demo.test' } }, { submitForm: EMAIL_FORM }, { click: 'verify-yes' }];
/** An address no account uses: straight to the details. */
const toNewAddress = (email: string): DelegationStoryStep[] => [{ type: { delegateEmail: email } }, { submitForm: EMAIL_FORM }];

/**
 * "Créer une nouvelle délégation" (seed 003, §1) for Dr Claire Martin, signed in with her CPS card
 * (simulated) and two practices, on a real in-memory runtime with no server. The server's answers
 * (the account an e-mail names, the creation) are simulated in the page (`commands: simulated`;
 * `remplacant@demo.test` is Lucas Garnier's account, any other address names none), or the
 * server is absent (`offline`). With `npm run demo`, the same form runs for real.
 */
const meta: Meta<CreateFormArgs> = {
  title: 'Délégation/delegation-create-form',
  component: 'delegation-create-form',
  args: { commands: 'simulated' },
  argTypes: {
    commands: {
      control: 'inline-radio',
      options: ['simulated', 'offline'],
      description: 'Les réponses du serveur (compte du délégué, création) : simulées dans la page, ou serveur absent (message « a besoin du réseau »).',
    },
  },
  loaders: withCard,
  render: ({ commands }, { loaded }) =>
    html`<test-runtime-provider .services=${storyDelegationServices(loaded['runtime'] as TeleservicesRuntime, commands)}><delegation-create-form></delegation-create-form></test-runtime-provider>`,
};
export default meta;
type Story = StoryObj<CreateFormArgs>;

/** Signed in with a password, not the CPS card: creating a delegation needs strong authentication. */
export const CarteCpsRequise: Story = { name: 'Carte CPS requise', loaders: [async () => ({ runtime: await openDelegationRuntime({ strongAuth: false }) })] };

/** The délégué's e-mail, with the warning about typing mistakes. */
export const Adresse: Story = {};

/** An address that is not one. */
export const AdresseInvalide: Story = { name: 'Adresse invalide', decorators: playing([{ type: { delegateEmail: 'remplacant@demo' } }, { submitForm: EMAIL_FORM }]) };

/** The address names an account: "Vérification de compte — Cet utilisateur correspond-il à votre délégué ?" */
export const VerificationDeCompte: Story = { name: 'Vérification de compte', decorators: playing([{ type: { delegateEmail: 'remplacant@demo.test' } }, { submitForm: EMAIL_FORM }]) };

/** « Oui », then Remplaçant: what it gives, and every structure forced. */
export const Remplacant: Story = { name: 'Remplaçant', decorators: playing([...toLucas, { choose: { profile: 'remplacant' } }]) };

/** No account for the address (a secure link will be sent); Comptable: one or more structures. */
export const Comptable: Story = { decorators: playing([...toNewAddress('compta@exemple.fr'), { choose: { profile: 'comptable' } }]) };

/** Assistant médical: the CPE card id, every structure forced. */
export const AssistantMedical: Story = { name: 'Assistant médical', decorators: playing([...toNewAddress('assistante@exemple.fr'), { choose: { profile: 'assistant_medical' } }]) };

/** The details sent empty: errors next to each field and the summary. */
export const Erreurs: Story = { decorators: playing([...toNewAddress('compta@exemple.fr'), { submitForm: DETAILS_FORM }]) };

/** Assistant médical, end before start and no CPE card: the shared rules' messages. */
export const ErreursAssistantMedical: Story = {
  name: 'Erreurs — assistant médical',
  decorators: playing([...toNewAddress('assistante@exemple.fr'), { choose: { profile: 'assistant_medical' } }, { type: { validFrom: daysFromToday(20), validUntil: daysFromToday(5) } }, { submitForm: DETAILS_FORM }]),
};

/** « Valider » (answer simulated): the delegation is created, « En cours » until the délégué answers. */
export const Creee: Story = {
  name: 'Créée',
  decorators: playing([
    ...toNewAddress('compta@exemple.fr'),
    { choose: { profile: 'comptable' } },
    { type: { validFrom: daysFromToday(0), validUntil: daysFromToday(90) } },
    { tick: 'structureIds' },
    { submitForm: DETAILS_FORM },
  ]),
};

/** « Remplaçant » for a doctor who works in a practice (answer simulated as the server's): refused next to « Profil ». */
export const RemplacantNonExclusif: Story = {
  name: 'Remplaçant non exclusif',
  decorators: playing([
    ...toNewAddress('dr.durand@demo.test'),
    { choose: { profile: 'remplacant' } },
    { type: { validFrom: daysFromToday(0), validUntil: daysFromToday(30) } },
    { submitForm: DETAILS_FORM },
  ]),
};

/** No server: "la création d'une délégation a besoin du réseau"; what was typed is kept. */
export const HorsLigne: Story = { name: 'Hors ligne', args: { commands: 'offline' }, decorators: playing(toNewAddress('compta@exemple.fr')) };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };

/** English: the details of a Remplaçant. */
export const EnglishDetails: Story = { name: 'English — details', decorators: [...playing([...toLucas, { choose: { profile: 'remplacant' } }]), (story) => html`<div lang="en">${story()}</div>`] };
