import { consume } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { ApiRequestError } from '../data/replication/api-client.ts';
import { teleservicesContext, type TeleservicesServices } from '../data/teleservices-context.ts';
import '../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../testing/accessibility.ts';
import { assert } from '../testing/assert.ts';
import { click, fill, nextEvent, root, text } from '../testing/dom.ts';
import { fixture } from '../testing/fixture.ts';
import { useSyncServer, waitFor } from '../testing/sync-server.ts';
import './delegation-create-form/delegation-create-form.ts';
import './delegation-dashboard/delegation-dashboard.ts';

/** A stand-in widget that exposes the services it receives (what any widget gets). */
@customElement('test-delegation-services')
export class TestDelegationServices extends LitElement {
  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;
  override render() {
    return html`${this.services ? `${this.services.session.user.lastName}${this.services.session.actor ? ` par ${this.services.session.actor.lastName}` : ''}` : 'sans session'}`;
  }
}

const inProvider = (provider: TeleservicesProvider, tag: string) => provider.shadowRoot!.querySelector(tag);
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('delegation, the whole loop against the real sync server', function () {
  this.timeout(90_000);
  const server = useSyncServer({ clearStorage: false });

  it('create → invitation link → the délégué creates an account → the délégant validates → the délégué acts within scope, is refused outside → deletion → refused', async () => {
    localStorage.clear();
    // The délégant signs in with the (simulated) CPS card: creating a delegation needs it.
    const cps = { token: await server.cardSignIn('10001234565') };
    const delegant = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${cps.token}>
      <delegation-dashboard></delegation-dashboard>
      <delegation-create-form></delegation-create-form>
    </teleservices-provider>`);
    await delegant.ready;
    const form = delegant.querySelector('delegation-create-form')!;
    const dashboard = delegant.querySelector('delegation-dashboard')!;
    await waitFor(() => root(form).querySelector('[name="delegateEmail"]'), { message: 'the create form' });
    assertAccessible(form);

    // 1. Creation: a new address (no account), profile Remplaçant, all structures forced.
    fill(root(form), { delegateEmail: 'assistante@exemple.fr' });
    root(form).querySelector('form')!.requestSubmit();
    await waitFor(() => root(form).querySelector('[name="profile"]'), { message: 'the details step' });
    assert.match(text(form), /recevra un lien sécurisé pour créer son compte/);
    click(root(form), '[name="profile"][value="remplacant"]');
    root(form).querySelector('[name="profile"][value="remplacant"]')!.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await (form as LitElement).updateComplete;
    fill(root(form), { validFrom: isoDay(0), validUntil: isoDay(30) });
    const created = nextEvent<Event>(form, 'delegation-created');
    root(form).querySelector('form')!.requestSubmit();
    await created;
    await waitFor(() => /assistante@exemple\.fr[\s\S]*En cours/.test(text(dashboard)), { message: 'the dashboard row, En cours' });

    // 2. The invitation link, opened without a session: the délégué creates an account.
    const invitation = (await server.outbox()).filter((m) => m.recipient === 'assistante@exemple.fr').at(-1)!;
    const token = /token=([A-Za-z0-9_-]+)/.exec(invitation.body)![1]!;
    localStorage.clear();
    const visitor = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" delegation-token=${token}></teleservices-provider>`);
    const page = await waitFor(() => root(inProvider(visitor, 'delegation-invitation')).querySelector('button') && root(inProvider(visitor, 'delegation-invitation')), { message: 'the invitation page' });
    assert.match(page.textContent ?? '', /Dr Claire Martin/);
    const createAccount = Array.from(page.querySelectorAll('button')).find((b) => /Je crée un compte/.test(b.textContent ?? ''))!;
    createAccount.click();
    await waitFor(() => page.querySelector('[name="lastName"]'), { message: 'the délégué account form' });
    fill(page, { lastName: 'Roussel', firstName: 'Inès', password: 'Assist#2026', passwordConfirmation: 'Assist#2026', consent: true });
    (page.querySelector('[name="civility"]') as HTMLSelectElement).value = 'Mme';
    page.querySelector('form')!.requestSubmit();
    await waitFor(() => /aura procédé à sa validation/.test(page.textContent ?? ''), { message: 'the account confirmation' });

    // 3. The délégant validates from the dashboard (the row arrived by the live stream).
    const validate = await waitFor(() => root(dashboard).querySelector('button[name="validate"]') as HTMLButtonElement | null, { message: 'VALIDER on the À valider row' });
    validate.click();
    await waitFor(() => /ROUSSEL[\s\S]*Validée/.test(text(dashboard)), { message: 'Validée' });

    // 4. The délégué signs in with their own account and acts for the délégant.
    const ownToken = await server.signIn('assistante@exemple.fr', 'Assist#2026');
    const delegate = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${ownToken}>
      <delegation-dashboard></delegation-dashboard>
      <test-delegation-services></test-delegation-services>
    </teleservices-provider>`);
    await delegate.ready;
    const received = delegate.querySelector('delegation-dashboard')!;
    const act = await waitFor(() => root(received).querySelector('button[name="act"]') as HTMLButtonElement | null, { message: 'Agir pour le compte de…' });
    assert.match(act.textContent ?? '', /Dr Claire Martin/);
    act.click();
    await waitFor(() => /Martin par ROUSSEL/.test(text(delegate.querySelector('test-delegation-services'))), { message: 'the delegated session' });
    await waitFor(() => /Vous agissez pour le compte de Dr Claire Martin — profil Remplaçant/.test(text(delegate)), { message: 'the acting banner' });
    const services = (delegate.querySelector('test-delegation-services') as TestDelegationServices).services!;

    // Within scope: a file written for the délégant reaches the délégant.
    const written = patientZero({ structureId: 's-cabinet-martin' });
    await services.api.json('/api/replication/fiches/push', { method: 'POST', json: [{ newDocumentState: written }] });
    await waitFor(async () => (await delegant.runtime!.db.fiches.findOne(String(written['id'])).exec()) !== null, { message: 'the délégant receiving the file' });

    // Outside scope: the délégant's own account is not the délégué's.
    const outside = await services.api.json('/api/account').catch((error: unknown) => error);
    assert.ok(outside instanceof ApiRequestError);
    assert.equal((outside as ApiRequestError).status, 403);
    assert.equal((outside as ApiRequestError).body['reason'], 'delegation_own_account');

    // 5. Deletion by the délégant: trash, confirmation modal, message; the délégué is refused at once.
    click(root(dashboard), 'button[name="delete"]');
    const confirm = await waitFor(() => root(dashboard).querySelector('dialog[open] button[name="confirm-delete"]') as HTMLButtonElement | null, { message: 'the confirmation modal' });
    assertAccessible(dashboard);
    confirm.click();
    await waitFor(() => /La délégation a bien été supprimée/.test(text(dashboard)), { message: 'the deletion message' });
    const after = await services.api.json('/api/replication/fiches/pull?limit=1').catch((error: unknown) => error);
    assert.equal((after as ApiRequestError).status, 403);
    assert.match((after as ApiRequestError).message, /supprimée/);
    const mails = await server.outbox();
    assert.ok(mails.some((m) => m.recipient === 'assistante@exemple.fr' && m.subject === 'Suppression d’une délégation'));
    assert.ok(mails.some((m) => m.recipient === 'dr.martin@demo.test' && m.subject === 'Suppression d’une délégation'));

    // Back to the délégué's own account.
    (root(delegate).querySelector('button[name="stop-acting"]') as HTMLButtonElement).click();
    await waitFor(() => /^ROUSSEL$/.test(text(delegate.querySelector('test-delegation-services')).trim()), { message: 'the délégué’s own session again' });
  });

  it('a substitute without a practice, even with the CPS card, is offered no « Créer une nouvelle délégation », which the server refuses', async () => {
    const cps = { token: await server.cardSignIn('10006789019') };
    assert.ok(cps.token, 'Dr Lucas Garnier signed in with his card');
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${cps.token}><delegation-dashboard></delegation-dashboard></teleservices-provider>`);
    await provider.ready;
    const dashboard = provider.querySelector('delegation-dashboard')!;
    await waitFor(() => /peut créer une délégation/.test(text(dashboard)), { message: 'the reason' });
    assert.equal(root(dashboard).querySelector('button[name="create"]'), null);
    assert.match(text(dashboard), /Délégations reçues/);
    assertAccessible(dashboard);
    const refused = await fetch(`${server.url}/api/delegations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cps.token}` },
      body: JSON.stringify({ delegateEmail: 'secretariat@exemple.fr', profile: 'comptable', validFrom: isoDay(0), validUntil: isoDay(30), structureIds: [] }),
    });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).reason, 'not_a_delegant');
    await provider.signOut();
  });
});
