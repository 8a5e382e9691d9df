import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/delegation/delegation-dashboard/delegation-dashboard.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import '../../components/testing/runtime-host.ts';
import type { DelegationDocument } from '../../domain/index.ts';
import {
  daysFromToday,
  openDelegationRuntime,
  playDelegationSteps,
  storyDelegation,
  storyDelegationServices,
  type DelegationStoryStep,
} from '../support/story-delegations.ts';

type Commands = 'simulated' | 'offline';

interface DashboardArgs {
  commands: Commands;
}

const oneStructure = (delegation: DelegationDocument) => delegation.structures.slice(0, 1);

/** Dr Claire Martin's delegations, one in each status; Inès Roussel's is « À valider ». */
const everyStatus = (me: string): DelegationDocument[] => {
  const comptable = storyDelegation({ delegantId: me, delegateEmail: 'nouveau.cabinet@exemple.fr', profile: 'comptable', status: 'en_cours', createdAt: '2026-03-12T09:00:00.000Z' });
  return [
    storyDelegation({ delegantId: me, delegateId: 'u-remplacant', delegateEmail: 'remplacant@demo.test', delegateCivility: 'Dr', delegateFirstName: 'Lucas', delegateLastName: 'Garnier', status: 'validee', createdAt: '2026-03-09T09:00:00.000Z' }),
    storyDelegation({
      delegantId: me,
      delegateId: 'u-roussel',
      delegateEmail: 'ines.roussel@exemple.fr',
      delegateCivility: 'Mme',
      delegateFirstName: 'Inès',
      delegateLastName: 'Roussel',
      profile: 'assistant_medical',
      cpeCardId: '8A1234567',
      status: 'a_valider',
      createdAt: '2026-03-11T09:00:00.000Z',
    }),
    { ...comptable, structures: oneStructure(comptable) },
    storyDelegation({ delegantId: me, delegateId: 'u-petit', delegateEmail: 'hugo.petit@exemple.fr', delegateCivility: 'M.', delegateFirstName: 'Hugo', delegateLastName: 'Petit', profile: 'comptable', status: 'refusee', createdAt: '2026-03-05T09:00:00.000Z' }),
    storyDelegation({ delegantId: me, delegateEmail: 'ancien.remplacant@exemple.fr', status: 'non_aboutie', createdAt: '2026-02-20T09:00:00.000Z' }),
  ];
};

