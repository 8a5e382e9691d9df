import { html } from 'lit';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { nextEvent, root, submit, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import './account-password-reset.ts';
import type { AccountPasswordReset } from './account-password-reset.ts';

const type = (el: AccountPasswordReset, name: string, value: string) => {
  const input = root(el).querySelector(`[name="${name}"]`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

describe('<account-password-reset>', function () {
  this.timeout(30_000);
  const server = useSyncServer({ clearStorage: false });

  const render = (token = '') => fixture<AccountPasswordReset>(html`<account-password-reset server=${server.url} token=${token}></account-password-reset>`);

  it('asked by e-mail, shows the address in clear; by AM number, does not', async () => {
    let el = await render();
    assertAccessible(el);
    type(el, 'identifier', 'dr.martin@demo.test');
    submit(el);
    await waitFor(() => /Si un compte correspond à l’adresse dr\.martin@demo\.test/.test(text(el)), { message: 'the e-mail confirmation' });
    el = await render();
    type(el, 'identifier', '631994977');
    submit(el);
    await waitFor(() => /Si un compte correspond à ce numéro/.test(text(el)), { message: 'the number confirmation' });
    assert.equal(text(el).includes('@'), false, 'no address shown');
  });

  it('with an e-mail shared by several accounts, sends nothing and asks for the AM / FINESS number, which gets the link', async () => {
    const el = await render();
    type(el, 'identifier', 'secretariat.tilleuls@demo.test');
    submit(el);
    await waitFor(() => /n’est pas unique/.test(text(el)) && root(el).querySelector('[name="number"]'), { message: 'the shared e-mail asks for the number' });
    await el.updateComplete;
    assert.equal(root(el).querySelector<HTMLInputElement>('[name="number"]'), root(el).activeElement, 'the number field has the focus');
    assert.match(text(el), /ou N° d’Assurance Maladie ou FINESS/);
    assertAccessible(el);
    assert.equal((await server.outbox()).some((m) => m.recipient === 'secretariat.tilleuls@demo.test'), false, 'nothing sent');
    submit(el);
    await waitFor(() => /obligatoire/.test(root(el).querySelector('#number-error')?.textContent ?? ''), { message: 'the number is required' });
    type(el, 'number', '931012348');
    submit(el);
    await waitFor(() => /Si un compte correspond à ce numéro/.test(text(el)), { message: 'the number confirmation' });
    await waitFor(async () => (await server.outbox()).some((m) => m.recipient === 'secretariat.tilleuls@demo.test' && /token=/.test(m.body)), { message: 'the link mailed' });
  });

  it('sets a new password with the e-mailed link, checked live and typed twice, and the link then dies', async () => {
    const request = await render();
    type(request, 'identifier', 'dr.durand@demo.test');
    submit(request);
    await waitFor(() => /Si un compte/.test(text(request)), { message: 'the request' });
    const mail = (await server.outbox()).find((m) => m.recipient === 'dr.durand@demo.test')!;
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.body)![1]!;

    const el = await render(token);
    assertAccessible(el);
    type(el, 'password', 'abc');
    await el.updateComplete;
    const checklist = root(el).querySelector('password-checklist')!;
    await checklist.updateComplete;
    assert.match(checklist.shadowRoot!.textContent ?? '', /1 règle sur 5 respectée/);
    submit(el);
    await waitFor(() => root(el).querySelector('#password-error'), { message: 'the policy error' });
    type(el, 'password', 'Nouveau#2027');
    type(el, 'confirmation', 'Nouveau#2028');
    submit(el);
    await waitFor(() => /ne sont pas identiques/.test(root(el).querySelector('#confirmation-error')?.textContent ?? ''), { message: 'the mismatch' });
    type(el, 'confirmation', 'Nouveau#2027');
    const done = nextEvent<Event>(el, 'password-reset-completed');
    submit(el);
    await done;
    assert.match(text(el), /Votre mot de passe a été modifié/);
    const signIn = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'dr.durand@demo.test', password: 'Nouveau#2027' }) });
    assert.equal(signIn.status, 200);

    const again = await render(token);
    type(again, 'password', 'Encore#2029');
    type(again, 'confirmation', 'Encore#2029');
    submit(again);
    await waitFor(() => /n’est plus valable/.test(root(again).querySelector('#password-error')?.textContent ?? ''), { message: 'the dead link' });
  });
});
