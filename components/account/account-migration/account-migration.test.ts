import { consume } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AccountMigrationChoiceInput, AccountMigrationState } from '../../../domain/account/account-migration.ts';
import { ApiRequestError } from '../../data/replication/api-client.ts';
import { teleservicesContext, type TeleservicesServices } from '../../data/teleservices-context.ts';
import '../../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { click, errorOf, fill, innerRoot, nextEvent, root, submit, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { blockRequests } from '../../testing/network.ts';
import { useSyncServer, waitFor } from '../../testing/sync-server.ts';
import type { AccountMigrationClosedEvent } from './account-migration.events.ts';
import './account-migration.ts';
import type { AccountMigration } from './account-migration.ts';

/** A stand-in widget: shows whose services it got, as the account kind the session says. */
@customElement('test-migration-consumer')
export class TestMigrationConsumer extends LitElement {
  @consume({ context: teleservicesContext, subscribe: true })
  @state()
  services: TeleservicesServices | undefined;
  override render() {
    const user = this.services?.session.user;
    return html`${user ? `widgets of ${user.lastName} (${user.accountKind})` : 'no services'}`;
  }
}

/** The account API the element calls, recording the choices; `refuse` makes the next choice fail. */
function stubApi() {
  const calls = { choices: [] as AccountMigrationChoiceInput[], acknowledged: 0 };
  let refusal: Error | null = null;
  return {
    calls,
    refuse: (error: Error) => (refusal = error),
    api: {
      async chooseMigration(choice: AccountMigrationChoiceInput) {
        calls.choices.push(choice);
        if (refusal) throw refusal;
        return {
          accountMigration: { status: 'migrated', situation: 2, accountKind: choice.accountKind } as AccountMigrationState,
          message: choice.email ? `Un e-mail vient d’être envoyé à ${choice.email}.` : 'Votre compte a évolué.',
        };
      },
      async acknowledgeMigration() {
        calls.acknowledged += 1;
      },
    },
  };
}

