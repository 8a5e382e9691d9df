import { html } from 'lit';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { control, nextEvent, root, text, type } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import './account-create.ts';
import type { AccountCreate } from './account-create.ts';
import type { AccountCreatedEvent } from './account-create.events.ts';

const tick = (el: AccountCreate, name: string) => {
  control(el, name).checked = true;
};
const submit = (el: AccountCreate, heading: string) => {
  const section = Array.from(root(el).querySelectorAll('section')).find((s) => s.textContent?.includes(heading))!;
  section.querySelector('form')!.requestSubmit();
};
const click = (el: AccountCreate, name: string) => (root(el).querySelector(`button[name="${name}"]`) as HTMLButtonElement).click();
const LAMBERT = { rpps: '10007890121', am: '940123409', nir: '286059402812325' };

describe('<account-create> against the real sync server', function () {
  this.timeout(30_000);
  const server = useSyncServer({ perTest: true, clearStorage: false });

  const render = () => fixture<AccountCreate>(html`<account-create server=${server.url}></account-create>`);

  it('with the CPS card: checks the form with the shared rules, then creates the account and hands its strong session over', async () => {
    const el = await render();
    assertAccessible(el);
    assert.match(text(el), /Carte CPS simulée/);
    type(el, 'rpps', LAMBERT.rpps);
    type(el, 'code', '1234');
    submit(el, 'Avec votre carte CPS');
    await waitFor(() => /compte personnel valable, le cas échéant, pour l’ensemble de vos cabinets/.test(text(el)), { message: 'the personal-account notice' });
    click(el, 'continue');
    await waitFor(() => control(el, 'email'), { message: 'the account form' });
    assertAccessible(el);
    assert.equal(control(el, 'identityName').value, 'Julie Lambert');
    assert.match(control(el, 'identityNumber').value, /940123409 \(Cabinet Lambert\)/);

    type(el, 'email', 'julie.lambert@exemple.fr');
    type(el, 'emailConfirmation', 'julie.lambert@exemple.com');
    type(el, 'password', 'faible');
    type(el, 'passwordConfirmation', 'faible');
    submit(el, 'Créer votre compte');
    await waitFor(() => root(el).querySelector('.error-summary'), { message: 'the error summary' });
    assert.equal(control(el, 'emailConfirmation').getAttribute('aria-invalid'), 'true');
    assert.match(root(el).querySelector('#emailConfirmation-error')!.textContent!, /Les deux adresses e-mail ne sont pas identiques/);
    assert.match(root(el).querySelector('#password-error')!.textContent!, /majuscule/);
    assert.ok(root(el).querySelector('#consent-error'), 'the unticked conditions are named');
    assert.equal(root(el).activeElement?.getAttribute('name'), 'emailConfirmation', 'the first invalid field, in the order of the form, has the focus');
    assert.equal((await server.outbox()).length, 0, 'nothing was sent');

    type(el, 'emailConfirmation', 'julie.lambert@exemple.fr');
    type(el, 'password', 'Lambert#2026');
    type(el, 'passwordConfirmation', 'Lambert#2026');
    tick(el, 'consent');
    const created = nextEvent<AccountCreatedEvent>(el, 'account-created');
    submit(el, 'Créer votre compte');
    const event = await created;
    assert.equal(event.detail.session.user.strongAuth, true);
    assert.equal(event.detail.session.user.lastName, 'Lambert');
    await waitFor(() => /Valider adresse e-mail/.test(text(el)), { message: 'the confirmation' });
    const mail = (await server.outbox()).at(-1)!;
    assert.deepEqual([mail.recipient, mail.subject], ['julie.lambert@exemple.fr', 'Validez votre adresse e-mail']);
  });

  it('with the security key: a wrong key is refused next to the field, the right one opens the form', async () => {
    const el = await render();
    type(el, 'number', LAMBERT.am);
    submit(el, 'Sans carte CPS');
    await waitFor(() => control(el, 'nir'), { message: 'the security-key form' });
    assertAccessible(el);
    type(el, 'nir', '286059402812399');
    type(el, 'ibanFirst', '01');
    type(el, 'ibanSecond', '47');
    submit(el, 'Avec votre clé de sécurité');
    await waitFor(() => root(el).querySelector('#nir-error'), { message: 'the NIR key error (shared schema)' });
    type(el, 'nir', LAMBERT.nir);
    type(el, 'ibanSecond', '48');
    submit(el, 'Avec votre clé de sécurité');
    await waitFor(() => /ne correspondent pas à nos référentiels/.test(root(el).querySelector('#nir-error')?.textContent ?? ''), { message: 'the server’s refusal' });
    type(el, 'ibanSecond', '47');
    submit(el, 'Avec votre clé de sécurité');
    await waitFor(() => root(el).querySelector('button[name="continue"]'), { message: 'the notice' });
    click(el, 'continue');
    await waitFor(() => control(el, 'email'), { message: 'the account form' });
  });

  it('for a pharmacy: the administrative-account notice, no security key, and the temporary password by post to the pharmacy', async () => {
    const el = await render();
    type(el, 'number', '750078909');
    submit(el, 'Sans carte CPS');
    await waitFor(() => /vous êtes sur le point de créer un compte administratif/i.test(text(el)), { message: 'the administrative notice' });
    assert.equal(/clé de sécurité/.test(text(el)), false, 'a pharmacy never has a security key');
    assert.equal(root(el).querySelector('[name="nir"]'), null);
    assertAccessible(el);
    click(el, 'continue-admin');
    await waitFor(() => control(el, 'email'), { message: 'the postal form' });
    assert.match(text(el), /adresse e-mail générique de la structure/);
    assert.match(text(el), /suite à réception du courrier postal à l’adresse du lieu d’exercice enregistrée dans nos référentiels/);
    assert.equal(/clé de sécurité/.test(text(el)), false, 'nor does its by-post form speak of one');
    type(el, 'email', 'contact@pharmacie-marche.fr');
    type(el, 'emailConfirmation', 'contact@pharmacie-marche.fr');
    tick(el, 'consent');
    submit(el, 'Créer votre compte');
    await waitFor(() => /courrier postal à l’adresse : 40 boulevard Voltaire, 75011 Paris/.test(text(el)), { message: 'the confirmation with the address' });
    const letter = (await server.outbox()).find((m) => m.channel === 'post')!;
    assert.match(letter.recipient, /^Pharmacie du Marché\n40 boulevard Voltaire\n75011 PARIS$/);
  });

  it('for a health centre: the director’s by-post form, without a word of a security key', async () => {
    const el = await render();
    type(el, 'number', '930045604');
    submit(el, 'Sans carte CPS');
    await waitFor(() => control(el, 'email'), { message: 'the postal form' });
    assert.match(text(el), /Vous êtes sur le point de créer un compte pour votre établissement/);
    assert.match(text(el), /suite à réception du courrier postal à l’adresse du lieu d’exercice enregistrée dans nos référentiels/);
    assert.equal(/clé de sécurité/.test(text(el)), false);
    assertAccessible(el);
  });

  it('says why a number cannot be used, next to the field, and goes back', async () => {
    const el = await render();
    type(el, 'number', '631994977');
    submit(el, 'Sans carte CPS');
    await waitFor(() => /Un compte existe déjà/.test(root(el).querySelector('#number-error')?.textContent ?? ''), { message: 'the existing account' });
    assert.equal(control(el, 'number').getAttribute('aria-invalid'), 'true');
    const left = nextEvent<Event>(el, 'account-create-cancelled');
    click(el, 'back');
    await left;
  });

  it('speaks English', async () => {
    const el = await fixture<AccountCreate>(html`<div lang="en"><account-create server=${server.url}></account-create></div>`).then((div) => div.querySelector('account-create')!);
    await el.updateComplete;
    assert.match(text(el), /Create your account/);
    assert.match(text(el), /Simulated CPS card/);
  });
});
