import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/delegation/delegation-invitation/delegation-invitation.ts';
import type { DelegationInvitationService, InvitationView } from '../../components/data/delegations/delegation-api.ts';
import { ApiRequestError } from '../../components/data/replication/api-client.ts';
import type { DelegationDocument } from '../../domain/index.ts';
import { playSteps } from '../support/story-accounts.ts';

type Situation = 'with-account' | 'without-account' | 'invalid-link' | 'offline' | 'offline-answer';

interface InvitationArgs {
  situation: Situation;
}

const delegation = (hasAccount: boolean): DelegationDocument => ({
  id: 'd-story',
  delegantId: 'u-martin',
  delegantName: 'Dr Claire Martin',
  delegateId: hasAccount ? 'u-remplacant' : '',
  delegateEmail: hasAccount ? 'remplacant@demo.test' : 'assistante@exemple.fr',
  delegateCivility: hasAccount ? 'Dr' : '',
  delegateFirstName: hasAccount ? 'Lucas' : '',
  delegateLastName: hasAccount ? 'Garnier' : '',
  profile: 'remplacant',
  cpeCardId: '',
  validFrom: '2026-03-09',
  validUntil: '2026-04-03',
  status: 'en_cours',
  statusSince: '2026-03-09T09:00:00.000Z',
  structures: [{ id: 's-cabinet-martin', name: 'Cabinet Martin', number: '631994977', address: '24 avenue Daumesnil 75012 PARIS' }],
  createdAt: '2026-03-09T09:00:00.000Z',
  updatedAt: '2026-03-09T09:00:00.000Z',
});

const offline = () => new ApiRequestError('offline', 0, 'Le serveur de synchronisation est injoignable.');

/**
 * Stories only: a stand-in for the invitation routes with the seed's answers, so each state
 * shows without a server. Tests use the real one.
 */
function storyInvitationApi(situation: Situation): DelegationInvitationService {
  const view: InvitationView = { delegation: delegation(situation === 'with-account' || situation === 'offline-answer'), delegateHasAccount: situation !== 'without-account', delegantSpecialty: 'Médecine générale' };
  return {
    view: async () => {
      if (situation === 'offline') throw offline();
      if (situation === 'invalid-link') {
        throw new ApiRequestError('refused', 400, 'Ce lien de délégation n’est plus valable : la demande a déjà reçu une réponse, a expiré ou a été supprimée.', { reason: 'invalid_link' });
      }
      return view;
    },
    answer: async (_token, action) => {
      if (situation === 'offline-answer') throw offline();
      return { status: action === 'accept' ? 'validee' : action === 'refuse' ? 'refusee' : 'non_aboutie' };
    },
    createAccount: async () => ({
      status: 'a_valider',
      message: 'Votre compte a bien été créé. La connexion au portail sera possible lorsque le professionnel de santé ayant initié la délégation aura procédé à sa validation.',
    }),
  };
}

/**
 * The page of the invitation e-mail's link (`#delegation?token=…`), for the délégué: each
 * state of seed 003's sections 2 and 3 with a stand-in for the server. With `npm run demo`,
 * the links in the demo mailbox open it for real.
 */
const meta: Meta<InvitationArgs> = {
  title: 'Délégation/delegation-invitation',
  component: 'delegation-invitation',
  args: { situation: 'with-account' },
  argTypes: {
    situation: {
      control: 'select',
      options: ['with-account', 'without-account', 'invalid-link', 'offline', 'offline-answer'],
      description: 'Ce que répond le serveur : un compte existe pour l’adresse invitée, ou non ; lien déjà utilisé ; réseau absent (au chargement ou à la réponse).',
    },
  },
  render: ({ situation }) => html`<delegation-invitation token="jeton-de-demonstration-0000000000" .api=${storyInvitationApi(situation)}></delegation-invitation>`,
};
export default meta;
type Story = StoryObj<InvitationArgs>;

const playing = (steps: Parameters<typeof playSteps>[1]) => [playSteps('delegation-invitation', steps)];

/** An account uses the invited address: « Je refuse » / « J'accepte la délégation ». */
export const AvecCompte: Story = {};

/** « J'accepte la délégation »: the confirmation. */
export const Acceptee: Story = { decorators: playing([{ click: 'accept' }]) };

/** « Je refuse la délégation »: the confirmation; the délégant is told by e-mail. */
export const Refusee: Story = { decorators: playing([{ click: 'refuse' }]) };

/** No account for the invited address: « J'ai déjà un compte » / « Je crée un compte ». */
export const SansCompte: Story = { args: { situation: 'without-account' } };

/** « Je crée un compte »: "Créer votre compte en tant que délégué(e)". */
export const FormulaireCompte: Story = { args: { situation: 'without-account' }, decorators: playing([{ click: 'create-account' }]) };

/** The form sent with a weak password and nothing else: errors next to each field and the summary. */
export const FormulaireErreurs: Story = {
  args: { situation: 'without-account' },
  decorators: playing([{ click: 'create-account' }, { type: { password: 'faible', passwordConfirmation: 'faible', practitionerNumber: '123' } }, { submit: 'Créer votre compte en tant que délégué(e)' }]),
};

/** The account created: the délégant must validate the delegation before the first sign-in. */
export const CompteCree: Story = {
  args: { situation: 'without-account' },
  decorators: playing([
    { click: 'create-account' },
    { type: { civility: 'Mme', lastName: 'Benali', firstName: 'Inès', password: 'Assist#2026', passwordConfirmation: 'Assist#2026' } },
    { tick: 'consent' },
    { submit: 'Créer votre compte en tant que délégué(e)' },
  ]),
};

/** « Je ne travaille pas avec ce praticien »: "Confirmation de rejet de délégation". */
export const NonConcerne: Story = { args: { situation: 'without-account' }, decorators: playing([{ click: 'not-concerned' }]) };

/** « J'ai déjà un compte » (under another address): "Vous possédez déjà un compte". */
export const DejaUnCompte: Story = { args: { situation: 'without-account' }, decorators: playing([{ click: 'has-account' }]) };

/** A link already answered, expired or deleted: the server's message. */
export const LienInvalide: Story = { args: { situation: 'invalid-link' } };

/** No network when the link opens: retry. */
export const HorsLigne: Story = { args: { situation: 'offline' } };

/** No network when answering: the page stays, the answer can be sent again. */
export const HorsLigneReponse: Story = { args: { situation: 'offline-answer' }, decorators: playing([{ click: 'accept' }]) };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
