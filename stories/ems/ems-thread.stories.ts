import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { LocalEmsMessage, LocalEmsThread } from '../../components/data/ems/ems-collection-schemas.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import '../../components/ems/ems-thread/ems-thread.ts';
import { openTestRuntime } from '../../components/testing/runtime-host.ts';
import { showStoryRuntime, submitAfterRender } from '../support/story-runtime.ts';

const THREAD_ID = 't-story-dupont';
const NIR = '255081416802538';
const STRUCTURES = {
  medecin: [{ id: 's-cabinet-martin', kind: 'cabinet', name: 'Cabinet Martin', amNumber: '631994977', finess: null }],
  medecin_conseil: [{ id: 's-cpam-75', kind: 'cpam', name: 'CPAM de Paris — Service médical', amNumber: null, finess: null }],
} as const;

interface StoryOptions {
  readonly role?: 'medecin' | 'medecin_conseil' | 'pharmacien';
  readonly strongAuth?: boolean;
  /** The thread's messages, written before the story shows it (as if replicated). */
  readonly messages?: () => LocalEmsMessage[];
  /** No thread at all: the « introuvable » state. */
  readonly noThread?: boolean;
  readonly thread?: Partial<LocalEmsThread>;
}

const message = (overrides: Partial<LocalEmsMessage> & Pick<LocalEmsMessage, 'id' | 'body' | 'createdAt'>): LocalEmsMessage => ({
  threadId: THREAD_ID,
  author: 'practitioner',
  authorName: 'Dr Claire Martin',
  sentAt: overrides.createdAt,
  ...overrides,
});

/** Dr Martin asks, the service médical answers, she writes twice more: the last one still on her device. */
const bothWays = (): LocalEmsMessage[] => [
  message({ id: 'm-1', createdAt: '2026-03-02T08:12:00.000Z', body: 'Bonjour,\n\nJe vous adresse le dossier de Mme Dupont au sujet de la prolongation de son arrêt de travail (lombosciatique L5 droite, IRM jointe au dossier).\n\nBien confraternellement,\nDr Claire Martin' }),
  message({ id: 'm-2', author: 'insurer', authorName: 'Dr Anne Moreau', createdAt: '2026-03-03T10:40:00.000Z', body: 'Bonjour Docteur,\n\nMerci pour ces éléments. Pourriez-vous nous préciser la date prévisible de reprise ?\n\nService médical' }),
  message({ id: 'm-3', createdAt: '2026-03-03T14:05:00.000Z', body: 'Reprise prévue le 30/03, à temps partiel thérapeutique.' }),
  message({ id: 'm-4', createdAt: '2026-03-04T09:30:00.000Z', sentAt: '', body: 'Je joins le compte rendu du kinésithérapeute dès réception.' }),
];

/** Seen by the médecin conseil: a question of Dr Martin's remplaçant (a délégué), and the answer. */
const insurerView = (): LocalEmsMessage[] => [
  message({ id: 'm-1', createdAt: '2026-03-02T08:12:00.000Z', authorName: 'Dr Lucas Garnier pour Dr Claire Martin', body: 'Bonjour,\nje remplace le Dr Martin cette semaine : Mme Dupont demande où en est sa demande de prolongation.' }),
  message({ id: 'm-2', author: 'insurer', authorName: 'Dr Anne Moreau', createdAt: '2026-03-02T11:00:00.000Z', body: 'Bonjour,\nle dossier est en cours d’étude, une réponse sera adressée cette semaine.' }),
];

/**
 * A real in-memory runtime (offline, no server) for Dr Claire Martin or the médecin conseil
 * Dr Anne Moreau, holding the thread about Mme Dupont and its messages as if the server had
 * replicated them (the previous story's runtime is closed first; each story's user is new, as
 * in-memory databases outlive their runtime inside the page).
 */
