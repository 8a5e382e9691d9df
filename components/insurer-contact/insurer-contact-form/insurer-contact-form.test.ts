import { html } from 'lit';
import { INSURER_OFFICES } from '../../../domain/organisations/insurer-offices.ts';
import '../../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { errorOf, nextEvent, root, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { startSyncServer, useSyncServer, waitFor, type TestSyncServer } from '../../testing/sync-server.ts';
import './insurer-contact-form.ts';
import type { InsurerContactForm } from './insurer-contact-form.ts';

const field = <T extends HTMLElement = HTMLSelectElement>(el: InsurerContactForm, name: string) => root(el).querySelector(`[name="${name}"]`) as T;
const type = async (el: InsurerContactForm, name: string, value: string) => {
  const control = field<HTMLSelectElement | HTMLTextAreaElement>(el, name);
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
};
const submit = async (el: InsurerContactForm) => {
  root(el).querySelector('form')!.requestSubmit();
  await el.updateComplete;
};
const counter = (el: InsurerContactForm) => root(el).querySelector('#message-counter')?.textContent?.trim();
const selectedLabel = (el: InsurerContactForm, name: string) => field(el, name).selectedOptions[0]?.textContent?.trim();

describe('<insurer-contact-form>', function () {
  this.timeout(30_000);
  const server = useSyncServer();
  const providers: TeleservicesProvider[] = [];

  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.signOut()));
  });

  /** The form in a real provider signed in as Dr Martin, once her office has arrived. */
  async function render(options: { lang?: string; on?: TestSyncServer } = {}) {
    const on = options.on ?? server;
    const token = await on.signIn('dr.martin@demo.test', 'Medecin#2026');
    const provider = await fixture<TeleservicesProvider>(
      html`<teleservices-provider server=${on.url} storage="memory" .token=${token} lang=${options.lang ?? 'fr'}><insurer-contact-form></insurer-contact-form></teleservices-provider>`,
    );
    providers.push(provider);
    await provider.ready;
    const el = provider.querySelector('insurer-contact-form')!;
    await waitFor(() => field(el, 'office')?.value === '751', { message: 'the default office' });
    return { provider, el };
  }

  it('asks to sign in when there is no provider', async () => {
    const el = await fixture<InsurerContactForm>(html`<insurer-contact-form></insurer-contact-form>`);
    assert.match(text(el), /Connectez-vous pour contacter l’Assurance Maladie/);
    assertAccessible(el);
  });

  it('writes by default to the user’s own office, with its details and the warning', async () => {
    const { el } = await render();
    assertAccessible(el);
    assert.equal(selectedLabel(el, 'office'), '751 - CPAM de Paris');
    assert.equal(selectedLabel(el, 'scheme'), 'Régime général');
    assert.equal(selectedLabel(el, 'subject'), 'Sélectionnez');
    assert.equal(field(el, 'office').options.length, 1 + INSURER_OFFICES.length, 'every office, after the placeholder');
    const page = text(el);
    assert.match(page, /Contacter l’Assurance Maladie/);
    assert.match(page, /Sélectionnez le régime de l’organisme destinataire \*/);
    assert.match(page, /Sélectionnez l’organisme destinataire \*/);
    assert.match(page, /Votre message ne doit comporter aucune information sensible ou confidentielle notamment à caractère médical et personnel\./);
    const details = root(el).querySelector('[part="details"]')!.textContent!.replace(/\s+/g, ' ');
    assert.match(details, /Coordonnées organisme.*Organisme\s*751 - CPAM de Paris.*Adresse\s*21 rue Georges Auric, 75948 Paris Cedex 19.*Départements\s*75.*Téléphone\s*3608.*Du lundi au vendredi de 8h30 à 17h30/);

    await type(el, 'office', '941');
    assert.match(root(el).querySelector('[part="details"]')!.textContent!.replace(/\s+/g, ' '), /941 - CPAM du Val-de-Marne.*Créteil.*01 45 17 20 00.*de 8h30 à 17h00/);
  });

  it('lists the MSA caisses under the MSA, its own office of the department chosen, and sends to it', async () => {
    const { el } = await render();
    await type(el, 'scheme', 'agricole');
    const offices = [...field(el, 'office').options].slice(1).map((o) => o.textContent!.trim());
    assert.ok(offices.length > 0 && offices.every((label) => label.includes('MSA')), `no CPAM under the MSA: ${offices.join(', ')}`);
    assert.equal(selectedLabel(el, 'office'), 'M01 - MSA Île-de-France', 'the MSA of the user’s department');
    assert.match(root(el).querySelector('[part="details"]')!.textContent!.replace(/\s+/g, ' '), /MSA Île-de-France.*75011 Paris.*01 73 11 77 77.*de 8h30 à 17h00/);
    assertAccessible(el);

    await type(el, 'scheme', 'autres');
    assert.equal(field(el, 'office').value, '', 'the national funds: the user picks');
    assert.ok([...field(el, 'office').options].some((o) => o.textContent!.includes('CPRP SNCF')));
    await type(el, 'scheme', 'agricole');
    await type(el, 'subject', 'autre');
    await type(el, 'message', 'Quelles pièces pour l’adhésion d’un cabinet rural ?');
    await submit(el);
    await waitFor(() => /a bien été transmise à la M01 - MSA Île-de-France/.test(text(el)), { message: 'the receipt' });
    assert.equal((await server.outbox()).at(-1)!.recipient, 'contact-m01@msa.example');
  });

  it('counts the characters as they are typed, and announces the count near the limit only', async () => {
    const { el } = await render();
    assert.equal(counter(el), '0 / 2000');
    const textarea = field<HTMLTextAreaElement>(el, 'message');
    assert.equal(textarea.getAttribute('aria-describedby'), 'confidentiality message-counter');
    await type(el, 'message', 'Bonjour 👍');
    assert.equal(counter(el), '9 / 2000', 'an emoji is one character');
    const status = () => root(el).querySelector('.visually-hidden[role="status"]')?.textContent?.trim();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.equal(status(), '', 'far from the limit: nothing announced');
    await type(el, 'message', 'a'.repeat(1950));
    assert.equal(status(), '', 'not while typing');
    await waitFor(() => status(), { message: 'the announcement after a pause' });
    assert.equal(status(), 'Il reste 50 caractères sur 2000.');
    await type(el, 'message', 'a'.repeat(2001));
    assert.equal(counter(el), '2001 / 2000');
    assert.ok(root(el).querySelector('#message-counter.over'));
    await submit(el);
    assert.match(errorOf(el, 'message'), /ne peut pas dépasser 2000 caractères ; il en compte 2001/);
  });

  it('points at a NIR and a date of birth as they are typed, and refuses to send them', async () => {
    const { el } = await render();
    const before = (await server.outbox()).length;
    await type(el, 'subject', 'informations_administratives');
    await type(el, 'message', 'Mon patient 1 85 01 75 112 345 62, né le 12/03/1985, est en ALD, rappelez-moi au 01 43 43 43 43.');
    const warning = root(el).querySelector('#message-sensitive')!;
    assert.match(warning.textContent!.replace(/\s+/g, ' '), /identifient un patient.*numéro de sécurité sociale : « 1 85 01 75 112 345 62 ».*date de naissance : « né le 12\/03\/1985 »/);
    assert.ok(!warning.textContent!.includes('01 43 43'), 'a phone number is no NIR');
    assert.ok(!warning.textContent!.includes('ALD'), 'medical vocabulary is no identity');
    assert.equal(warning.getAttribute('aria-live'), 'polite');
    assert.match(field(el, 'message').getAttribute('aria-describedby')!, /message-sensitive/);
    assertAccessible(el);

    await submit(el);
    assert.match(errorOf(el, 'message'), /Retirez d’abord les données confidentielles/);
    assert.equal(field(el, 'message').getAttribute('aria-invalid'), 'true');
    await waitFor(() => root(el).activeElement?.getAttribute('name') === 'message', { message: 'the focus on the message' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await server.outbox()).length, before, 'nothing sent');

    await type(el, 'message', 'Mon patient est en affection longue, rappelez-moi au 01 43 43 43 43.');
    assert.equal(root(el).querySelector('#message-sensitive')!.textContent!.trim(), '', 'the warning goes with the words');
  });

  it('sends a general medical question to the office, as the guide allows', async () => {
    const { el } = await render();
    await type(el, 'subject', 'autre');
    await type(el, 'message', 'Quelle est la procédure pour déclarer une ALD ?');
    assert.equal(root(el).querySelector('#message-sensitive')!.textContent!.trim(), '', 'no warning');
    await submit(el);
    await waitFor(() => /a bien été transmise à la 751 - CPAM de Paris/.test(text(el)), { message: 'the receipt' });
    const mail = (await server.outbox()).at(-1)!;
    assert.match(mail.body, /Quelle est la procédure pour déclarer une ALD \?/);
  });

  it('shows a missing objet next to its field; several errors in a summary', async () => {
    const { el } = await render();
    await type(el, 'message', 'Quand recevrai-je les imprimés commandés ?');
    await submit(el);
    assert.equal(errorOf(el, 'subject'), 'Choisissez l’objet de votre message.');
    assert.equal(field(el, 'subject').getAttribute('aria-invalid'), 'true');
    assert.equal(field(el, 'subject').getAttribute('aria-describedby'), 'subject-error');
    assert.equal(root(el).querySelector('.error-summary'), null, 'one error: no summary');
    await waitFor(() => root(el).activeElement?.getAttribute('name') === 'subject', { message: 'the focus on the objet' });

    await type(el, 'office', '');
    await type(el, 'message', '   ');
    await submit(el);
    const summary = root(el).querySelector('.error-summary[role="alert"]');
    assert.ok(summary, 'several errors: a summary');
    assert.match(summary.textContent!.replace(/\s+/g, ' '), /Sélectionnez l’organisme destinataire : Sélectionnez l’organisme destinataire\..*Objet : Choisissez.*Message : Saisissez votre message\./);
    assertAccessible(el);
    await waitFor(() => root(el).activeElement?.getAttribute('name') === 'office', { message: 'the focus on the first invalid field' });
  });

  it('sends a general question: the reference shown, the event fired, the mail in the outbox', async () => {
    const { el } = await render();
    await type(el, 'subject', 'commande_imprimes');
    await type(el, 'message', 'Bonjour, quand recevrai-je les feuilles de soins commandées ?');
    const sent = nextEvent<Event & { detail?: { reference: string; office: string } }>(el, 'insurer-contact-sent');
    await submit(el);
    const { reference, office } = (await sent).detail!;
    assert.match(reference, /^AM-[A-Z2-9]{8}$/);
    assert.equal(office, '751');
    await el.updateComplete;
    assert.equal(root(el).querySelector('.sent-message')?.textContent?.trim(), `Votre demande n° ${reference} a bien été transmise à la 751 - CPAM de Paris.`);
    await waitFor(() => root(el).activeElement?.id === 'sent-title', { message: 'the focus on the confirmation' });
    assertAccessible(el);
    const mail = (await server.outbox()).find((m) => m.subject.includes(reference));
    assert.ok(mail, 'the mail to the office');
    assert.equal(mail.recipient, 'contact-751@cpam.example');
    assert.match(mail.body, /Expéditeur : Dr Claire Martin/);
    assert.match(mail.body, /quand recevrai-je les feuilles de soins commandées \?/);

    (root(el).querySelector('.sent button') as HTMLButtonElement).click();
    await el.updateComplete;
    assert.equal(counter(el), '0 / 2000', 'a fresh form');
    assert.equal(field(el, 'office').value, '751');
  });

  it('Annuler fires insurer-contact-cancelled and empties the message', async () => {
    const { el } = await render();
    await type(el, 'subject', 'autre');
    await type(el, 'message', 'Brouillon');
    const cancelled = nextEvent<Event>(el, 'insurer-contact-cancelled');
    (root(el).querySelector('.actions button[type="button"]') as HTMLButtonElement).click();
    await cancelled;
    await el.updateComplete;
    assert.equal(field<HTMLTextAreaElement>(el, 'message').value, '');
    assert.equal(field(el, 'subject').value, '');
  });

  it('speaks English', async () => {
    const { el } = await render({ lang: 'en' });
    const page = text(el);
    assert.match(page, /Contact the health insurance/);
    assert.match(page, /Select the scheme of the recipient office \*/);
    assert.match(page, /Select the recipient office \*/);
    assert.match(page, /Your message must not contain any sensitive or confidential information/);
    assert.match(page, /Office details.*Opening hours\s*Monday to Friday/);
    assert.equal(selectedLabel(el, 'scheme'), 'General scheme');
    assert.ok([...field(el, 'subject').options].some((o) => o.textContent?.trim() === 'Payments and reimbursements'));
    await type(el, 'message', 'My patient, born DDN 12/03/1985');
    assert.match(root(el).querySelector('#message-sensitive')!.textContent!, /date of birth: “DDN 12\/03\/1985”/);
    await submit(el);
    assert.equal(errorOf(el, 'subject'), 'Choose the subject of your message.');
    assert.match(root(el).querySelector('.actions')!.textContent!, /Cancel\s*Validate/);
    assertAccessible(el);
  });

  it('says sending needs the network, and keeps the message', async function () {
    // Its own server started, stopped and restarted: seconds each on a loaded machine.
    this.timeout(90_000);
    const own = await startSyncServer();
    try {
      const { el } = await render({ on: own });
      await type(el, 'subject', 'services_en_ligne');
      await type(el, 'message', 'Le service de commande en ligne ne s’affiche pas.');
      await own.stop();
      await submit(el);
      const problem = await waitFor(() => root(el).querySelector('.form-problem[role="alert"]'), { message: 'the network problem' });
      assert.match(problem.textContent ?? '', /L’envoi d’un message a besoin du réseau.*Votre message est conservé/);
      assert.equal(field<HTMLTextAreaElement>(el, 'message').value, 'Le service de commande en ligne ne s’affiche pas.');
      assert.equal(field(el, 'subject').value, 'services_en_ligne');
      assertAccessible(el);

      await own.restart();
      const sent = nextEvent<Event>(el, 'insurer-contact-sent');
      await submit(el);
      await sent;
      assert.ok((await own.outbox()).some((m) => m.recipient === 'contact-751@cpam.example'), 'sent once the network is back');
    } finally {
      await Promise.all(providers.splice(0).map((provider) => provider.signOut()));
      await own.dispose();
    }
  });
});