describe('<account-migration>', () => {
  const render = (migration: AccountMigrationState, stub = stubApi(), locale = 'fr') =>
    fixture<AccountMigration>(
      html`<account-migration
        locale=${locale}
        .api=${stub.api}
        .migration=${migration}
        structure-name="Laboratoire des Coteaux"
        structure-number="330123456"
        email="labo.coteaux@demo.test"
      ></account-migration>`,
    );

  // First in this page: the check's chunk is blocked before it ever loaded (once loaded, a module stays).
  it('says so when the check cannot be loaded (offline before it was cached), keeps the choice, sends nothing — and sends at the next try', async () => {
    const stub = stubApi();
    const element = await render({ status: 'choice_required' }, stub);
    await blockRequests(['*/account-migration-validation.ts*']);
    try {
      (root(element).querySelector('[name="accountKind"][value="responsable"]') as HTMLInputElement).click();
      submit(element);
      const problem = await waitFor(() => root(element).querySelector<HTMLElement>('[role="alert"]'), { message: 'the message', timeoutMs: 15_000 });
      assert.match(problem.textContent ?? '', /n’a pas pu être chargée/);
      assert.equal(stub.calls.choices.length, 0, 'nothing sent');
      assert.ok((root(element).querySelector('[name="accountKind"][value="responsable"]') as HTMLInputElement).checked, 'the choice is kept');
    } finally {
      await blockRequests([]);
    }
    submit(element);
    await waitFor(() => stub.calls.choices.length === 1, { message: 'sent at the next try', timeoutMs: 15_000 });
  });

  it('is accessible, opens as a modal dialog presenting the two kinds of accounts, the address prefilled', async () => {
    const element = await render({ status: 'choice_required' });
    assertAccessible(element);
    assert.ok(root(element).querySelector('dialog[open]'));
    assert.match(text(element), /Votre compte évolue/);
    assert.match(text(element), /Laboratoire des Coteaux peut désormais avoir deux types de comptes/);
    assert.match(text(element), /plus avec le N° 330123456/);
    assert.equal((root(element).querySelector('[name="email"]') as HTMLInputElement).value, 'labo.coteaux@demo.test');
    assert.equal(root(element).querySelectorAll('[name="accountKind"]').length, 2);
  });

  it('says next to the choice that a kind must be chosen, and next to the address that it is malformed — in French and in English', async () => {
    const stub = stubApi();
    const element = await render({ status: 'choice_required' }, stub);
    submit(element);
    await element.updateComplete;
    assert.match(errorOf(element, 'accountKind'), /Choisissez le type de votre compte/);
    assert.equal(root(element).querySelector('fieldset')!.getAttribute('aria-invalid'), 'true');
    fill(element, { email: 'pas-une-adresse' });
    (root(element).querySelector('[name="accountKind"][value="administratif"]') as HTMLInputElement).click();
    submit(element);
    await element.updateComplete;
    assert.equal(errorOf(element, 'accountKind'), '');
    assert.ok(errorOf(element, 'email'));
    assert.equal(stub.calls.choices.length, 0, 'nothing sent');

    const english = await render({ status: 'choice_required' }, stubApi(), 'en');
    submit(english);
    await english.updateComplete;
    assert.match(errorOf(english, 'accountKind'), /Choose the kind of your account/);
    assert.match(text(english), /may now have two kinds of accounts/);
  });

  it('gives the advice on the address that fits the kind chosen', async () => {
    const element = await render({ status: 'choice_required' });
    (root(element).querySelector('[name="accountKind"][value="administratif"]') as HTMLInputElement).click();
    await element.updateComplete;
    assert.match(root(element).querySelector('#email-hint')!.textContent!, /adresse e-mail générique de la structure/);
    (root(element).querySelector('[name="accountKind"][value="responsable"]') as HTMLInputElement).click();
    await element.updateComplete;
    assert.match(root(element).querySelector('#email-hint')!.textContent!, /votre adresse e-mail individuelle/);
  });

  it('shows the server’s refusal next to its field', async () => {
    const stub = stubApi();
    stub.refuse(new ApiRequestError('refused', 409, 'Un compte administratif existe déjà.', { reason: 'administrative_account_exists', fields: { accountKind: 'Un compte administratif existe déjà pour votre structure.' } }));
    const element = await render({ status: 'choice_required' }, stub);
    (root(element).querySelector('[name="accountKind"][value="administratif"]') as HTMLInputElement).click();
    submit(element);
    await waitFor(() => /existe déjà pour votre structure/.test(errorOf(element, 'accountKind')), { message: 'the refusal next to the choice' });
    assert.ok(root(element).querySelector('form'), 'the choice is still asked');
  });

  it('cannot be skipped with Escape before the choice; after it, says what changed, and « Continuer » closes it for good', async () => {
    const stub = stubApi();
    const element = await render({ status: 'choice_required' }, stub);
    root(element).querySelector('dialog')!.dispatchEvent(new Event('cancel', { cancelable: true }));
    await element.updateComplete;
    assert.ok(root(element).querySelector('dialog[open] form'), 'Escape does not skip the choice');

    (root(element).querySelector('[name="accountKind"][value="administratif"]') as HTMLInputElement).click();
    fill(element, { email: 'secretariat@labo-coteaux.fr' });
    const chosen = nextEvent(element, 'account-migration-chosen');
    submit(element);
    await chosen;
    assert.deepEqual(stub.calls.choices, [{ accountKind: 'administratif', email: 'secretariat@labo-coteaux.fr' }]);
    await element.updateComplete;
    assert.match(text(element), /Votre compte a évolué/);
    assert.match(text(element), /Votre compte est désormais le compte administratif de Laboratoire des Coteaux/);
    assert.match(text(element), /Vous ne pourrez plus vous connecter avec votre carte CPS/);
    assert.match(root(element).querySelector('[part~="notice"]')!.textContent!, /secretariat@labo-coteaux\.fr/);
    assertAccessible(element);

    const closed = nextEvent<AccountMigrationClosedEvent>(element, 'account-migration-closed');
    root(element).querySelector('dialog')!.dispatchEvent(new Event('cancel', { cancelable: true }));
    assert.equal((await closed).detail.accountKind, 'administratif');
    assert.equal(stub.calls.acknowledged, 1);
    assert.equal(root(element).querySelector('dialog[open]'), null);
  });

  it('sends no address when the prefilled one is kept', async () => {
    const stub = stubApi();
    const element = await render({ status: 'choice_required' }, stub);
    (root(element).querySelector('[name="accountKind"][value="responsable"]') as HTMLInputElement).click();
    submit(element);
    await waitFor(() => stub.calls.choices.length === 1);
    assert.deepEqual(stub.calls.choices, [{ accountKind: 'responsable', email: '' }]);
  });

  it('explains the automatic migrations: by the CPS card (situation 1), an administrative account already known (situation 3)', async () => {
    const byCard = await render({ status: 'migrated', situation: 1, accountKind: 'responsable' });
    assert.match(text(byCard), /Vous vous êtes connecté avec votre carte CPS/);
    assert.match(text(byCard), /Vous ne pourrez plus vous connecter avec le N° 330123456/);
    assert.match(text(byCard), /créer un compte administratif pour la structure/);
    assertAccessible(byCard);
    const known = await render({ status: 'migrated', situation: 3, accountKind: 'responsable' });
    assert.match(text(known), /Un compte administratif existe déjà pour Laboratoire des Coteaux/);
  });
});

