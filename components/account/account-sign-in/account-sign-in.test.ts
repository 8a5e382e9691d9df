import { html } from 'lit';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { fill, nextEvent, root, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import './account-sign-in.ts';
import type { AccountSignIn } from './account-sign-in.ts';

type SignedIn = Event & { detail: { session: { user: { email: string; strongAuth: boolean } }; method: string } };

describe('<account-sign-in>', function () {
  this.timeout(30_000);
  const server = useSyncServer({ clearStorage: false });

  const render = (lang = 'fr') => fixture<AccountSignIn>(html`<account-sign-in lang=${lang} server=${server.url}></account-sign-in>`);

  it('is accessible, with the seed’s three blocks', async () => {
    const el = await render();
    assertAccessible(el);
    assert.match(text(el), /Identification.*Mot de passe oublié.*Vous connecter.*Identification par carte CPS.*Vous n’avez pas de compte \?.*Créer un compte/);
  });

  it('signs in by password and says who', async () => {
    const el = await render();
    fill(el, { identifier: 'dr.martin@demo.test', password: 'Medecin#2026' }, { silently: true });
    const signedIn = new Promise<SignedIn>((resolve) => el.addEventListener('account-signed-in', (e) => resolve(e as SignedIn), { once: true }));
    root(el).querySelector('form')!.requestSubmit();
    const { detail } = await signedIn;
    assert.equal(detail.method, 'password');
    assert.equal(detail.session.user.email, 'dr.martin@demo.test');
    assert.equal(detail.session.user.strongAuth, false);
  });

  it('asks for both fields before asking the server', async () => {
    const el = await render();
    root(el).querySelector('form')!.requestSubmit();
    await waitFor(() => root(el).querySelector('#identifier-error'), { message: 'the missing identifier' });
    assert.equal(root(el).activeElement, root(el).querySelector('[name="identifier"]'));
  });

  it('signs in with the simulated CPS card, said so, with strong authentication — and that unlocks a blocked account', async () => {
    const el = await render();
    for (const attempt of ['a', 'b', 'c']) {
      fill(el, { identifier: 'dr.durand@demo.test', password: attempt }, { silently: true });
      root(el).querySelector('form')!.requestSubmit();
      await el.updateComplete;
      assert.ok(root(el).querySelector('button[type="submit"][disabled]'), 'the button waits for the answer');
      await waitFor(() => !root(el).querySelector('button[disabled]') && root(el).querySelector('#password-error'), { message: 'an answer' });
    }
    assert.match(text(el), /Votre compte est bloqué/);

    (root(el).querySelector('button[name="cps"]') as HTMLButtonElement).click();
    await waitFor(() => /Carte CPS simulée \(démonstration\)/.test(text(el)), { message: 'the simulated card’s form' });
    fill(el, { rpps: '10002345675', code: '0000' }, { silently: true });
    const cardForm = root(el).querySelectorAll('form')[1]!;
    cardForm.requestSubmit();
    await waitFor(() => root(el).querySelector('#code-error'), { message: 'the wrong holder code' });
    assert.match(root(el).querySelector('#code-error')!.textContent ?? '', /Code porteur/);

    fill(el, { code: '1234' }, { silently: true });
    const signedIn = new Promise<SignedIn>((resolve) => el.addEventListener('account-signed-in', (e) => resolve(e as SignedIn), { once: true }));
    cardForm.requestSubmit();
    const { detail } = await signedIn;
    assert.equal(detail.method, 'cps');
    assert.equal(detail.session.user.strongAuth, true);
    const afterCard = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'dr.durand@demo.test', password: 'Medecin#2026' }) });
    assert.equal(afterCard.status, 200, 'the card unlocked the account');
  });

  it('asks the host for the password reset and the account creation', async () => {
    const el = await render();
    fill(el, { identifier: 'labo.bio@demo.test' }, { silently: true });
    const reset = new Promise<Event & { detail: { identifier: string } }>((resolve) => el.addEventListener('password-reset-request', (e) => resolve(e as never), { once: true }));
    (root(el).querySelector('button[name="forgotten"]') as HTMLButtonElement).click();
    assert.equal((await reset).detail.identifier, 'labo.bio@demo.test');
    const create = nextEvent<Event>(el, 'account-create-request');
    (root(el).querySelector('button[name="create"]') as HTMLButtonElement).click();
    assert.equal((await create).type, 'account-create-request');
  });

  it('speaks English', async () => {
    const el = await render('en');
    assert.match(text(el), /Sign in.*Forgotten password.*Sign in with a CPS card/);
  });

  it('in English (lang="en"), shows the server’s refusal of a wrong password in English', async () => {
    const el = await render('en');
    fill(el, { identifier: 'pharmacie.centrale@demo.test', password: 'Wrong#2026' }, { silently: true });
    root(el).querySelector('form')!.requestSubmit();
    const error = await waitFor(() => root(el).querySelector('#password-error'), { message: 'the refusal next to the password' });
    assert.equal((error.textContent ?? '').trim(), 'Wrong identifier or password. After 3 failures in a row, the account is locked.');
  });
});
