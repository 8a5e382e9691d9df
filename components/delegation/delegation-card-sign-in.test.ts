import { html } from 'lit';
import { todayInParis } from '../../domain/validation/dates.ts';
import '../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../testing/accessibility.ts';
import { assert } from '../testing/assert.ts';
import { click, errorOf, fill, innerRoot, root, text } from '../testing/dom.ts';
import { fixture } from '../testing/fixture.ts';
import { useSyncServer, waitFor } from '../testing/sync-server.ts';
import './delegation-create-form/delegation-create-form.ts';
import './delegation-dashboard/delegation-dashboard.ts';

/**
 * The strong sign-ins the delegations need beyond a professional's CPS card (seed 003): an
 * establishment director's card (a health-centre director delegates) and a medical assistant's
 * CPE card (« Connexion en CPS/CPE (selon son profil) »), through <account-sign-in>'s simulated
 * card inside the provider, against the real sync server and its demo accounts.
 */
describe('director’s and CPE card sign-ins, against the real sync server', function () {
  this.timeout(90_000);
  const server = useSyncServer();

  /** The provider's sign-in, its simulated card form open on the card `kind`. */
  async function cardForm(provider: TeleservicesProvider, kind: 'cpe' | 'cde'): Promise<ShadowRoot> {
    const signIn = await waitFor(() => innerRoot(provider, 'account-sign-in'), { message: 'the sign-in' });
    (signIn.querySelector('button[name="cps"]') as HTMLButtonElement).click();
    await waitFor(() => signIn.querySelector('[name="cardKind"]'), { message: 'the simulated card’s form' });
    click(signIn, `[name="cardKind"][value="${kind}"]`);
    signIn.querySelector(`[name="cardKind"][value="${kind}"]`)!.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await waitFor(() => signIn.querySelector(`[name="${kind === 'cpe' ? 'cpe' : 'finess'}"]`), { message: 'the card’s number field' });
    // The notice names the card chosen, never « Carte CPS » for another.
    const notice = signIn.querySelector('form .notice')!.textContent!;
    assert.match(notice, kind === 'cpe' ? /^Carte CPE simulée \(démonstration\)/ : /^Carte de directeur d’établissement simulée \(démonstration\)/);
    assert.ok(!/CPS/.test(notice), 'no « Carte CPS » for another card');
    return signIn;
  }

  it('a health-centre director signs in with the director’s card and creates a delegation', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory">
      <delegation-dashboard></delegation-dashboard>
      <delegation-create-form></delegation-create-form>
    </teleservices-provider>`);
    const signIn = await cardForm(provider, 'cde');
    assertAccessible(innerRoot(provider, 'account-sign-in')!.host as HTMLElement);
    fill(signIn, { finess: '750054322', code: '1234' });
    (signIn.querySelector('[name="finess"]') as HTMLInputElement).form!.requestSubmit();

    const form = provider.querySelector('delegation-create-form')!;
    await waitFor(() => root(form).querySelector('[name="delegateEmail"]'), { message: 'the create form, the session strong', timeoutMs: 40_000 });
    assert.equal(/nécessite une connexion par carte CPS/.test(text(form)), false);
    assert.equal(provider.runtime!.services.session.user.accountKind, 'directeur');
    fill(root(form), { delegateEmail: 'secretariat.daumesnil@exemple.fr' });
    root(form).querySelector('form')!.requestSubmit();
    await waitFor(() => root(form).querySelector('[name="profile"]'), { message: 'the details step' });
    click(root(form), '[name="profile"][value="comptable"]');
    root(form).querySelector('[name="profile"][value="comptable"]')!.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await waitFor(() => /Centre de santé Daumesnil/.test(text(form)), { message: 'the centre among the structures' });
    click(root(form), '[name="structureIds"][value="s-cds-daumesnil"]');
    const today = todayInParis();
    fill(root(form), { validFrom: today, validUntil: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}` });
    root(form).querySelector('form')!.requestSubmit();
    const dashboard = provider.querySelector('delegation-dashboard')!;
    await waitFor(() => /secretariat\.daumesnil@exemple\.fr[\s\S]*En cours/.test(text(dashboard)), { message: 'the delegation in the director’s dashboard' });
    const invitation = (await server.outbox()).find((m) => m.recipient === 'secretariat.daumesnil@exemple.fr');
    assert.match(invitation?.body ?? '', /M\. Karim Benali souhaite vous attribuer une délégation/);
  });

  it('a medical assistant signs in with her CPE card (an unknown one is refused next to its field) and acts for Dr Martin', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory"><delegation-dashboard></delegation-dashboard></teleservices-provider>`);
    const signIn = await cardForm(provider, 'cpe');
    fill(signIn, { cpe: 'CPE-2026-9999', code: '1234' });
    (signIn.querySelector('[name="cpe"]') as HTMLInputElement).form!.requestSubmit();
    await waitFor(() => errorOf(signIn, 'cpe'), { message: 'the refusal next to the CPE field' });
    assert.match(errorOf(signIn, 'cpe'), /Aucune délégation validée d’assistant médical ne mentionne cette carte CPE/);
    assert.equal(signIn.querySelector('button[name="create-with-card"]'), null, 'a CPE card creates no account');

    fill(signIn, { cpe: 'CPE-2026-0042', code: '1234' });
    (signIn.querySelector('[name="cpe"]') as HTMLInputElement).form!.requestSubmit();
    const dashboard = provider.querySelector('delegation-dashboard')!;
    const act = await waitFor(() => root(dashboard).querySelector('button[name="act"]') as HTMLButtonElement | null, { message: '« Agir pour le compte de Dr Claire Martin »', timeoutMs: 40_000 });
    assert.match(act.textContent ?? '', /Dr Claire Martin/);
    act.click();
    await waitFor(() => /Vous agissez pour le compte de Dr Claire Martin — profil Assistant médical/.test(text(provider)), { message: 'the acting banner' });
    const session = await (await fetch(`${server.url}/api/auth/session`, { headers: { authorization: `Bearer ${provider.runtime!.services.session.token}` } })).json();
    assert.deepEqual([session.user.lastName, session.actor.lastName, session.user.strongAuth], ['Martin', 'Bertin', true]);
  });
});