async function openThreadRuntime({ role = 'medecin', strongAuth = true, messages = bothWays, noThread = false, thread = {} }: StoryOptions): Promise<TeleservicesRuntime> {
  const conseil = role === 'medecin_conseil';
  const runtime = await showStoryRuntime(() =>
    openTestRuntime(role, {
      strongAuth,
      ...(conseil ? { firstName: 'Anne', lastName: 'Moreau' } : {}),
      structures: [...(conseil ? STRUCTURES.medecin_conseil : STRUCTURES.medecin)],
    }),
  );
  if (noThread) return runtime;
  const list = messages();
  await runtime.db.emsthreads.insert({
    id: THREAD_ID,
    practitionerId: conseil ? 'u-martin' : runtime.services.session.user.id,
    practitionerName: 'Dr Claire Martin',
    office: '751',
    patientNir: NIR,
    patientLastName: 'DUPONT',
    patientFirstName: 'Marie',
    subject: 'Prolongation d’arrêt de travail',
    createdAt: '2026-03-02T08:12:00.000Z',
    lastMessageAt: list.at(-1)?.createdAt ?? '2026-03-02T08:12:00.000Z',
    // Each side has read up to its own last message; the médecin conseil read Dr Martin's first question only.
    practitionerReadAt: conseil ? '2026-03-02T12:00:00.000Z' : '2026-03-04T09:30:00.000Z',
    insurerReadAt: conseil ? '2026-03-02T11:00:00.000Z' : '2026-03-03T10:40:00.000Z',
    ...thread,
  });
  if (list.length > 0) await runtime.db.emsmessages.bulkInsert(list);
  return runtime;
}

const loading = (options: StoryOptions = {}) => [async () => ({ runtime: await openThreadRuntime(options) })];

/** After the story renders: types a message and presses « Envoyer » (offline: it waits on the device). */
const sendAfterRender = (body: string): Decorator => (story) => {
  setTimeout(async () => {
    let field: HTMLTextAreaElement | null | undefined = null;
    for (let i = 0; i < 50 && !field; i++) {
      field = document.querySelector('ems-thread')?.shadowRoot?.querySelector('textarea');
      if (!field) await new Promise((r) => setTimeout(r, 50));
    }
    if (!field) return;
    field.value = body;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await new Promise((r) => setTimeout(r, 50));
    field.closest('form')?.requestSubmit();
  });
  return story();
};

/**
 * « Échanges médicaux sécurisés » (seed 004): one exchange between a practitioner signed in with
 * the CPS card and the médecin conseil, about one patient identified by NIR. Read from a real
 * in-memory replica with no server: what is written here stays « En attente d'envoi ». With
 * `npm run demo`, the same thread runs against the sync server.
 */
const meta: Meta = {
  title: 'Échanges médicaux sécurisés/ems-thread',
  component: 'ems-thread',
  render: (_args, { loaded }) =>
    html`<test-runtime-provider .services=${(loaded['runtime'] as TeleservicesRuntime).services}><ems-thread thread-id=${THREAD_ID}></ems-thread></test-runtime-provider>`,
};
export default meta;
type Story = StoryObj;

/**
 * Dr Claire Martin's view: her messages (« Vous ») and the service médical's answer; « Lu » on the
 * first (the médecin conseil's read mark reaches it), « Envoyé » on the third, « En attente
 * d'envoi » on the last, still on her device.
 */
export const Praticien: Story = { loaders: loading() };

/** A new message written while offline: it joins the list at once and the element says it leaves when the network is back. */
export const EnvoiHorsLigne: Story = { name: 'Envoi hors ligne', loaders: loading(), decorators: [sendAfterRender('Merci, je reste disponible pour tout complément.')] };

/** « Envoyer » with nothing written: the error next to the field. */
export const MessageVide: Story = { name: 'Message vide', loaders: loading(), decorators: [submitAfterRender('ems-thread')] };

/**
 * The médecin conseil's view (Dr Anne Moreau): the practitioner named in the header, the
 * remplaçant's message as « Dr Lucas Garnier pour Dr Claire Martin », her answer « Lu ».
 */
export const AssuranceMaladie: Story = { name: 'Assurance Maladie (médecin conseil)', loaders: loading({ role: 'medecin_conseil', messages: insurerView }) };

/** A thread without any message yet. */
export const Vide: Story = { loaders: loading({ messages: () => [] }) };

/** A thread id this device does not hold (not replicated yet, or not addressed to this user). */
export const Introuvable: Story = { loaders: loading({ noThread: true }) };

/** Signed in with a password: EMS needs the CPS card. */
export const SansCps: Story = { name: 'Sans carte CPS', loaders: loading({ strongAuth: false, noThread: true }) };

/** A pharmacist (even with the CPS card): EMS is for doctors and the médecin conseil. */
export const AutreProfession: Story = { name: 'Autre profession', loaders: loading({ role: 'pharmacien', noThread: true }) };

/** English. */
export const English: Story = { loaders: loading(), decorators: [(story) => html`<div lang="en">${story()}</div>`] };
