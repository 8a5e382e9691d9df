import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/ems/ems-inbox/ems-inbox.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { openTestRuntime } from '../../components/testing/runtime-host.ts';
import '../../components/testing/runtime-host.ts';
import { computeNirKey } from '../../domain/index.ts';
import { playSteps } from '../support/story-accounts.ts';
import { showStoryRuntime } from '../support/story-runtime.ts';

type Side = 'practitioner' | 'insurer' | 'no-card';

const nir = (body: string) => body + computeNirKey(body);
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 8, minutes)).toISOString();

/** A real offline runtime holding two threads as if the server had replicated them. */
async function runtimeFor(side: Side): Promise<TeleservicesRuntime> {
  const runtime = await showStoryRuntime(() =>
    openTestRuntime(side === 'insurer' ? 'medecin_conseil' : 'medecin', side === 'insurer' ? { strongAuth: true, firstName: 'Anne', lastName: 'Moreau' } : { strongAuth: side !== 'no-card' }),
  );
  const threads = [
    { id: 't-1', patientNir: nir('2850175112345'), patientLastName: 'DUPONT', patientFirstName: 'Marie', subject: 'Arrêt de travail prolongé', lastMessageAt: at(20), insurerReadAt: at(5), practitionerReadAt: at(2) },
    { id: 't-2', patientNir: nir('1790569123456'), patientLastName: 'LEROY', patientFirstName: 'Paul', subject: 'Protocole de soins', lastMessageAt: at(10), insurerReadAt: at(10), practitionerReadAt: at(10) },
  ];
  for (const t of threads) await runtime.db.emsthreads.upsert({ practitionerId: 'u-martin', practitionerName: 'Dr Claire Martin', office: '751', createdAt: at(0), ...t });
  const messages = [
    { id: 'm-1', threadId: 't-1', author: 'practitioner', authorName: 'Dr Claire Martin', body: 'Bonjour, au sujet de l’arrêt de Mme Dupont.', createdAt: at(1), sentAt: at(1) },
    { id: 'm-2', threadId: 't-1', author: 'insurer', authorName: 'Dr Anne Moreau', body: 'Merci, pouvez-vous préciser la date de reprise ?', createdAt: at(20), sentAt: at(20) },
    { id: 'm-3', threadId: 't-2', author: 'practitioner', authorName: 'Dr Claire Martin', body: 'Demande de protocole.', createdAt: at(10), sentAt: at(10) },
  ] as const;
  for (const m of messages) await runtime.db.emsmessages.upsert({ ...m });
  return runtime;
}

const meta: Meta<{ side: Side }> = {
  title: 'Échanges médicaux sécurisés/ems-inbox',
  component: 'ems-inbox',
  args: { side: 'practitioner' },
  argTypes: { side: { control: 'inline-radio', options: ['practitioner', 'insurer', 'no-card'] } },
  loaders: [async ({ args }) => ({ runtime: await runtimeFor(args.side) })],
  render: (_args, { loaded }) => html`<test-runtime-provider .services=${(loaded['runtime'] as TeleservicesRuntime).services}><ems-inbox></ems-inbox></test-runtime-provider>`,
};
export default meta;
type Story = StoryObj<{ side: Side }>;

/** The practitioner's threads, one unread answer. */
export const Praticien: Story = {};

/** The médecin conseil's side: the threads addressed to the caisse, with the practitioner's name. */
export const MedecinConseil: Story = { args: { side: 'insurer' } };

/** Signed in without the CPS card: the reason, no list. */
export const SansCarteCps: Story = { args: { side: 'no-card' } };

/** A search by name. */
export const Recherche: Story = { decorators: [playSteps('ems-inbox', [{ type: { search: 'leroy' } }])] };

/** The new exchange (simulated Vitale card, NIR, object, message). */
export const NouvelEchange: Story = { decorators: [playSteps('ems-inbox', [{ click: 'new-thread' }])] };

/** The new exchange sent empty: errors next to the fields and the summary. */
export const NouvelEchangeErreurs: Story = { decorators: [playSteps('ems-inbox', [{ click: 'new-thread' }, { click: 'send' }])] };

/** English. */
/** The médecin conseil opens an exchange: the doctor's RPPS first, then the patient, as the practitioner does. */
export const MedecinConseilNouvelEchange: Story = { name: 'Médecin conseil — nouvel échange', args: { side: 'insurer' }, decorators: [playSteps('ems-inbox', [{ click: 'new-thread' }])] };

/** « Envoyer » on the médecin conseil's empty form: the RPPS asked too, each error next to its field. */
export const MedecinConseilNouvelEchangeErreurs: Story = { name: 'Médecin conseil — nouvel échange, erreurs', args: { side: 'insurer' }, decorators: [playSteps('ems-inbox', [{ click: 'new-thread' }, { click: 'send' }])] };

export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