const LAST_NAMES = ['Lefèvre', 'Lefebvre', 'Moreau', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin'];
const FIRST_NAMES = ['Anne', 'Paul', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Emma', 'Jules', 'Inès', 'Nathan'];
const STATUSES = ['validee', 'en_cours', 'validee', 'a_valider', 'refusee', 'validee', 'non_aboutie'] as const;
const PROFILES = ['remplacant', 'comptable', 'assistant_medical'] as const;

/** 23 delegations: three pages of ten. */
const many = (me: string): DelegationDocument[] =>
  LAST_NAMES.map((lastName, i) => {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const profile = PROFILES[i % PROFILES.length]!;
    const delegation = storyDelegation({
      delegantId: me,
      delegateId: `u-many-${i}`,
      delegateEmail: `${firstName}.${lastName}@exemple.fr`.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''),
      delegateCivility: i % 2 ? 'M.' : 'Mme',
      delegateFirstName: firstName,
      delegateLastName: lastName,
      profile,
      cpeCardId: profile === 'assistant_medical' ? '8A1234567' : '',
      status: STATUSES[i % STATUSES.length]!,
      createdAt: `2026-02-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`,
    });
    return profile === 'comptable' ? { ...delegation, structures: oneStructure(delegation) } : delegation;
  });

/** What Lucas Garnier (délégué) received: to answer, to act on now, not yet valid, refused. */
const received = (me: string): DelegationDocument[] => {
  const delegate = { delegateId: me, delegateEmail: 'remplacant@demo.test', delegateCivility: 'Dr', delegateFirstName: 'Lucas', delegateLastName: 'Garnier' };
  return [
    storyDelegation({ ...delegate, delegantId: 'u-martin', delegantName: 'Dr Claire Martin', status: 'en_cours', createdAt: '2026-03-12T09:00:00.000Z' }),
    storyDelegation({
      ...delegate,
      delegantId: 'u-durand',
      delegantName: 'Dr Pierre Durand',
      status: 'validee',
      structures: [{ id: 's-cabinet-durand', name: 'Cabinet Durand', number: '691234561', address: '8 rue de la République 69002 LYON' }],
      createdAt: '2026-03-10T09:00:00.000Z',
    }),
    storyDelegation({
      ...delegate,
      delegantId: 'u-bernard',
      delegantName: 'Dr Sophie Bernard',
      status: 'validee',
      validFrom: daysFromToday(30),
      validUntil: daysFromToday(60),
      structures: [{ id: 's-cabinet-bernard', name: 'Cabinet Bernard', number: '331234565', address: '2 cours de l’Intendance 33000 BORDEAUX' }],
      createdAt: '2026-03-08T09:00:00.000Z',
    }),
    storyDelegation({ ...delegate, delegantId: 'u-lemoine', delegantName: 'Dr Marc Lemoine', profile: 'comptable', status: 'refusee', structures: [{ id: 's-cabinet-lemoine', name: 'Cabinet Lemoine', number: '131234560', address: '5 quai du Port 13002 MARSEILLE' }], createdAt: '2026-03-01T09:00:00.000Z' }),
  ];
};

const delegant = (documents?: (me: string) => DelegationDocument[]) => [async () => ({ runtime: await openDelegationRuntime({ documents }) })];
const delegate = [async () => ({ runtime: await openDelegationRuntime({ role: 'delegue', documents: received }) })];
const playing = (steps: readonly DelegationStoryStep[]) => [playDelegationSteps('delegation-dashboard', steps)];

/**
 * "Délégations — Tableau de bord" (seed 003): Dr Claire Martin's delegations (signed in with
 * her CPS card, two practices), read from a real in-memory replica, offline, with no server. The commands (VALIDER, delete, accept / refuse)
 * are answered in the page (`commands: simulated`), or go to the absent server (`offline`:
 * "cette action a besoin du réseau"). With `npm run demo`, the same dashboard runs for real.
 */
const meta: Meta<DashboardArgs> = {
  title: 'Délégation/delegation-dashboard',
  component: 'delegation-dashboard',
  args: { commands: 'simulated' },
  argTypes: {
    commands: {
      control: 'inline-radio',
      options: ['simulated', 'offline'],
      description: 'Les actions (valider, supprimer, accepter, refuser) : réponses du serveur simulées dans la page, ou serveur absent (message « a besoin du réseau »).',
    },
  },
  render: ({ commands }, { loaded }) =>
    html`<test-runtime-provider .services=${storyDelegationServices(loaded['runtime'] as TeleservicesRuntime, commands)}><delegation-dashboard></delegation-dashboard></test-runtime-provider>`,
};
export default meta;
type Story = StoryObj<DashboardArgs>;

/** No delegation yet: "Aucune délégation", « Créer une nouvelle délégation ». */
export const Vide: Story = { loaders: delegant() };

/** One delegation in each status; VALIDER on Inès Roussel's « À valider » row. */
export const TousLesStatuts: Story = { name: 'Tous les statuts', loaders: delegant(everyStatus) };

/** VALIDER clicked (answer simulated): "… est validée : votre délégué peut maintenant se connecter." */
export const Validee: Story = { name: 'VALIDER', loaders: delegant(everyStatus), decorators: playing([{ click: 'validate' }]) };

/** 23 delegations: ten rows a page (Nb lignes/page), the pagination. */
export const PlusieursPages: Story = { name: 'Plusieurs pages', loaders: delegant(many) };

/** Five rows a page (Nb lignes/page), on page 2. */
export const CinqParPage: Story = {
  name: 'Cinq lignes par page',
  loaders: delegant(many),
  decorators: playing([{ select: { 'per-page': '5' } }, { press: 'nav.pages button[aria-label="Page 2"]' }]),
};

/** "Par nom": « lefe » finds Lefèvre and Lefebvre (accents and case ignored). */
export const Recherche: Story = { loaders: delegant(many), decorators: playing([{ type: { name: 'lefe' } }, { click: 'search' }]) };

/** A search that finds nothing: "Aucune délégation ne correspond à la recherche." */
export const RechercheSansResultat: Story = { name: 'Recherche sans résultat', loaders: delegant(everyStatus), decorators: playing([{ type: { name: 'Durand' } }, { click: 'search' }]) };

/** The trash icon: "Suppression de délégation - Confirmation". */
export const ConfirmationSuppression: Story = { name: 'Confirmation de suppression', loaders: delegant(everyStatus), decorators: playing([{ click: 'delete' }]) };

/** « Confirmer » (answer simulated): "La délégation a bien été supprimée.", the row is gone. */
export const Supprimee: Story = { name: 'Supprimée', loaders: delegant(everyStatus), decorators: playing([{ click: 'delete' }, { click: 'confirm-delete' }]) };

/** « Confirmer » with no server: the action needs the network; the row stays. */
export const HorsLigne: Story = { name: 'Hors ligne', args: { commands: 'offline' }, loaders: delegant(everyStatus), decorators: playing([{ click: 'delete' }, { click: 'confirm-delete' }]) };

/** The accountant's « En cours » delegation (one practice of two): its update button. */
const openUpdate: DelegationStoryStep = { press: 'button[name="update"][aria-label*="nouveau.cabinet@exemple.fr"]' };

/** « Mise à jour d’une délégation »: who and which profile (they stay), the dates and the structures, filled with the delegation as it is. */
export const MiseAJour: Story = { name: 'Mise à jour', loaders: delegant(everyStatus), decorators: playing([openUpdate]) };

/** A Remplaçant's update: every structure stays selected (the profile takes them all); only the dates change. */
export const MiseAJourRemplacant: Story = { name: 'Mise à jour — remplaçant', loaders: delegant(everyStatus), decorators: playing([{ press: 'button[name="update"][aria-label*="remplacant@demo.test"]' }]) };

/** An end date before the start: the shared schema's message next to « Date de fin », before any server. */
export const MiseAJourErreur: Story = {
  name: 'Mise à jour — erreur',
  loaders: delegant(everyStatus),
  decorators: playing([openUpdate, { type: { validFrom: daysFromToday(10), validUntil: daysFromToday(5) } }, { submitForm: '.update form' }]),
};

/** The second practice added and saved (answer simulated): the confirmation, « Retour au tableau de bord ». */
export const MiseAJourEnregistree: Story = {
  name: 'Mise à jour enregistrée',
  loaders: delegant(everyStatus),
  decorators: playing([openUpdate, { press: 'input[name="structureIds"][value="s-cabinet-vincennes"]' }, { submitForm: '.update form' }]),
};

/** Saved with no server: the update needs the network; what was typed stays. */
export const MiseAJourHorsLigne: Story = {
  name: 'Mise à jour — hors ligne',
  args: { commands: 'offline' },
  loaders: delegant(everyStatus),
  decorators: playing([openUpdate, { type: { validUntil: daysFromToday(120) } }, { submitForm: '.update form' }]),
};

/** Signed in with a password: the update needs the CPS card, said instead of the form. */
export const MiseAJourSansCarte: Story = {
  name: 'Mise à jour — sans carte CPS',
  loaders: [async () => ({ runtime: await openDelegationRuntime({ strongAuth: false, documents: everyStatus }) })],
  decorators: playing([openUpdate]),
};

/**
 * A délégué (Lucas Garnier): the delegations received — accept or refuse, « Agir pour le compte
 * de… » within the validity period (the provider opens the delegated session), or not yet.
 */
export const Delegue: Story = { name: 'Délégué', loaders: delegate };

/** The délégué accepts Dr Claire Martin's delegation (answer simulated): it is « Validée », he may act. */
export const DelegueAccepte: Story = { name: 'Délégué — accepte', loaders: delegate, decorators: playing([{ click: 'accept' }]) };

/** A substitute without a practice: no « Créer une nouvelle délégation » (the server would refuse it), the reason, and the delegations received. */
export const RemplacantSansCabinet: Story = {
  name: 'Remplaçant sans cabinet',
  loaders: [async () => ({ runtime: await openDelegationRuntime({ withoutPractice: true, documents: (me) => received(me).slice(0, 1).map((d) => ({ ...d, delegateId: me })) }) })],
};

/** A narrow card (360 px, a phone): each delegation a block, each value under its column's name, the pencil and the trash last — nothing outside the card. */
export const EcranEtroit: Story = { name: 'Écran étroit', loaders: delegant(everyStatus), decorators: [(story) => html`<div style="max-width: 360px">${story()}</div>`] };

/** A card of a 750 px screen (a tablet): the rows stacked too, VALIDER, the pencil and the trash within the card. */
export const Tablette: Story = { name: 'Tablette (750 px)', loaders: delegant(everyStatus), decorators: [(story) => html`<div style="max-width: 718px">${story()}</div>`] };

/** A délégué on a phone: « Agir pour le compte de… » and the answers within the card. */
export const DelegueEcranEtroit: Story = { name: 'Délégué — écran étroit', loaders: delegate, decorators: [(story) => html`<div style="max-width: 360px">${story()}</div>`] };

/** English. */
export const English: Story = { loaders: delegant(everyStatus), decorators: [(story) => html`<div lang="en">${story()}</div>`] };
