import { consume } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { click, fill, innerRoot, nextEvent, root, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import '../teleservices-sync-status/teleservices-sync-status.ts';
import type { TeleservicesSyncStatus } from '../teleservices-sync-status/teleservices-sync-status.ts';
import './teleservices-provider.ts';
import type { TeleservicesProvider } from './teleservices-provider.ts';

/** A stand-in widget: what any widget gets from the provider. */
@customElement('test-services-consumer')
class TestServicesConsumer extends LitElement {
  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;
  override render() {
    return html`${this.services ? this.services.session.user.email : 'no services'}`;
  }
}

/** The sign-in form inside the provider (its own element, `<account-sign-in>`). */
const signIn = (provider: Element) => root(root(provider).querySelector('account-sign-in'));
/** Removes what RxDB's Dexie storage left in IndexedDB for a database name. */
async function deleteDatabases(prefix: string) {
  for (const { name } of await indexedDB.databases()) if (name?.includes(prefix)) indexedDB.deleteDatabase(name);
}

async function typeAndSubmit(provider: TeleservicesProvider, identifier: string, password: string) {
  await waitFor(() => innerRoot(provider, 'account-sign-in')?.querySelector('form'), { message: 'the sign-in form' });
  const form = signIn(provider);
  fill(form, { identifier, password }, { silently: true });
  click(form, 'button[type="submit"]');
}

describe('<teleservices-provider> with the real sync server', function () {
  this.timeout(30_000);
  const server = useSyncServer();

  it('shows an accessible sign-in form in French when no session exists', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory"><test-services-consumer></test-services-consumer></teleservices-provider>`);
    await waitFor(() => root(provider).querySelector('account-sign-in')?.shadowRoot?.querySelector('form'), { message: 'the sign-in form' });
    assertAccessible(root(provider).querySelector('account-sign-in')!);
    assert.match(signIn(provider).textContent ?? '', /Identification.*Vous connecter par carte CPS/s);
    assert.ok(signIn(provider).querySelector('label[for="identifier"]'));
    assert.equal(root(provider).querySelector('slot'), null, 'widgets stay hidden until signed in');
  });

  it('shows the server’s reason on a wrong password, then signs in and provides the services', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url}>
      <test-services-consumer></test-services-consumer><teleservices-sync-status></teleservices-sync-status>
    </teleservices-provider>`);
    await typeAndSubmit(provider, 'dr.durand@demo.test', 'Mauvais#2026');
    const alert = await waitFor(() => signIn(provider).querySelector('[role="alert"]'), { message: 'an error message' });
    assert.match(alert.textContent ?? '', /Identifiant ou mot de passe incorrect/);

    const started = nextEvent<CustomEvent | Event>(provider, 'session-started');
    await typeAndSubmit(provider, 'dr.durand@demo.test', 'Medecin#2026');
    const event = (await started) as Event & { detail: { userId: string; role: string } };
    assert.deepEqual(event.detail, { userId: 'u-durand', role: 'medecin' });
    const consumer = provider.querySelector('test-services-consumer') as TestServicesConsumer;
    await waitFor(() => consumer.services, { message: 'services provided' });
    assert.equal(consumer.services!.session.user.email, 'dr.durand@demo.test');
    assert.ok(root(provider).querySelector('slot'));
    assert.equal(provider.runtime!.db.closed, false, 'one database opened, and still open');
    const fiche = patientZero();
    await provider.services!.fiches.save(fiche, 'medecin');
    const status = provider.querySelector('teleservices-sync-status') as TeleservicesSyncStatus;
    await waitFor(() => /En ligne.*tout est synchronisé/.test(text(status)), { message: 'the sync working after a sign-in by the form', timeoutMs: 15_000 });
    await provider.signOut();
    await deleteDatabases('teleservices-u-durand');
  });

  it('takes a token from the host page instead of showing the form', async () => {
    const token = await server.signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${token}><test-services-consumer></test-services-consumer></teleservices-provider>`);
    await provider.ready;
    const consumer = provider.querySelector('test-services-consumer') as TestServicesConsumer;
    await waitFor(() => consumer.services, { message: 'services provided' });
    assert.equal(consumer.services!.session.user.role, 'pharmacien');
    assert.equal(root(provider).querySelector('form'), null);
  });

  it('keeps its session when another tab changes the session kept for another sync server, and follows a change for its own', async () => {
    const token = await server.signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${token}><test-services-consumer></test-services-consumer></teleservices-provider>`);
    await provider.ready;
    const consumer = provider.querySelector('test-services-consumer') as TestServicesConsumer;
    await waitFor(() => consumer.services, { message: 'services provided' });
    const someoneElse = (server: string) => JSON.stringify({ server, token: 'other', user: { id: 'u-other' }, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });

    // Another provider of the origin (another sync server) keeps its own person's session there.
    localStorage.setItem('teleservices.session', someoneElse('http://127.0.0.1:9'));
    window.dispatchEvent(new StorageEvent('storage', { key: 'teleservices.session', newValue: someoneElse('http://127.0.0.1:9'), oldValue: null }));
    await provider.updateComplete;
    assert.ok(consumer.services, 'the widgets keep their services');
    assert.equal(provider.token, token);

    // Another person signs in to this provider's server in another tab: this tab puts its widgets away.
    localStorage.setItem('teleservices.session', someoneElse(server.url));
    window.dispatchEvent(new StorageEvent('storage', { key: 'teleservices.session', newValue: someoneElse(server.url), oldValue: null }));
    await waitFor(() => consumer.services === undefined, { message: 'the widgets put away' });
    assert.equal(provider.token, null);
  });

  it('opens nothing when the user signs out while the session is still opening (shared device)', async () => {
    const token = await server.signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory"><test-services-consumer></test-services-consumer></teleservices-provider>`);
    provider.token = token;
    await provider.updateComplete; // the opening has started: the session is being resumed
    const signedOut = provider.signOut();
    await provider.ready;
    await signedOut;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const consumer = provider.querySelector('test-services-consumer') as TestServicesConsumer;
    assert.equal(consumer.services, undefined, 'no services handed to the widgets');
    assert.equal(provider.runtime, null);
    assert.equal(localStorage.getItem('teleservices.session'), null, 'no session kept for a reload');
    await waitFor(() => root(provider).querySelector('account-sign-in'), { message: 'the sign-in form' });
  });

  it('refuses a token the server does not know, with the sign-in form and a reason', async () => {
    const ended = nextEvent<Event>(document, 'session-ended');
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${'x'.repeat(43)}></teleservices-provider>`);
    await provider.ready;
    await ended;
    await provider.updateComplete;
    await waitFor(() => root(provider).querySelector('account-sign-in')?.shadowRoot?.querySelector('.notice'), { message: 'the notice' });
    assert.match(signIn(provider).querySelector('.notice')?.textContent ?? '', /session a expiré/);
  });

  it('tells the lockout and its delay on the third wrong password', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory"></teleservices-provider>`);
    for (const attempt of ['a', 'b', 'c']) {
      await typeAndSubmit(provider, 'labo.bio@demo.test', attempt);
      await root(provider).querySelector('account-sign-in')!.updateComplete;
      await waitFor(() => !signIn(provider).querySelector('button[disabled]') && signIn(provider).querySelector('[role="alert"]'), { message: 'an answer' });
    }
    assert.match(signIn(provider).querySelector('[role="alert"]')!.textContent ?? '', /Votre compte est bloqué\. Veuillez réessayer dans 15 min ou connectez-vous avec votre carte CPS/);
    assert.equal(signIn(provider).querySelector('[name="password"]')!.getAttribute('aria-invalid'), 'true');
  });

  it('works offline: the status says so and counts what waits, then it all reaches the server', async () => {
    const token = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
    const provider = await fixture<TeleservicesProvider>(html`
      <teleservices-provider server=${server.url} storage="memory" offline .token=${token}>
        <teleservices-sync-status></teleservices-sync-status>
      </teleservices-provider>
    `);
    await provider.ready;
    const status = provider.querySelector('teleservices-sync-status') as TeleservicesSyncStatus;
    await waitFor(() => /Hors ligne/.test(text(status)), { message: '“Hors ligne”' });
    assertAccessible(status);

    const fiches = [patientZero(), patientZero()];
    for (const fiche of fiches) assert.ok((await provider.services!.fiches.save(fiche, 'medecin')).ok);
    await waitFor(() => /2 modifications en attente d’envoi/.test(text(status)), { message: 'two changes waiting' });

    provider.offline = false;
    await waitFor(() => /En ligne.*tout est synchronisé/.test(text(status)), { message: '“En ligne, tout est synchronisé”', timeoutMs: 15_000 });
    const response = await fetch(`${server.url}/api/replication/fiches/pull?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
    const { documents } = (await response.json()) as { documents: { id: string }[] };
    for (const fiche of fiches) assert.ok(documents.some((d) => d.id === fiche['id']), `${fiche['id']} on the server`);
  });

  it('leads from “Mot de passe oublié” to the reset request, and back', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory"></teleservices-provider>`);
    await waitFor(() => root(provider).querySelector('account-sign-in')?.shadowRoot?.querySelector('form'), { message: 'the sign-in form' });
    (signIn(provider).querySelector('button[name="forgotten"]') as HTMLButtonElement).click();
    const reset = await waitFor(() => root(provider).querySelector('account-password-reset'), { message: 'the reset element' });
    await reset.updateComplete;
    assert.match(reset.shadowRoot!.textContent ?? '', /Mot de passe oublié/);
    (reset.shadowRoot!.querySelector('button[name="back"]') as HTMLButtonElement).click();
    await waitFor(() => root(provider).querySelector('account-sign-in'), { message: 'back to the sign-in' });
  });

  it('speaks English when the host asks', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider lang="en" server=${server.url} storage="memory"></teleservices-provider>`);
    await waitFor(() => root(provider).querySelector('account-sign-in')?.shadowRoot?.querySelector('form'), { message: 'the sign-in form' });
    assert.match(signIn(provider).textContent ?? '', /Sign in with a CPS card/);
  });

  it('takes the locale attribute too (locale="en"), for the elements inside as well, and follows its changes', async () => {
    const provider = await fixture<TeleservicesProvider>(
      html`<teleservices-provider locale="en" server=${server.url} storage="memory"><teleservices-sync-status></teleservices-sync-status></teleservices-provider>`,
    );
    await waitFor(() => root(provider).querySelector('account-sign-in')?.shadowRoot?.querySelector('form'), { message: 'the sign-in form' });
    assert.match(signIn(provider).textContent ?? '', /Sign in with a CPS card/);
    const status = provider.querySelector('teleservices-sync-status')!;
    await waitFor(() => status.locale === 'en', { message: 'the inner element in English' });
    provider.setAttribute('locale', 'fr');
    await waitFor(() => /Vous connecter par carte CPS/i.test(signIn(provider).textContent ?? ''), { message: 'back to French' });
    await waitFor(() => status.locale === 'fr', { message: 'the inner element in French' });
  });
});

describe('<teleservices-provider> on a device several people use (real sync server)', function () {
  this.timeout(30_000);
  const server = useSyncServer();

  it('says plainly that signing in needs the network when offline, before and after an attempt', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" offline></teleservices-provider>`);
    await waitFor(() => signIn(provider).querySelector('.notice.offline'), { message: 'the offline notice' });
    assert.match(signIn(provider).querySelector('.notice.offline')!.textContent ?? '', /Vous êtes hors ligne : la connexion à votre compte demande le réseau/);
    assertAccessible(root(provider).querySelector('account-sign-in')!);

    provider.offline = false;
    await waitFor(() => !signIn(provider).querySelector('.notice.offline'), { message: 'no offline notice online' });
    await server.stop();
    try {
      await typeAndSubmit(provider, 'dr.martin@demo.test', 'Medecin#2026');
      await waitFor(() => signIn(provider).querySelector('.notice.offline'), { message: 'the offline notice after an attempt without server' });
      assert.equal(signIn(provider).querySelector('[role="alert"]'), null, 'no network error shown as a refusal');
    } finally {
      await server.restart();
    }
  });

  it('signing out with entries waiting warns; without waiting they stay in the person’s name, and the next person deletes them only after confirming', async () => {
    const token = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} offline .token=${token}>
      <teleservices-sync-status></teleservices-sync-status>
    </teleservices-provider>`);
    await provider.ready;
    assert.ok((await provider.services!.fiches.save(patientZero(), 'medecin')).ok);
    await provider.requestSignOut();
    const warning = await waitFor(() => root(provider).querySelector('[part="sign-out-warning"]'), { message: 'the sign-out warning' });
    assert.match(warning.textContent ?? '', /1 saisie n’a pas encore été acceptée par le serveur/);
    assert.ok(provider.services, 'still signed in while the person chooses');
    assert.equal(root(provider).activeElement?.getAttribute('name'), 'wait-and-sign-out', 'the choice has the focus');
    assertAccessible(provider);
    (warning.querySelector('button[name="sign-out-now"]') as HTMLButtonElement).click();

    const others = await waitFor(() => root(provider).querySelector('[part="others-waiting"]'), { message: 'the other person’s entries, on the sign-in screen' });
    assert.match(others.textContent ?? '', /1 saisie de Dr Claire Martin attend sur cet appareil/);
    assert.ok((await indexedDB.databases()).some((database) => database.name?.includes('teleservices-u-martin')), 'kept on the device');
    (others.querySelector('button[name="discard"]') as HTMLButtonElement).click();
    await waitFor(() => root(provider).activeElement?.getAttribute('name') === 'discard-cancel', { message: 'the focus on « Garder »' });
    assert.match(root(provider).querySelector('[part="others-waiting"] [role="alert"]')?.textContent ?? '', /Supprimer définitivement les saisies non envoyées de Dr Claire Martin/);
    assert.ok((await indexedDB.databases()).some((database) => database.name?.includes('teleservices-u-martin')), 'nothing deleted before the confirmation');
    (root(provider).querySelector('button[name="discard-confirm"]') as HTMLButtonElement).click();
    await waitFor(() => !root(provider).querySelector('[part="others-waiting"]'), { message: 'the notice gone' });
    await waitFor(async () => !(await indexedDB.databases()).some((database) => database.name?.includes('teleservices-u-martin')), { message: 'the database deleted' });
  });
});
