import { html, type LitElement } from 'lit';
import '../../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { nextEvent, root, submit, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import './delegation-create-form.ts';
import type { DelegationCreateForm } from './delegation-create-form.ts';

const type = (el: DelegationCreateForm, name: string, value: string) => {
  (root(el).querySelector(`[name="${name}"]`) as HTMLInputElement).value = value;
};
const choose = async (el: DelegationCreateForm, profile: string) => {
  const radio = root(el).querySelector(`[name="profile"][value="${profile}"]`) as HTMLInputElement;
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await el.updateComplete;
};

describe('<delegation-create-form> against the real sync server', function () {
  this.timeout(30_000);
  const server = useSyncServer();

  async function render(token: string): Promise<DelegationCreateForm> {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${token}><delegation-create-form></delegation-create-form></teleservices-provider>`);
    await provider.ready;
    const form = provider.querySelector('delegation-create-form')!;
    await (form as LitElement).updateComplete;
    return form;
  }
  const cpsToken = (rpps = '10001234565') => server.cardSignIn(rpps);

  it('refuses without the CPS card, and says how to get there', async () => {
    const form = await render(await server.signIn('dr.martin@demo.test', 'Medecin#2026'));
    assert.match(text(form), /nécessite une connexion par carte CPS/);
    assert.equal(root(form).querySelector('form'), null);
  });

  it('shows the account an e-mail names and asks whether it is the délégué; « Non » goes back to the e-mail', async () => {
    const form = await render(await cpsToken());
    assert.match(text(form), /Une erreur de saisie entraînerait l’envoi à tort, de l’accès à votre compte à un tiers/);
    type(form, 'delegateEmail', 'remplacant@demo.test');
    submit(form);
    const dialog = await waitFor(() => root(form).querySelector('dialog[open]'), { message: 'the account check' });
    assert.match(dialog.textContent ?? '', /Lucas[\s\S]*Garnier[\s\S]*remplacant@demo\.test[\s\S]*Cet utilisateur correspond-il à votre délégué/);
    assertAccessible(form);
    (dialog.querySelector('button[name="verify-no"]') as HTMLButtonElement).click();
    await waitFor(() => !root(form).querySelector('dialog') && root(form).querySelector('[name="delegateEmail"]'), { message: 'back to the e-mail' });
    assert.equal((root(form).querySelector('[name="delegateEmail"]') as HTMLInputElement).value, 'remplacant@demo.test', 'what was typed is kept');
    submit(form);
    (await waitFor(() => root(form).querySelector('dialog[open] button[name="verify-yes"]') as HTMLButtonElement | null, { message: 'the dialog again' })).click();
    await waitFor(() => root(form).querySelector('[name="profile"]'), { message: 'the details' });
  });

  it('checks the details with the shared rules: profile, dates in order, the CPE card of a medical assistant', async () => {
    const form = await render(await cpsToken());
    type(form, 'delegateEmail', 'assistant@exemple.fr');
    submit(form);
    await waitFor(() => root(form).querySelector('[name="profile"]'), { message: 'the details' });
    submit(form);
    await waitFor(() => root(form).querySelector('.error-summary'), { message: 'the summary' });
    assert.match(text(form), /Choisissez le profil du délégué/);
    await choose(form, 'assistant_medical');
    assert.match(text(form), /À l’ensemble du bouquet de services du PS assisté/);
    assert.ok(root(form).querySelector('[name="cpeCardId"]'), 'the CPE card is asked');
    const structure = root(form).querySelector('[name="structureIds"]') as HTMLInputElement;
    assert.equal(structure.checked, true, 'every structure is forced for a medical assistant');
    type(form, 'validFrom', '2026-12-20');
    type(form, 'validUntil', '2026-12-01');
    submit(form);
    await waitFor(() => /La date de fin ne peut pas précéder la date de début/.test(root(form).querySelector('#validUntil-error')?.textContent ?? ''), { message: 'the dates error' });
    assert.match(root(form).querySelector('#cpeCardId-error')!.textContent!, /carte CPE/);
    assert.equal(root(form).querySelector('#validUntil')!.getAttribute('aria-invalid'), 'true');
    assertAccessible(form);
    const sent = (await server.outbox()).filter((m) => m.recipient === 'assistant@exemple.fr');
    assert.equal(sent.length, 0, 'nothing was created');
  });

  it('shows, next to the profile, the server’s eligibility rules: an exclusive substitute only, an assistant only with the contract', async () => {
    const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const form = await render(await cpsToken());
    type(form, 'delegateEmail', 'dr.durand@demo.test');
    submit(form);
    (await waitFor(() => root(form).querySelector('dialog[open] button[name="verify-yes"]') as HTMLButtonElement | null, { message: 'the account check' })).click();
    await waitFor(() => root(form).querySelector('[name="profile"]'), { message: 'the details' });
    await choose(form, 'remplacant');
    type(form, 'validFrom', isoDay(0));
    type(form, 'validUntil', isoDay(30));
    submit(form);
    const error = await waitFor(() => root(form).querySelector('#profile-error'), { message: 'the refusal next to the profile' });
    assert.match(error.textContent!, /Seuls les remplaçants exclusifs, sans activité libérale par ailleurs/);
    assertAccessible(form);

    const durand = await render(await cpsToken('10002345675'));
    type(durand, 'delegateEmail', 'assistant.durand@exemple.fr');
    submit(durand);
    await waitFor(() => root(durand).querySelector('[name="profile"]'), { message: 'the details' });
    await choose(durand, 'assistant_medical');
    type(durand, 'cpeCardId', 'CPE-0001');
    type(durand, 'validFrom', isoDay(0));
    type(durand, 'validUntil', isoDay(30));
    submit(durand);
    const contract = await waitFor(() => root(durand).querySelector('#profile-error'), { message: 'the contract refusal' });
    assert.match(contract.textContent!, /réservé aux médecins signataires d’un contrat assistant médical/);
    assert.equal((await server.outbox()).filter((m) => /durand/.test(m.recipient)).length, 0, 'nothing was created');
  });

  it('creates the delegation, which the server mails to both', async () => {
    const form = await render(await cpsToken());
    type(form, 'delegateEmail', 'compta@exemple.fr');
    submit(form);
    await waitFor(() => root(form).querySelector('[name="profile"]'), { message: 'the details' });
    await choose(form, 'comptable');
    assert.match(text(form), /Aux services liés aux paiements et remboursements/);
    const today = new Date().toISOString().slice(0, 10);
    type(form, 'validFrom', today);
    type(form, 'validUntil', '2099-12-31');
    (root(form).querySelector('[name="structureIds"]') as HTMLInputElement).checked = true;
    const created = nextEvent<Event>(form, 'delegation-created');
    submit(form);
    await created;
    await waitFor(() => /un e-mail a été envoyé à compta@exemple\.fr/.test(text(form)), { message: 'the confirmation' });
    assert.ok((await server.outbox()).some((m) => m.recipient === 'compta@exemple.fr' && /Je crée un compte/.test(m.body)));
  });

  it('speaks English', async () => {
    const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider lang="en" server=${server.url} storage="memory" .token=${await cpsToken()}><delegation-create-form></delegation-create-form></teleservices-provider>`);
    await provider.ready;
    const form = provider.querySelector('delegation-create-form')!;
    await waitFor(() => /New delegation/.test(text(form)), { message: 'English' });
    assert.match(text(form), /Check the spelling of your delegate’s e-mail address/);
  });
});
