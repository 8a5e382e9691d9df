import { html } from 'lit';
import { EMS_MESSAGE_MAX } from '../../../domain/ems/ems.ts';
import type { LocalEmsMessage, LocalEmsThread } from '../../data/ems/ems-collection-schemas.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import '../../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { nextEvent, root, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import type { EmsMessageSentEvent } from './ems-thread.events.ts';
import './ems-thread.ts';
import type { EmsThread } from './ems-thread.ts';

const items = (el: EmsThread) => [...root(el).querySelectorAll('ol > li')] as HTMLElement[];
const bodies = (el: EmsThread) => items(el).map((li) => li.querySelector('.text')!.textContent);
const itemText = (li: Element | undefined) => (li?.textContent ?? '').replace(/\s+/g, ' ').trim();
const textarea = (el: EmsThread) => root(el).querySelector('textarea[name="body"]') as HTMLTextAreaElement;
async function type(el: EmsThread, value: string) {
  const field = textarea(el);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}
const send = (el: EmsThread) => (root(el).querySelector('button[type="submit"]') as HTMLButtonElement).click();

const NIR = '255081416802538';
let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** A thread and its messages as the server would have replicated them. */
function replicatedThread(overrides: Partial<LocalEmsThread> = {}): LocalEmsThread {
  return {
    id: unique('t'),
    practitionerId: 'u-martin',
    practitionerName: 'Dr Claire Martin',
    office: '751',
    patientNir: NIR,
    patientLastName: 'DUPONT',
    patientFirstName: 'Marie',
    subject: 'Arrêt de travail',
    createdAt: '2026-03-02T08:00:00.000Z',
    lastMessageAt: '2026-03-02T08:00:00.000Z',
    practitionerReadAt: '2026-03-02T08:00:00.000Z',
    insurerReadAt: '',
    ...overrides,
  };
}
function replicatedMessage(threadId: string, overrides: Partial<LocalEmsMessage> = {}): LocalEmsMessage {
  return { id: unique('m'), threadId, author: 'practitioner', authorName: 'Dr Claire Martin', body: 'Bonjour', createdAt: '2026-03-02T08:00:00.000Z', sentAt: '2026-03-02T08:00:01.000Z', ...overrides };
}

describe('<ems-thread>, on the device (no server)', function () {
  this.timeout(20_000);
  let runtime: TeleservicesRuntime | null = null;
  afterEach(async () => {
    await runtime?.close();
    runtime = null;
  });

  async function open(role = 'medecin', user: Record<string, unknown> = {}) {
    runtime = await openTestRuntime(role, { strongAuth: true, id: unique('u'), ...user });
    return runtime;
  }
  async function render(threadId: string, lang = 'fr') {
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${lang} .services=${runtime!.services}><ems-thread thread-id=${threadId}></ems-thread></test-runtime-provider>`);
    return host.querySelector('ems-thread') as EmsThread;
  }
  const createThread = (body = 'Bonjour,\nau sujet de l’arrêt de travail de Mme Dupont.') =>
    runtime!.services.ems.createThread({ patientNir: NIR, patientLastName: 'Dupont', patientFirstName: 'Marie', subject: 'Arrêt de travail', body });

  it('asks to sign in without a provider', async () => {
    const el = await fixture<EmsThread>(html`<ems-thread thread-id="t-1"></ems-thread>`);
    assert.match(text(el), /Connectez-vous avec votre carte CPS/);
    assertAccessible(el);
  });

  it('shows the patient, the subject and the own message waiting to be sent (offline)', async () => {
    await open();
    const threadId = await createThread('Bonjour,\nau sujet de <b>Mme Dupont</b>.');
    const el = await render(threadId);
    await waitFor(() => items(el).length === 1, { message: 'the first message' });
    const header = root(el).querySelector('[part="header"]')!;
    assert.match(itemText(header), /Arrêt de travail/);
    assert.equal(header.querySelector('.patient')!.textContent!.trim(), 'DUPONT Marie');
    assert.equal(header.querySelector('.nir')!.textContent!.trim(), '2 55 08 14 168 025 38');
    assert.ok(!/Praticien/.test(itemText(header)), 'the practitioner is not named to themselves');
    const [first] = items(el);
    assert.equal(first!.querySelector('.author')!.textContent!.trim(), 'Vous');
    assert.match(first!.querySelector('time')!.textContent!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    assert.equal(first!.querySelector('.status')!.textContent!.replace(/\s+/g, ' ').trim(), 'État : En attente d’envoi');
    assert.equal(bodies(el)[0], 'Bonjour,\nau sujet de <b>Mme Dupont</b>.', 'line breaks kept, HTML shown as text');
    assert.equal(first!.querySelector('.text b'), null);
    assert.equal(getComputedStyle(first!.querySelector('.text')!).whiteSpace, 'pre-wrap');
    const list = root(el).querySelector('ol')!;
    assert.equal(root(el).getElementById(list.getAttribute('aria-labelledby')!)!.textContent, 'Messages de l’échange');
    assertAccessible(el);
  });

  it('appends a sent message in order, empties the field, fires ems-message-sent and says it leaves when the network is back', async () => {
    await open();
    const threadId = await createThread('Premier message');
    const el = await render(threadId);
    await waitFor(() => items(el).length === 1, { message: 'the first message' });
    assert.equal(root(el).querySelector('#body-counter')!.textContent, '0 / 5000');
    await type(el, 'Deuxième message\navec deux lignes');
    assert.equal(root(el).querySelector('#body-counter')!.textContent, `33 / ${EMS_MESSAGE_MAX}`);
    const sent = nextEvent<EmsMessageSentEvent>(el, 'ems-message-sent');
    send(el);
    const event = await sent;
    assert.equal(event.detail.threadId, threadId);
    await waitFor(() => items(el).length === 2, { message: 'the second message' });
    assert.deepEqual(bodies(el), ['Premier message', 'Deuxième message\navec deux lignes']);
    assert.equal(items(el)[1]!.dataset['id'], event.detail.messageId);
    assert.match(itemText(items(el)[1]), /En attente d’envoi/);
    assert.equal(textarea(el).value, '');
    assert.equal(root(el).querySelector('#body-counter')!.textContent, '0 / 5000');
    assert.match(text(el), /Vous êtes hors ligne : le message partira dès le retour du réseau, dans l’ordre\./);
    const stored = await runtime!.db.emsmessages.find({ selector: { threadId } }).exec();
    assert.equal(stored.length, 2, 'written on the device');
    assertAccessible(el);

    // Ctrl+Enter sends too.
    await type(el, 'Troisième, au clavier');
    textarea(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
    await waitFor(() => items(el).length === 3, { message: 'the third message' });
    assert.equal(bodies(el)[2], 'Troisième, au clavier');
  });

  it('refuses an empty message next to the field, with aria-invalid', async () => {
    await open();
    const threadId = await createThread();
    const el = await render(threadId);
    await waitFor(() => items(el).length === 1, { message: 'the first message' });
    let fired = false;
    el.addEventListener('ems-message-sent', () => (fired = true));
    await type(el, '   \n  ');
    send(el);
    await el.updateComplete;
    assert.equal(textarea(el).getAttribute('aria-invalid'), 'true');
    assert.equal(root(el).querySelector('#body-error')!.textContent, 'Écrivez votre message.');
    assert.ok(textarea(el).getAttribute('aria-describedby')!.split(' ').includes('body-error'));
    assert.equal(root(el).activeElement, textarea(el), 'the field gets the focus');
    assert.equal(items(el).length, 1);
    assert.equal(fired, false);
    assertAccessible(el);
    await type(el, 'Enfin du texte');
    send(el);
    await waitFor(() => items(el).length === 2, { message: 'the message once written' });
    assert.equal(textarea(el).getAttribute('aria-invalid'), 'false');
    assert.equal(root(el).querySelector('#body-error'), null);
  });

  it('has a labelled field limited to 5000 characters whose counter is announced near the limit, after a pause', async () => {
    await open();
    const threadId = await createThread();
    const el = await render(threadId);
    await waitFor(() => textarea(el), { message: 'the field' });
    const label = root(el).querySelector('label[for="body"]')!;
    assert.equal(label.textContent!.trim(), 'Votre message');
    assert.equal(textarea(el).maxLength, EMS_MESSAGE_MAX);
    await type(el, 'x'.repeat(4850));
    assert.equal(root(el).querySelector('#body-counter')!.textContent, '4850 / 5000');
    const announced = () => root(el).querySelector('form p.visually-hidden[role="status"]')!.textContent!.trim();
    assert.equal(announced(), '', 'not on every keystroke');
    await waitFor(() => announced() === 'Il reste 150 caractères sur 5000.', { message: 'the counter announced', timeoutMs: 3000 });
  });

  it('shows the other side’s messages, « Envoyé » then « Lu », announces a new answer and marks it read', async () => {
    await open();
    const thread = replicatedThread({ practitionerId: runtime!.services.session.user.id });
    await runtime!.db.emsthreads.insert(thread);
    const mine = replicatedMessage(thread.id, { body: 'Ma question', createdAt: '2026-03-02T08:00:00.000Z', sentAt: '2026-03-02T08:00:01.000Z' });
    await runtime!.db.emsmessages.insert(mine);
    const el = await render(thread.id);
    await waitFor(() => items(el).length === 1, { message: 'the sent message' });
    assert.match(itemText(items(el)[0]), /Vous.*Ma question.*Envoyé/);
    assert.ok(!/Lu$/.test(itemText(items(el)[0])));

    // The médecin conseil opened the thread (its read mark arrives), then answers.
    await (await runtime!.db.emsthreads.findOne(thread.id).exec())!.incrementalPatch({ insurerReadAt: '2026-03-02T09:00:00.000Z' });
    await waitFor(() => /État : Lu$/.test(itemText(items(el)[0])), { message: '« Lu »' });
    await runtime!.db.emsmessages.insert(replicatedMessage(thread.id, { author: 'insurer', authorName: 'Dr Anne Moreau', body: 'Merci, nous étudions le dossier.', createdAt: '2026-03-02T09:01:00.000Z', sentAt: '2026-03-02T09:01:00.000Z' }));
    await waitFor(() => items(el).length === 2, { message: 'the answer' });
    const answer = items(el)[1]!;
    assert.equal(answer.querySelector('.author')!.textContent!.trim(), 'Service médical de l’Assurance Maladie');
    assert.equal(answer.querySelector('.status'), null, 'no state on the other side’s messages');
    assert.equal(answer.querySelector('time')!.textContent, '02/03/2026 10:01', 'Paris time');
    await waitFor(() => root(el).querySelector('section > [role="status"]')!.textContent === 'Nouveau message de Service médical de l’Assurance Maladie', { message: 'the announcement' });
    await waitFor(async () => ((await runtime!.db.emsthreads.findOne(thread.id).exec())!.practitionerReadAt > '2026-03-02T09:01:00.000Z'), { message: 'the read mark moved' });
    assertAccessible(el);
  });

  it('on the insurer side: names the practitioner, and a délégué as « … pour … »', async () => {
    await open('medecin_conseil', { civility: 'Dr', firstName: 'Anne', lastName: 'Moreau' });
    const thread = replicatedThread({ practitionerReadAt: '2026-03-02T10:00:00.000Z', insurerReadAt: '2026-03-02T08:30:00.000Z' });
    await runtime!.db.emsthreads.insert(thread);
    await runtime!.db.emsmessages.bulkInsert([
      replicatedMessage(thread.id, { body: 'Question du remplaçant', authorName: 'Dr Lucas Garnier pour Dr Claire Martin', createdAt: '2026-03-02T08:00:00.000Z', sentAt: '2026-03-02T08:00:00.000Z' }),
      replicatedMessage(thread.id, { author: 'insurer', authorName: 'Dr Anne Moreau', body: 'Réponse', createdAt: '2026-03-02T09:00:00.000Z', sentAt: '2026-03-02T09:00:00.000Z' }),
    ]);
    const el = await render(thread.id);
    await waitFor(() => items(el).length === 2, { message: 'two messages' });
    assert.equal(root(el).querySelector('.practitioner')!.textContent!.trim(), 'Dr Claire Martin');
    assert.equal(items(el)[0]!.querySelector('.author')!.textContent!.trim(), 'Dr Lucas Garnier pour Dr Claire Martin');
    assert.equal(items(el)[1]!.querySelector('.author')!.textContent!.trim(), 'Vous');
    assert.match(itemText(items(el)[1]), /Lu$/, 'the practitioner read it');
    assertAccessible(el);
  });

  it('says when the thread is not on the device, or has no message yet; « Retour » fires ems-thread-closed', async () => {
    await open();
    const el = await render('t-inconnu');
    await waitFor(() => /Échange introuvable/.test(text(el)), { message: 'not found' });
    assert.equal(root(el).querySelector('form'), null);
    assertAccessible(el);
    const closed = nextEvent<CustomEvent>(el, 'ems-thread-closed');
    (root(el).querySelector('button.back') as HTMLButtonElement).click();
    assert.equal((await closed).detail.threadId, 't-inconnu');

    const empty = replicatedThread();
    await runtime!.db.emsthreads.insert(empty);
    el.threadId = empty.id;
    await waitFor(() => /Aucun message dans cet échange pour l’instant/.test(text(el)), { message: 'the empty thread' });
    assert.ok(textarea(el), 'the first message can be written');
    assertAccessible(el);
  });

  it('speaks English', async () => {
    await open();
    const threadId = await createThread('Hello');
    const el = await render(threadId, 'en');
    await waitFor(() => items(el).length === 1, { message: 'the message' });
    const page = text(el);
    assert.match(page, /Back to the inbox/);
    assert.match(page, /Secure medical exchange/);
    assert.match(page, /You/);
    assert.match(page, /Waiting to be sent/);
    assert.match(items(el)[0]!.querySelector('time')!.textContent!, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, 'day first, as in French');
    assert.equal(root(el).querySelector('label[for="body"]')!.textContent!.trim(), 'Your message');
    send(el);
    await el.updateComplete;
    assert.equal(root(el).querySelector('#body-error')!.textContent, 'Write your message.');
    await type(el, 'Second');
    send(el);
    await waitFor(() => /You are offline: the message will leave as soon as the network is back, in order\./.test(text(el)), { message: 'the offline notice' });
    assertAccessible(el);
  });

  it('requires the CPS card, and is for doctors and the médecin conseil', async () => {
    await open('medecin', { strongAuth: false });
    const el = await render('t-any');
    assert.match(text(el), /Les échanges médicaux sécurisés nécessitent une connexion par carte CPS\./);
    assert.equal(root(el).querySelector('form'), null);
    assertAccessible(el);
    await runtime!.close();
    await open('pharmacien', { strongAuth: true });
    const other = await render('t-any');
    assert.ok(!/nécessitent une connexion par carte CPS/.test(text(other)));
    assert.match(text(other), /réservés aux médecins et au médecin conseil/);
  });
});

describe('<ems-thread>, between Dr Martin and the médecin conseil (real sync server)', function () {
  this.timeout(60_000);
  const server = useSyncServer({ clearStorage: false });
  const providers: TeleservicesProvider[] = [];
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.signOut()));
  });

  it('written offline, the queue leaves in order once the network is back', async () => {
    localStorage.clear();
    const token = await server.cardSignIn('10001234565');
    const martin = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" offline .token=${token}></teleservices-provider>`);
    providers.push(martin);
    await martin.ready;
    const threadId = await martin.runtime!.services.ems.createThread({ patientNir: NIR, patientLastName: 'Dupont', patientFirstName: 'Marie', subject: 'File d’attente', body: 'Un' });
    const el = document.createElement('ems-thread');
    el.threadId = threadId;
    martin.append(el);
    await waitFor(() => items(el).length === 1, { message: 'the first message' });
    for (const body of ['Deux', 'Trois']) {
      await type(el, body);
      send(el);
      await waitFor(() => bodies(el).at(-1) === body, { message: body });
    }
    assert.match(text(el), /Vous êtes hors ligne : le message partira dès le retour du réseau, dans l’ordre\./);
    assert.deepEqual(items(el).map((li) => li.querySelector('.status')!.textContent!.replace(/\s+/g, ' ').trim()), ['État : En attente d’envoi', 'État : En attente d’envoi', 'État : En attente d’envoi']);
    martin.offline = false;
    await waitFor(() => items(el).every((li) => /Envoyé$/.test(itemText(li))), { message: 'all sent', timeoutMs: 15_000 });
    await waitFor(() => !/Vous êtes hors ligne/.test(text(el)), { message: 'the offline notice gone' });
    const pulled = await fetch(`${server.url}/api/replication/ems/messages/pull?limit=100`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<{ documents: LocalEmsMessage[] }>);
    assert.deepEqual(pulled.documents.filter((m) => m.threadId === threadId).map((m) => m.body), ['Un', 'Deux', 'Trois']);
  });

  it('a thread opened by Dr Martin reaches the médecin conseil, who answers; Dr Martin sees the answer and « Lu »', async () => {
    localStorage.clear();
    const martinToken = await server.cardSignIn('10001234565');
    const martin = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${martinToken}></teleservices-provider>`);
    providers.push(martin);
    await martin.ready;
    const threadId = await martin.runtime!.services.ems.createThread({ patientNir: NIR, patientLastName: 'Dupont', patientFirstName: 'Marie', subject: 'Arrêt de travail', body: 'Bonjour,\nau sujet de l’arrêt de Mme Dupont.' });
    const martinThread = document.createElement('ems-thread');
    martinThread.threadId = threadId;
    martin.append(martinThread);
    await waitFor(() => items(martinThread).length === 1 && /Envoyé/.test(itemText(items(martinThread)[0])), { message: 'Dr Martin’s message sent' });

    const conseilToken = await server.cardSignIn('10005678908');
    // Each CPS runtime holds four live streams (fiches, delegations, EMS threads and messages);
    // Chrome allows six HTTP/1.1 connections per host: the second provider talks to the same
    // server under another host name, or its pulls would wait behind the first one's streams.
    const conseil = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url.replace('127.0.0.1', 'localhost')} storage="memory" .token=${conseilToken}><ems-thread thread-id=${threadId}></ems-thread></teleservices-provider>`);
    providers.push(conseil);
    await conseil.ready;
    const conseilThread = conseil.querySelector('ems-thread')!;
    await waitFor(() => items(conseilThread).length === 1, { message: 'the thread at the médecin conseil’s' });
    assert.equal(root(conseilThread).querySelector('.practitioner')!.textContent!.trim(), 'Dr Claire Martin');
    assert.equal(root(conseilThread).querySelector('.patient')!.textContent!.trim(), 'DUPONT Marie');
    assert.equal(items(conseilThread)[0]!.querySelector('.author')!.textContent!.trim(), 'Dr Claire Martin');
    assert.equal(bodies(conseilThread)[0], 'Bonjour,\nau sujet de l’arrêt de Mme Dupont.');
    assertAccessible(conseilThread);

    // Opening it marked it read: Dr Martin's message says « Lu ».
    await waitFor(() => /Lu$/.test(itemText(items(martinThread)[0])), { message: '« Lu » at Dr Martin’s', timeoutMs: 15_000 });

    // The médecin conseil answers through the element.
    await type(conseilThread, 'Merci, nous étudions le dossier.');
    send(conseilThread);
    await waitFor(() => items(conseilThread).length === 2 && /Envoyé|Lu/.test(itemText(items(conseilThread)[1])), { message: 'the answer sent' });
    await waitFor(() => items(martinThread).length === 2, { message: 'the answer at Dr Martin’s', timeoutMs: 15_000 });
    const answer = items(martinThread)[1]!;
    assert.equal(answer.querySelector('.author')!.textContent!.trim(), 'Service médical de l’Assurance Maladie');
    assert.equal(answer.querySelector('.text')!.textContent, 'Merci, nous étudions le dossier.');
    await waitFor(() => root(martinThread).querySelector('section > [role="status"]')!.textContent === 'Nouveau message de Service médical de l’Assurance Maladie', { message: 'the announcement' });
    // Dr Martin had it open: his read mark moves, and the médecin conseil sees « Lu ».
    await waitFor(() => /Lu$/.test(itemText(items(conseilThread)[1])), { message: '« Lu » at the médecin conseil’s', timeoutMs: 15_000 });
    const mail = (await server.outbox()).filter((m) => m.recipient === 'dr.martin@demo.test').at(-1)!;
    assert.equal(mail.subject, 'Un nouvel échange médical sécurisé vous attend');
    assert.ok(!/étudions|Dupont|DUPONT/.test(mail.body));
  });
});
