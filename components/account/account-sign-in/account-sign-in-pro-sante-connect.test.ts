import { executeServerCommand } from '@web/test-runner-commands';
import { html } from 'lit';
import '../account-create/account-create.ts';
import type { AccountCreate } from '../account-create/account-create.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { fixture } from '../../testing/fixture.ts';
import { startSyncServer, useSyncServer, waitFor } from '../../testing/sync-server.ts';
import type { CardProof } from '../../data/session/strong-auth.ts';
import '../../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../../shell/teleservices-provider/teleservices-provider.ts';
import './account-sign-in.ts';
import type { AccountSignIn } from './account-sign-in.ts';

const MARTIN = '10001234565';
/** In the health insurance's directory, without an account yet (README's demo accounts). */
const LAMBERT = '10007890121';
/** A valid RPPS that the provider knows and the health insurance's directory does not. */
const STRANGER = '10011111118';
/** The demo's people without an RPPS, as the local provider's directory knows them (sync-server/testing/pro-sante-connect-people.ts). */
const BENALI = '3750054322/BENALI';
const BERTIN = 'CPE-2026-0042';
const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const text = (el: HTMLElement) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
const button = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector(`button[name="${name}"]`) as HTMLButtonElement | null;
const alertText = (el: HTMLElement) => el.shadowRoot!.querySelector('[role="alert"]')?.textContent?.trim() ?? '';
/** The practitioner at the provider, in the popup the sign-in opened (driven by the test runner). */
const atProvider = (payload: { rpps?: string; identifier?: string; acr?: string; cancel?: boolean; close?: boolean }) => executeServerCommand('pro-sante-connect:popup', payload);
type SignedIn = Event & { detail: { session: { token: string; user: { lastName: string; strongAuth: boolean; accountKind?: string; role?: string; email?: string } }; method: string } };