describe('former pharmacy and laboratory accounts inside <teleservices-provider>, against the real sync server', function () {
  this.timeout(60_000);
  const server = useSyncServer({ perTest: true });

  const render = () =>
    fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory"><test-migration-consumer></test-migration-consumer></teleservices-provider>`);
  const widgets = (provider: TeleservicesProvider) => provider.querySelector('test-migration-consumer')!.shadowRoot!.textContent!;
  const migration = (provider: TeleservicesProvider) => innerRoot(provider, 'account-migration');
  const sessionOf = async (token: string) => (await (await fetch(`${server.url}/api/auth/session`, { headers: { authorization: `Bearer ${token}` } })).json()).user;

  async function signIn(provider: TeleservicesProvider, identifier: string, password: string): Promise<void> {
    const form = await waitFor(() => innerRoot(provider, 'account-sign-in')?.querySelector('form') && innerRoot(provider, 'account-sign-in'), { message: 'the sign-in' });
    fill(form, { identifier, password });
    submit(form);
  }

  it('situation 1: the CPS card makes the former account a structure manager’s; the dialog says so over the widgets, once', async () => {
    const provider = await render();
    const form = await waitFor(() => innerRoot(provider, 'account-sign-in')?.querySelector('button[name="cps"]') && innerRoot(provider, 'account-sign-in'), { message: 'the sign-in' });
    click(form, 'button[name="cps"]');
    await waitFor(() => form.querySelector('[name="rpps"]'), { message: 'the simulated card’s form' });
    fill(form, { rpps: '10013456784', code: '1234' });
    (form.querySelector('[name="rpps"]') as HTMLInputElement).form!.requestSubmit();

    const dialog = await waitFor(() => migration(provider)?.querySelector('dialog[open] button[name="continue"]') && migration(provider), { message: 'the migration’s explanation' });
    assert.match(text(dialog), /Vous vous êtes connecté avec votre carte CPS/);
    assert.match(text(dialog), /Vous ne pourrez plus vous connecter avec le N° 750012346/);
    assert.match(widgets(provider), /widgets of Roche \(responsable\)/, 'the services are open behind the dialog');
    assertAccessible(provider.shadowRoot!.querySelector('account-migration')!);
    click(dialog, 'button[name="continue"]');
    await waitFor(() => !provider.shadowRoot!.querySelector('account-migration'), { message: 'the dialog closed' });
    const token = provider.runtime!.services.session.token;
    await waitFor(async () => (await sessionOf(token)).accountMigration === null, { message: 'the server remembering it was told' });
    const mail = (await server.outbox()).findLast((m) => m.recipient === 'pharmacie.halles@demo.test')!;
    assert.equal(mail.subject, 'Votre compte devient un compte responsable de structure');
  });

  it('situation 2: a password sign-in asks for the kind before any widget; the administrative account then opens under the structure’s name', async () => {
    const provider = await render();
    await signIn(provider, '330123456', 'Biolog#2026');
    const dialog = await waitFor(() => migration(provider)?.querySelector('dialog[open] form') && migration(provider), { message: 'the choice' });
    assert.match(text(dialog), /Laboratoire des Coteaux peut désormais avoir deux types de comptes/);
    assert.match(widgets(provider), /no services/, 'no widget before the choice');
    assertAccessible(provider.shadowRoot!.querySelector('account-migration')!);

    fill(dialog, { email: 'dr.martin@demo.test' });
    (dialog.querySelector('[name="accountKind"][value="administratif"]') as HTMLInputElement).click();
    submit(dialog);
    await waitFor(() => /déjà l’identifiant d’un autre compte/.test(errorOf(dialog, 'email')), { message: 'another account’s address refused next to its field' });

    fill(dialog, { email: 'secretariat@labo-coteaux.fr' });
    submit(dialog);
    await waitFor(() => /Votre compte a évolué/.test(text(dialog)) && /secretariat@labo-coteaux\.fr/.test(text(dialog)), { message: 'what changed, with the link sent' });
    assert.match(text(dialog), /Vous ne pourrez plus vous connecter avec votre carte CPS/);
    click(dialog, 'button[name="continue"]');
    await waitFor(() => /widgets of Laboratoire des Coteaux \(administratif\)/.test(widgets(provider)), { message: 'the widgets, as the administrative account' });
    assert.equal(provider.shadowRoot!.querySelector('account-migration'), null);
    const user = await sessionOf(provider.runtime!.services.session.token);
    assert.deepEqual([user.accountKind, user.accountMigration], ['administratif', null]);
    assert.ok((await server.outbox()).some((m) => m.recipient === 'secretariat@labo-coteaux.fr' && m.subject === 'Validez votre nouvelle adresse e-mail'));
  });

  it('situation 3: a password sign-in when the pharmacy has its administrative account becomes a structure manager’s at once, said by the dialog', async () => {
    const provider = await render();
    await signIn(provider, '690045679', 'Pharma#2026');
    const signInRoot = innerRoot(provider, 'account-sign-in')!;
    await waitFor(() => /plusieurs comptes de votre structure/.test(text(signInRoot)), { message: 'the shared FINESS number refused, the e-mail asked' });
    assert.equal(signInRoot.querySelector('[name="identifier"]')!.getAttribute('aria-invalid'), 'true');

    fill(signInRoot, { identifier: 'pharmacie.gare@demo.test', password: 'Pharma#2026' });
    submit(signInRoot);
    const dialog = await waitFor(() => migration(provider)?.querySelector('dialog[open] button[name="continue"]') && migration(provider), { message: 'the migration’s explanation' });
    assert.match(text(dialog), /Un compte administratif existe déjà pour Pharmacie de la Gare/);
    assert.match(widgets(provider), /widgets of Leclerc \(responsable\)/);
    click(dialog, 'button[name="continue"]');
    await waitFor(() => !provider.shadowRoot!.querySelector('account-migration'), { message: 'the dialog closed' });
  });
});
