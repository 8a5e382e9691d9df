import { html } from 'lit';
import { todayInParis } from '../../../domain/validation/dates.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import type { DelegationInvitationService } from '../../data/delegations/delegation-api.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { control, nextEvent, root, submit, text, type } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import './delegation-invitation.ts';
import type { DelegationInvitation } from './delegation-invitation.ts';
import type { DelegationInvitationAnsweredEvent, DelegationInvitationClosedEvent } from './delegation-invitation.events.ts';

const button = (el: DelegationInvitation, name: string) => root(el).querySelector(`button[name="${name}"]`) as HTMLButtonElement | null;
const closed = (el: DelegationInvitation) => nextEvent<DelegationInvitationClosedEvent>(el, 'delegation-invitation-closed');

describe('<delegation-invitation> against the real sync server', function () {
  this.timeout(30_000);
  const server = useSyncServer({ perTest: true, clearStorage: false });

  /** Dr Martin, signed in with the simulated CPS card, delegates to `delegateEmail`; returns the e-mailed link's token. */
  async function invite(delegateEmail: string): Promise<string> {
    const post = async (path: string, body: unknown, token?: string) => {
      const response = await fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const { token } = (await post('/api/auth/cps', { card: { rpps: '10001234565', code: '1234' } })) as { token: string };
    const validUntil = todayInParis(new Date(Date.now() + 30 * 86_400_000));
    await post('/api/delegations', { delegateEmail, profile: 'remplacant', validFrom: todayInParis(), validUntil, structureIds: ['s-cabinet-martin'] }, token);
    const invitation = (await server.outbox()).filter((m) => m.recipient === delegateEmail).at(-1)!;
    return /#delegation\?token=([A-Za-z0-9_-]+)/.exec(invitation.body)![1]!;
  }

  const render = (token: string) => fixture<DelegationInvitation>(html`<delegation-invitation server=${server.url} token=${token}></delegation-invitation>`);
  const loaded = (el: DelegationInvitation) => waitFor(() => root(el).querySelector('#request-title'), { message: 'the request' });

  it('with an account: shows the request, refuses, then accepts a new one; a used link is refused', async () => {
    const first = await invite('remplacant@demo.test');
    const el = await render(first);
    await loaded(el);
    assertAccessible(el);
    assert.match(text(el), /Dr Claire Martin vient de vous attribuer une délégation d’accès/);
    assert.match(text(el), /profil Remplaçant qui donne accès/);
    assert.match(text(el), new RegExp(`valable du ${todayInParis().split('-').reverse().join('/')} au \\d\\d/\\d\\d/\\d{4}`));
    assert.match(text(el), /Cabinet Martin, 24 avenue Daumesnil 75012 PARIS/);
    assert.match(text(el), /au nom et pour le compte de Dr Claire Martin/);
    assert.ok(button(el, 'not-concerned'), 'Je ne travaille pas avec ce praticien');
    assert.equal(button(el, 'create-account'), null, 'no account form for an existing account');

    button(el, 'refuse')!.click();
    await waitFor(() => /La délégation a bien été refusée/.test(text(el)), { message: 'the refusal' });
    assert.match(text(el), /Un mail d’information sur votre refus a été envoyé à votre délégataire/);
    assertAccessible(el);
    const refusedMail = (await server.outbox()).at(-1)!;
    assert.equal(refusedMail.subject, 'Refus d’une délégation');

    const second = await invite('remplacant@demo.test');
    const again = await render(second);
    await loaded(again);
    const answered = nextEvent<DelegationInvitationAnsweredEvent>(again, 'delegation-invitation-answered');
    button(again, 'accept')!.click();
    assert.deepEqual({ answer: (await answered).detail.answer, status: (await answered).detail.status }, { answer: 'accept', status: 'validee' });
    await waitFor(() => /La délégation a bien été acceptée/.test(text(again)), { message: 'the acceptance' });
    assert.match(text(again), /Confirmation d’acceptation de délégation/);
    const leaving = closed(again);
    button(again, 'close')!.click();
    assert.equal((await leaving).detail.status, 'validee');

    const reused = await render(second);
    const alert = await waitFor(() => root(reused).querySelector('[role="alert"]'), { message: 'the invalid-link message' });
    assert.match(alert.textContent!, /Ce lien de délégation n’est plus valable/);
    assertAccessible(reused);
    const leavingInvalid = closed(reused);
    button(reused, 'close')!.click();
    assert.equal((await leavingInvalid).detail.status, null);
  });

  it('without an account: the account form refuses what the shared rules refuse, then creates the account', async () => {
    const token = await invite('assistante@exemple.fr');
    const el = await render(token);
    await loaded(el);
    assert.match(text(el), /Dr Claire Martin souhaite vous attribuer/);
    assert.match(text(el), /vous devez disposer de votre propre compte/);
    assert.equal(button(el, 'accept'), null);
    assert.ok(button(el, 'has-account') && button(el, 'not-concerned'));
    button(el, 'create-account')!.click();
    await waitFor(() => root(el).querySelector('form'), { message: 'the account form' });
    assertAccessible(el);
    assert.match(text(el), /Créer votre compte en tant que délégué\(e\)/);
    assert.equal(control(el, 'email').value, 'assistante@exemple.fr');
    assert.ok(control(el, 'email').readOnly, 'the invited address is not editable');
    assert.match(text(el), /Médecine générale/);
    assert.match(text(el), /Ce profil donne accès :/);

    const mailsBefore = (await server.outbox()).length;
    type(el, 'password', 'faible');
    type(el, 'passwordConfirmation', 'faible');
    type(el, 'practitionerNumber', '123');
    submit(el);
    await waitFor(() => root(el).querySelector('.error-summary'), { message: 'the error summary' });
    for (const field of ['civility', 'lastName', 'firstName', 'practitionerNumber', 'password', 'consent']) {
      assert.equal(control(el, field).getAttribute('aria-invalid'), 'true', `${field} is marked invalid`);
      assert.ok(root(el).querySelector(`#${field}-error`), `${field} has its message`);
    }
    assert.match(root(el).querySelector('#password-error')!.textContent!, /majuscule/);
    assert.match(root(el).querySelector('#practitionerNumber-error')!.textContent!, /11 chiffres/);
    await waitFor(() => root(el).activeElement?.getAttribute('name') === 'civility', { message: 'the focus on the first invalid field' });
    assertAccessible(el);
    assert.equal((await server.outbox()).length, mailsBefore, 'nothing was sent');
    const stillOpen = await fetch(`${server.url}/api/delegations/invitation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    assert.equal(stillOpen.status, 200, 'the link is still unused');

    (control(el, 'civility') as unknown as HTMLSelectElement).value = 'Mme';
    type(el, 'lastName', 'Benali');
    type(el, 'firstName', 'Inès');
    type(el, 'practitionerNumber', '');
    type(el, 'password', 'Assist#2026');
    type(el, 'passwordConfirmation', 'Assist#2026');
    control(el, 'consent').checked = true;
    submit(el);
    await waitFor(() => /Votre compte a bien été créé/.test(text(el)), { message: 'the confirmation' });
    assert.match(text(el), /La connexion au portail sera possible lorsque le professionnel de santé ayant initié la délégation aura procédé à sa validation/);
    assertAccessible(el);
    const toDelegant = (await server.outbox()).at(-1)!;
    assert.equal(toDelegant.subject, 'Acceptation d’une délégation');
    assert.match(toDelegant.body, /Mme Inès BENALI a accepté votre demande en créant son compte/);
  });

  it('« Je ne travaille pas avec ce praticien »: the confirmation, and the délégant is told', async () => {
    const token = await invite('secretaire@exemple.fr');
    const el = await render(token);
    await loaded(el);
    button(el, 'not-concerned')!.click();
    await waitFor(() => /Confirmation de rejet de délégation/.test(text(el)), { message: 'the confirmation' });
    assert.match(text(el), /Merci, votre demande a bien été prise en compte\. Veuillez ne pas procéder à la création de compte\./);
    assertAccessible(el);
    const mail = (await server.outbox()).at(-1)!;
    assert.equal(mail.subject, 'Abandon d’une délégation');
    assert.match(mail.body, /ne pas être concernée/);
  });

  it('« J’ai déjà un compte »: asks to confirm the account’s address to the délégant', async () => {
    const el = await render(await invite('compta@exemple.fr'));
    await loaded(el);
    button(el, 'has-account')!.click();
    await waitFor(() => /Vous possédez déjà un compte/.test(text(el)), { message: 'the confirmation' });
    assert.match(text(el), /Veuillez confirmer l’adresse email de votre compte auprès de votre délégataire/);
    assertAccessible(el);
    const leaving = closed(el);
    button(el, 'close')!.click();
    assert.equal((await leaving).detail.status, 'non_aboutie');
  });

  it('without the network: says the answer needs it, keeps the page, and sends it once the server is back', async () => {
    const el = await render(await invite('remplacant@demo.test'));
    await loaded(el);
    await server.stop();
    button(el, 'accept')!.click();
    const alert = await waitFor(() => root(el).querySelector('[role="alert"]'), { message: 'the network message' });
    assert.match(alert.textContent!, /a besoin du réseau\. Rien n’est perdu/);
    assert.ok(button(el, 'accept'), 'the choices stay');
    await server.restart();
    button(el, 'accept')!.click();
    await waitFor(() => /La délégation a bien été acceptée/.test(text(el)), { message: 'the acceptance after the network came back' });
  });

  it('puts the server’s refusals next to their fields', async () => {
    const view = await fetch(`${server.url}/api/delegations/invitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: await invite('assistante@exemple.fr') }),
    }).then((r) => r.json());
    const api: DelegationInvitationService = {
      view: async () => view,
      answer: async () => ({ status: 'non_aboutie' }),
      createAccount: async () => {
        throw new ApiRequestError('refused', 422, 'Formulaire invalide.', { reason: 'invalid_body', fields: { lastName: 'Nom refusé par le serveur.' } });
      },
    };
    const el = await fixture<DelegationInvitation>(html`<delegation-invitation token="jeton-de-demonstration-000000" .api=${api}></delegation-invitation>`);
    await loaded(el);
    button(el, 'create-account')!.click();
    await waitFor(() => root(el).querySelector('form'), { message: 'the account form' });
    (control(el, 'civility') as unknown as HTMLSelectElement).value = 'M.';
    type(el, 'lastName', 'Durand');
    type(el, 'firstName', 'Paul');
    type(el, 'password', 'Durand#2026');
    type(el, 'passwordConfirmation', 'Durand#2026');
    control(el, 'consent').checked = true;
    submit(el);
    await waitFor(() => /Nom refusé par le serveur/.test(root(el).querySelector('#lastName-error')?.textContent ?? ''), { message: 'the server’s field message' });
    assert.equal(control(el, 'lastName').getAttribute('aria-invalid'), 'true');
  });

  it('speaks English', async () => {
    const token = await invite('remplacant@demo.test');
    const el = await fixture<HTMLDivElement>(html`<div lang="en"><delegation-invitation server=${server.url} token=${token}></delegation-invitation></div>`).then((div) => div.querySelector('delegation-invitation')!);
    await loaded(el);
    assert.match(text(el), /Dr Claire Martin has just given you delegated access/);
    assert.match(text(el), /profile Substitute/);
    assert.match(text(el), /I accept the delegation/);
    assertAccessible(el);
  });
});