describe('<account-sign-in> with Pro Santé Connect, against a local OpenID provider', function () {
  this.timeout(90_000);
  const server = useSyncServer({ proSanteConnect: { redirectUrl: `${location.origin}/components/testing/pro-sante-connect-callback.html` } });
  beforeEach(() => executeServerCommand('pro-sante-connect:forget'));

  const render = async (lang = 'fr') => {
    const el = await fixture<AccountSignIn>(html`<account-sign-in lang=${lang} server=${server.url} strong-auth-flow="popup"></account-sign-in>`);
    await waitFor(() => /Pro Santé Connect/.test(text(el)), { message: 'the Pro Santé Connect block' });
    return el;
  };

  it('offers Pro Santé Connect instead of the simulated card, and signs in at the provider with a strong session that reaches EMS', async () => {
    const el = await render();
    assertAccessible(el);
    assert.ok(!/Carte CPS simulée|Code porteur/.test(text(el)), 'no simulated card');
    const starts: string[] = [];
    el.addEventListener('strong-auth-start', (e) => starts.push(e.detail.authorizationUrl));
    const signedIn = new Promise<SignedIn>((resolve) => el.addEventListener('account-signed-in', (e) => resolve(e as SignedIn), { once: true }));
    button(el, 'cps')!.click();
    await atProvider({ rpps: MARTIN });
    const { detail } = await signedIn;
    assert.equal(detail.method, 'cps');
    assert.equal(detail.session.user.lastName, 'Martin');
    assert.equal(detail.session.user.strongAuth, true);
    assert.equal(new URL(starts[0]!).origin, server.issuer, 'the host saw the provider’s page before it opened');
    // The strong steps (EMS, a délégant's new delegation) take this same strong session.
    const pull = await fetch(`${server.url}/api/replication/ems/threads/pull?limit=10`, { headers: { authorization: `Bearer ${detail.session.token}` } });
    assert.equal(pull.status, 200);
  });

  it('a click faster than the server’s answer waits for it, then leaves for the provider (never the simulated card)', async () => {
    const el = await fixture<AccountSignIn>(html`<account-sign-in server=${server.url} strong-auth-flow="popup"></account-sign-in>`);
    const signedIn = new Promise<SignedIn>((resolve) => el.addEventListener('account-signed-in', (e) => resolve(e as SignedIn), { once: true }));
    button(el, 'cps')!.click();
    await atProvider({ rpps: MARTIN });
    assert.equal((await signedIn).detail.session.user.strongAuth, true);
    assert.ok(!el.shadowRoot!.querySelector('[name="code"]'), 'no holder code asked');
  });

  it('inside <teleservices-provider strong-auth-flow="popup">: the card sign-in opens the popup and the strong session starts', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" strong-auth-flow="popup"></teleservices-provider>`);
    const signIn = await waitFor(() => provider.shadowRoot!.querySelector('account-sign-in'), { message: 'the provider’s sign-in' });
    await waitFor(() => /Pro Santé Connect/.test(text(signIn)), { message: 'the Pro Santé Connect block' });
    const started = new Promise<Event>((resolve) => provider.addEventListener('session-started', resolve, { once: true }));
    button(signIn, 'cps')!.click();
    await atProvider({ rpps: MARTIN });
    await started;
    assert.equal(provider.services?.session.user.strongAuth, true);
    assert.equal(provider.services?.session.user.lastName, 'Martin');
  });

  it('says next to the button that a level too weak is refused, that a sign-in cancelled at the provider was, and that the window was closed', async () => {
    const el = await render();
    button(el, 'cps')!.click();
    await atProvider({ rpps: MARTIN, acr: 'eidas0' });
    await waitFor(() => /pas assez fort/.test(alertText(el)), { message: 'the refusal of a weak level' });
    assert.ok(!button(el, 'cps')!.disabled, 'the button is offered again');

    await executeServerCommand('pro-sante-connect:forget');
    button(el, 'cps')!.click();
    await atProvider({ cancel: true });
    await waitFor(() => /Connexion Pro Santé Connect annulée/.test(alertText(el)), { message: 'the cancellation' });

    button(el, 'cps')!.click();
    await atProvider({ close: true });
    await waitFor(() => /La fenêtre Pro Santé Connect a été fermée/.test(alertText(el)), { message: 'the closed window' });
    assert.ok(!button(el, 'cps')!.disabled, 'the button is offered again');
  });

  it('speaks English about the refusal', async () => {
    const el = await render('en');
    assert.match(text(el), /Through Pro Santé Connect/);
    button(el, 'cps')!.click();
    await atProvider({ cancel: true });
    await waitFor(() => /Pro Santé Connect sign-in cancelled/.test(alertText(el)), { message: 'the cancellation in English' });
  });

  it('a practitioner without an account: offers to create it with the card, and the account creation opens with the provider’s return', async () => {
    const el = await render();
    button(el, 'cps')!.click();
    await atProvider({ rpps: LAMBERT });
    await waitFor(() => button(el, 'create-with-card'), { message: 'the offer to create the account with the card' });
    assert.match(alertText(el), /Aucun compte n’est associé à cette carte CPS/);

    const requested = new Promise<Event & { detail: { card?: CardProof } }>((resolve) => el.addEventListener('account-create-request', (e) => resolve(e as never), { once: true }));
    // Still signed in at the provider: the second round needs no page there.
    button(el, 'create-with-card')!.click();
    const { detail } = await requested;
    assert.ok(detail.card && 'authorization' in detail.card, 'the provider’s return, for the creation');

    const create = await fixture<AccountCreate>(html`<account-create server=${server.url} .card=${detail.card}></account-create>`);
    await waitFor(() => /compte personnel valable/.test(text(create)), { message: 'the personal-account notice of the card’s holder' });
  });

  it('<account-create> alone: « Avec votre carte CPS » goes through the provider, and says when the directory does not know the card', async () => {
    const render = () => fixture<AccountCreate>(html`<account-create server=${server.url} strong-auth-flow="popup"></account-create>`);
    const refused = await render();
    await waitFor(() => button(refused, 'cps'), { message: 'the Pro Santé Connect button' });
    assertAccessible(refused);
    assert.ok(!/Carte CPS simulée/.test(text(refused)), 'no simulated card');
    button(refused, 'cps')!.click();
    await atProvider({ rpps: STRANGER });
    await waitFor(() => /n’est pas connue des référentiels/.test(alertText(refused)), { message: 'the directory’s refusal' });

    await executeServerCommand('pro-sante-connect:forget');
    const create = await render();
    await waitFor(() => button(create, 'cps'), { message: 'the Pro Santé Connect button' });
    button(create, 'cps')!.click();
    await atProvider({ rpps: LAMBERT });
    await waitFor(() => /compte personnel valable/.test(text(create)), { message: 'the personal-account notice of the card’s holder' });
  });

  it('the health centre’s director signs in through Pro Santé Connect (his role at the centre’s FINESS) and may delegate', async () => {
    const el = await render();
    assert.match(text(el), /carte de directeur d’un centre de santé/);
    const signedIn = new Promise<SignedIn>((resolve) => el.addEventListener('account-signed-in', (e) => resolve(e as SignedIn), { once: true }));
    button(el, 'cps')!.click();
    await atProvider({ identifier: BENALI });
    const { session } = (await signedIn).detail;
    assert.deepEqual([session.user.email, session.user.accountKind, session.user.strongAuth], ['cds.daumesnil@demo.test', 'directeur', true]);
    const created = await fetch(`${server.url}/api/delegations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ delegateEmail: 'remplacant@demo.test', profile: 'remplacant', validFrom: isoDay(0), validUntil: isoDay(30), structureIds: ['s-cds-daumesnil'] }),
    });
    assert.equal(created.status, 201, 'the strong session delegates');
  });

  it('the medical assistant signs in by her CPE identifier and acts for Dr Martin; an identifier no delegation names is refused next to the button, with no account to create', async () => {
    const el = await render();
    const signedIn = new Promise<SignedIn>((resolve) => el.addEventListener('account-signed-in', (e) => resolve(e as SignedIn), { once: true }));
    button(el, 'cps')!.click();
    await atProvider({ identifier: BERTIN });
    const { session } = (await signedIn).detail;
    assert.deepEqual([session.user.email, session.user.role, session.user.strongAuth], ['assistante.medicale@demo.test', 'delegue', true]);
    const acting = await fetch(`${server.url}/api/delegations/d-demo-assistante/act`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    assert.equal(acting.status, 200, 'she acts for the délégant');

    await executeServerCommand('pro-sante-connect:forget');
    const refused = await render();
    button(refused, 'cps')!.click();
    await atProvider({ identifier: 'CPE-2026-9999' });
    await waitFor(() => /Aucun compte n’est associé à votre identité Pro Santé Connect/.test(alertText(refused)), { message: 'the refusal of an unknown CPE identifier' });
    assert.ok(!button(refused, 'create-with-card'), 'a CPE card creates no account: none is offered');
    assert.ok(!button(refused, 'cps')!.disabled, 'the button is offered again');
  });

  it('shows no card block when the server has no strong authentication', async () => {
    const bare = await startSyncServer({ strongAuth: false });
    try {
      const el = await fixture<AccountSignIn>(html`<account-sign-in server=${bare.url}></account-sign-in>`);
      await waitFor(() => !el.shadowRoot!.querySelector('#cps-title'), { message: 'the card block gone' });
      assert.ok(!button(el, 'cps'));
      assert.match(text(el), /Identification.*Vous n’avez pas de compte \?/);
      assert.ok(!/carte CPS/i.test(text(el)), 'the card is not mentioned');
    } finally {
      await bare.dispose();
    }
  });
});
