import { html } from 'lit';
import { ApiRequestError } from '../data/replication/api-client.ts';
import '../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../testing/accessibility.ts';
import { assert } from '../testing/assert.ts';
import { root, text } from '../testing/dom.ts';
import { fixture } from '../testing/fixture.ts';
import { useSyncServer, waitFor } from '../testing/sync-server.ts';
import './ems-inbox/ems-inbox.ts';
import type { EmsInbox } from './ems-inbox/ems-inbox.ts';

const inbox = (provider: TeleservicesProvider) => provider.querySelector('ems-inbox') as EmsInbox;

describe('EMS, two-sided, against the real sync server', function () {
  this.timeout(60_000);
  const server = useSyncServer({ clearStorage: false });

  const open = async (token: string, url = server.url) => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${url} storage="memory" .token=${token}><ems-inbox></ems-inbox></teleservices-provider>`);
    await provider.ready;
    return provider;
  };

  it('a practitioner writes (also offline, sent in order on reconnection), the médecin conseil answers, the practitioner is told by e-mail without the content; a third practitioner sees nothing', async () => {
    localStorage.clear();
    const martin = await open(await server.cardSignIn('10001234565'));
    const martinInbox = inbox(martin);
    await waitFor(() => root(martinInbox).querySelector('button[name="new-thread"]'), { message: 'the inbox' });
    assertAccessible(martinInbox);

    // A new exchange about a patient read from the (simulated) Vitale card.
    (root(martinInbox).querySelector('button[name="new-thread"]') as HTMLButtonElement).click();
    await martinInbox.updateComplete;
    const vitale = root(martinInbox).querySelector('select[name="vitale"]') as HTMLSelectElement;
    vitale.value = '0';
    vitale.dispatchEvent(new Event('change'));
    await martinInbox.updateComplete;
    assert.match((root(martinInbox).querySelector('[name="patientNir"]') as HTMLInputElement).value, /^2 85 01 75 112 345/);
    (root(martinInbox).querySelector('[name="subject"]') as HTMLInputElement).value = 'Arrêt de travail prolongé';
    (root(martinInbox).querySelector('[name="body"]') as HTMLTextAreaElement).value = 'Bonjour, premier message.';
    root(martinInbox).querySelector('form')!.requestSubmit();
    await waitFor(() => martinInbox.threadId, { message: 'the thread opened' });
    const threadId = martinInbox.threadId;

    // Offline: two more messages wait on the device, then leave in order.
    martin.offline = true;
    const ems = martin.runtime!.services.ems;
    await ems.send(threadId, 'Deuxième, écrit hors ligne.');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ems.send(threadId, 'Troisième, écrit hors ligne.');
    martinInbox.threadId = '';
    await waitFor(() => /en attente d’envoi/.test(text(martinInbox)), { message: 'the waiting messages shown' });
    martin.offline = false;
    await waitFor(() => !/en attente d’envoi/.test(text(martinInbox)), { message: 'the queue sent' });

    // The médecin conseil of the office sees the thread, unread, and answers.
    const conseil = await open(await server.cardSignIn('10005678908'));
    const conseilInbox = inbox(conseil);
    await waitFor(() => /DUPONT Marie[\s\S]*3 non lus/.test(text(conseilInbox)), { message: 'the thread on the insurer side, 3 unread' });
    assert.match(text(conseilInbox), /De Dr Claire Martin/);
    const messages = await new Promise<{ body: string }[]>((resolve) => conseil.runtime!.services.ems.messages$(threadId).subscribe((list) => list.length === 3 && resolve(list)));
    assert.deepEqual(messages.map((m) => m.body), ['Bonjour, premier message.', 'Deuxième, écrit hors ligne.', 'Troisième, écrit hors ligne.']);
    await conseil.runtime!.services.ems.send(threadId, 'Réponse du service médical : dossier confidentiel HbA1c.');

    // Back on the practitioner's side: the answer, unread, and an e-mail that says nothing of it.
    await waitFor(() => /1 non lu/.test(text(martinInbox)), { message: 'the answer, unread' });
    const mail = (await server.outbox()).find((m) => m.recipient === 'dr.martin@demo.test' && /échange médical sécurisé/.test(m.subject));
    assert.ok(mail, 'the practitioner is told');
    assert.equal(/HbA1c|confidentiel|DUPONT|Dupont/.test(mail!.body), false, 'no content in the e-mail');

    // A third practitioner sees nothing and cannot write into the thread. (The two others close
    // first: RxDB's free edition opens at most 16 collections per page.)
    const closing = [martin.runtime!, conseil.runtime!];
    martin.remove();
    conseil.remove();
    await waitFor(() => closing.every((runtime) => runtime.db.closed), { message: 'the two runtimes closed' });
    const durand = await open(await server.cardSignIn('10002345675'));
    await waitFor(() => /Aucun échange pour l’instant/.test(text(inbox(durand))), { message: 'an empty inbox' });
    const intrusion = await durand.runtime!.services.api
      .json('/api/replication/ems/messages/push', { method: 'POST', json: [{ newDocumentState: { id: 'm-intrus', threadId, body: 'je lis ?', createdAt: new Date().toISOString() } }] })
      .catch((error: unknown) => error);
    assert.ok(intrusion instanceof ApiRequestError);
    assert.equal((intrusion as ApiRequestError).status, 403);
  });

  it('says why to a practitioner signed in without the CPS card', async () => {
    localStorage.clear();
    const provider = await open(await server.signIn('dr.durand@demo.test', 'Medecin#2026'));
    await waitFor(() => /nécessitent une connexion par carte CPS/.test(text(inbox(provider))), { message: 'the CPS message' });
    assertAccessible(inbox(provider));
  });

  it('the médecin conseil opens an exchange with a doctor of the office by RPPS; the doctor sees it unread and is told by e-mail', async () => {
    localStorage.clear();
    const conseil = await open(await server.cardSignIn('10005678908'));
    const conseilInbox = inbox(conseil);
    (await waitFor(() => root(conseilInbox).querySelector('button[name="new-thread"]') as HTMLButtonElement | null, { message: '« Nouvel échange » on the insurer side' })).click();
    await conseilInbox.updateComplete;
    const set = (name: string, value: string) => ((root(conseilInbox).querySelector(`[name="${name}"]`) as HTMLInputElement).value = value);
    set('practitionerRpps', '123');
    root(conseilInbox).querySelector('form')!.requestSubmit();
    await waitFor(() => root(conseilInbox).querySelector('#practitionerRpps-error'), { message: 'the RPPS error' });
    assertAccessible(conseilInbox);
    set('practitionerRpps', '10001234565');
    const vitale = root(conseilInbox).querySelector('select[name="vitale"]') as HTMLSelectElement;
    vitale.value = '0';
    vitale.dispatchEvent(new Event('change'));
    await conseilInbox.updateComplete;
    set('subject', 'Contrôle d’un arrêt de travail');
    set('body', 'Pouvez-vous nous transmettre le certificat initial ?');
    root(conseilInbox).querySelector('form')!.requestSubmit();
    await waitFor(() => conseilInbox.threadId, { message: 'the thread opened' });
    conseilInbox.threadId = '';
    await waitFor(() => /De Dr Claire Martin/.test(text(conseilInbox)), { message: 'the server named the doctor' });
    const closing = conseil.runtime!;
    conseil.remove();
    await waitFor(() => closing.db.closed, { message: 'the insurer runtime closed' });

    const martin = await open(await server.cardSignIn('10001234565'));
    await waitFor(() => /Contrôle d’un arrêt de travail[\s\S]*1 non lu/.test(text(inbox(martin))), { message: 'the doctor sees it, unread' });
    assert.ok((await server.outbox()).some((m) => m.recipient === 'dr.martin@demo.test' && /échange médical sécurisé/.test(m.subject)), 'the doctor is told');
    martin.remove();
  });
});
