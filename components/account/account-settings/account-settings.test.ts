import { html } from 'lit';
import '../../shell/teleservices-provider/teleservices-provider.ts';
import type { TeleservicesProvider } from '../../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { control, errorOf, nextEvent, root, submit, text, type } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { startSyncServer, useSyncServer, waitFor, type TestSyncServer } from '../../testing/sync-server.ts';
import './account-settings.ts';
import type { AccountSettings } from './account-settings.ts';

const tick = (el: AccountSettings, name: string, checked = true) => {
  const input = control(el, name);
  input.checked = checked;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
};
const click = async (el: AccountSettings, selector: string) => {
  (root(el).querySelector(selector) as HTMLElement).click();
  await el.updateComplete;
};

describe('<account-settings>', function () {
  // Room for a cold, loaded machine: a test starts and stops servers and loads chunks on demand (waitFor alone waits up to 30 s).
  this.timeout(90_000);
  const server = useSyncServer();
  const providers: TeleservicesProvider[] = [];

  afterEach(async () => {
    // Closes each provider's local database before the next test opens the same user's.
    await Promise.all(providers.splice(0).map((provider) => provider.signOut()));
  });

  /** `<account-settings>` in a real provider signed in as `email`, once the profile has arrived. */
  async function render(email: string, password: string, on: TestSyncServer = server) {
    const token = await on.signIn(email, password);
    const provider = await fixture<TeleservicesProvider>(
      html`<teleservices-provider server=${on.url} storage="memory" .token=${token}><account-settings></account-settings></teleservices-provider>`,
    );
    providers.push(provider);
    await provider.ready;
    const el = provider.querySelector('account-settings')!;
    await waitFor(() => root(el).querySelector('dl'), { message: 'the profile' });
    return { provider, el, token };
  }

  it('tells a délégué acting for someone that the account is the délégant’s, and asks the server nothing', async () => {
    const runtime = await openTestRuntime('medecin', {}, { actor: { id: 'u-assistante', civility: 'Mme', firstName: 'Julie', lastName: 'Roussel', email: 'assistante@exemple.fr' } });
    try {
      const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider .services=${runtime.services}><account-settings></account-settings></test-runtime-provider>`);
      const el = host.querySelector('account-settings')!;
      await el.updateComplete;
      assert.match(text(el), /Vous agissez pour le compte de Dr Claire Martin : son compte reste le sien/);
      // The runtime is offline: a request would have shown "injoignable" and « Réessayer ».
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(root(el).querySelector('button'), null);
      assert.ok(!/injoignable/.test(text(el)), 'no request was made');
      assertAccessible(el);
    } finally {
      await runtime.close();
    }
  });

  it('asks to sign in when there is no provider', async () => {
    const el = await fixture<AccountSettings>(html`<account-settings></account-settings>`);
    assert.match(text(el), /Connectez-vous pour accéder à votre compte/);
    assertAccessible(el);
  });

  it('shows the professional information: who, and each place of practice with its insurer office', async () => {
    const { el } = await render('dr.martin@demo.test', 'Medecin#2026');
    assertAccessible(el);
    const page = text(el);
    assert.match(page, /MON COMPTE|Mon compte/);
    assert.match(page, /Dr Claire Martin/);
    assert.match(page, /Profession\s*Médecin/);
    assert.match(page, /Spécialité\s*Médecine générale/);
    assert.match(page, /N° RPPS\s*10001234565/);
    assert.match(page, /Compte personnel \(professionnel libéral\)/);
    assert.match(page, /Lieu d’exercice : Cabinet Martin/);
    assert.match(page, /N° Assurance Maladie ou FINESS\s*631994977/);
    assert.match(page, /Si vous constatez une erreur sur vos informations, vous pouvez la signaler à votre CPAM/);
    const report = nextEvent<CustomEvent<{ office: string }>>(el, 'account-error-report-requested');
    await click(el, 'button[name="report-error"]');
    assert.equal((await report).detail.office, '751', 'Cabinet Martin’s office, for the insurer-contact form');
    assert.match(page, /24 avenue Daumesnil.*75012.*Paris/);
    assert.match(page, /Caisse gestionnaire\s*Caisse\s*751 - CPAM de Paris/);
    assert.equal(root(el).querySelector('[role="tab"][aria-selected="true"]')?.id, 'tab-informations');
  });

  it('shows what the directories know: contract status, approvals, the practice’s phone, the insurer office’s address and phone', async () => {
    const { el } = await render('dr.martin@demo.test', 'Medecin#2026');
    const page = text(el);
    assert.match(page, /Situation conventionnelle\s*Conventionné secteur 1/);
    assert.match(page, /Agrément radio\s*Oui/);
    assert.match(page, /Autres agréments\s*Aucun/);
    assert.match(page, /Ville\s*Paris\s*Téléphone\s*01 43 07 12 34/);
    assert.match(page, /751 - CPAM de Paris\s*Adresse\s*21 rue Georges Auric, 75948 Paris Cedex 19\s*Téléphone\s*3608/);
    assert.equal(root(el).querySelector('details'), null, 'one place: no « Autres lieux d’exercice »');
    assert.deepEqual(
      [...root(el).querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')),
      ['tel:0143071234', 'tel:3608'],
      'the phones are links to call',
    );
    await click(el, '#tab-securite');
    assert.match(text(el), /Connectez-vous avec votre numéro d’Assurance Maladie ou FINESS, ou avec votre adresse e-mail une fois validée/);
    await click(el, '#edit-password');
    assert.ok(!/valable pour l’ensemble de vos lieux d’exercice/.test(text(el)), 'one place');
  });

  it('shows a pharmacy’s authorisations with its place, and « Agrément radio : Non » for the pharmacist', async () => {
    const { el } = await render('pharmacie.centrale@demo.test', 'Pharma#2026');
    assertAccessible(el);
    const page = text(el);
    assert.match(page, /Situation conventionnelle\s*Conventionné/);
    assert.match(page, /Agrément radio\s*Non/);
    assert.match(page, /Lieu d’exercice : Pharmacie Centrale/);
    assert.match(page, /Téléphone\s*01 42 72 03 18/);
    assert.match(page, /Autorisations du lieu\s*Autorisation de vacciner à l’officine, Autorisation de réaliser des tests antigéniques COVID-19/);
    await click(el, '#tab-securite');
    assert.match(text(el), /Connectez-vous avec votre adresse e-mail une fois validée, ou avec votre carte CPS/, 'a structure manager does not sign in with the FINESS');
    assert.ok(!/N° Assurance Maladie ou FINESS/.test(text(el)), 'so it is not among their identifiers');
  });

  it('names a structure’s administrative account by its « Raison sociale », and shows the officine’s authorisations', async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const email = 'officine.marche@exemple.fr';
    assert.equal((await post('/api/accounts/by-post', { number: '750078909', email, emailConfirmation: email, consent: true })).status, 201);
    const letter = (await server.outbox()).find((m) => m.channel === 'post' && /Pharmacie du Marché/.test(m.body))!;
    const temporary = /Mot de passe provisoire : (\S+)/.exec(letter.body)![1]!;
    const first = await server.signIn('750078909', temporary);
    assert.equal((await post('/api/account/password', { password: 'Marche#2026', passwordConfirmation: 'Marche#2026' }, first)).status, 200);

    const { el } = await render('750078909', 'Marche#2026');
    assertAccessible(el);
    const page = text(el);
    assert.match(page, /Raison sociale\s*Pharmacie du Marché/);
    assert.ok(!/Civilité|Prénom|Situation conventionnelle/.test(page), 'no person, no contract status of a professional');
    assert.match(page, /Compte administratif de la structure/);
    assert.match(page, /Téléphone\s*01 43 57 88 02\s*Autorisations du lieu\s*Autorisation de vacciner à l’officine/);
  });

  it('folds a second practice under « Autres lieux d’exercice », each with its own insurer office', async () => {
    const { el } = await render('931012348', 'Medecin#2026');
    assertAccessible(el);
    assert.match(text(el), /Lieu d’exercice : Cabinet du Dr Leroy \(Maison médicale des Tilleuls\)/);
    const other = root(el).querySelector('details')!;
    assert.equal(other.open, false);
    assert.match(other.querySelector('summary')!.textContent!, /Cabinet \| 9 rue de Paris à Montreuil/);
    other.querySelector('summary')!.click();
    assert.equal(other.open, true);
    assert.match(text(other), /N° Assurance Maladie ou FINESS\s*931012348 .*Téléphone\s*01 48 58 33 27 .*931 - CPAM de la Seine-Saint-Denis .*Téléphone\s*01 48 95 40 00/);
    const report = nextEvent<CustomEvent<{ office: string }>>(el, 'account-error-report-requested');
    await click(el, 'button[name="report-error"]');
    assert.equal((await report).detail.office, '751', 'the first place’s office');
    await click(el, '#tab-securite');
    assert.match(text(el), /N° Assurance Maladie ou FINESS\s*752012344, 931012348/, 'either number signs him in');
    await click(el, '#edit-password');
    assert.match(text(el), /Votre mot de passe sera unique et valable pour l’ensemble de vos lieux d’exercice/);
  });

  it('moves between the three sections with the arrow keys, and follows the `section` attribute', async () => {
    const { el } = await render('dr.martin@demo.test', 'Medecin#2026');
    const tablist = root(el).querySelector('[role="tablist"]')!;
    (root(el).querySelector('#tab-informations') as HTMLElement).focus();
    tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await el.updateComplete;
    assert.equal(el.section, 'securite');
    assert.equal(el.getAttribute('section'), 'securite');
    assert.equal(root(el).activeElement?.id, 'tab-securite');
    assert.equal(root(el).querySelector('#tab-securite')!.getAttribute('aria-selected'), 'true');
    assert.equal(root(el).querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby'), 'tab-securite');
    tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await el.updateComplete;
    assert.equal(el.section, 'parametres');
    el.setAttribute('section', 'informations');
    await el.updateComplete;
    assert.match(text(el), /Lieu d’exercice/);
  });

  it('refuses a mistyped e-mail confirmation next to the field, and sends nothing', async () => {
    const { el } = await render('dr.martin@demo.test', 'Medecin#2026');
    await click(el, '#tab-securite');
    assert.match(text(el), /Mes identifiants.*N° Assurance Maladie ou FINESS\s*631994977.*E-mail\s*dr\.martin@demo\.test.*Mot de passe/);
    assertAccessible(el);
    const before = (await server.outbox()).length;

    await click(el, '#edit-email');
    assert.equal(root(el).activeElement?.getAttribute('name'), 'email', 'the form opens on its first field');
    submit(el);
    await el.updateComplete;
    const summary = root(el).querySelector('.error-summary[role="alert"]');
    assert.ok(summary, 'several errors: a summary at the top of the form');
    assert.match(summary.textContent ?? '', /Nouvelle adresse e-mail : Saisissez une adresse e-mail\..*J’autorise/s);
    assertAccessible(el);

    type(el, 'email', 'claire.martin@exemple.fr');
    type(el, 'emailConfirmation', 'claire.matrin@exemple.fr');
    tick(el, 'consent');
    submit(el);
    await el.updateComplete;
    assert.equal(errorOf(el, 'emailConfirmation'), 'Les deux adresses e-mail ne sont pas identiques.');
    assert.equal(control(el, 'emailConfirmation').getAttribute('aria-invalid'), 'true');
    assert.equal(control(el, 'emailConfirmation').getAttribute('aria-describedby'), 'emailConfirmation-error');
    assert.equal(control(el, 'email').getAttribute('aria-invalid'), 'false');
    assert.equal(root(el).querySelector('.error-summary'), null, 'one error: no summary');
    await waitFor(() => root(el).activeElement?.getAttribute('name') === 'emailConfirmation', { message: 'the focus on the invalid field' });
    assert.equal((await server.outbox()).length, before, 'nothing sent');
  });

  it('asks for a new e-mail: the validation link goes to it, the old address stays until then', async () => {
    const { el } = await render('dr.martin@demo.test', 'Medecin#2026');
    await click(el, '#tab-securite');
    await click(el, '#edit-email');
    type(el, 'email', 'claire.martin@exemple.fr');
    type(el, 'emailConfirmation', 'claire.martin@exemple.fr');
    tick(el, 'consent');
    const requested = nextEvent<Event & { detail?: { email: string } }>(el, 'account-email-change-requested');
    submit(el);
    assert.equal((await requested).detail?.email, 'claire.martin@exemple.fr');
    await el.updateComplete;
    assert.match(root(el).querySelector('[role="status"]')?.textContent ?? '', /Un e-mail vient d’être envoyé à claire\.martin@exemple\.fr/);
    assert.equal(root(el).querySelector('form'), null, 'the form closed');
    await waitFor(() => /En attente de validation : claire\.martin@exemple\.fr/.test(text(el)), { message: 'the pending address' });
    assert.match(text(el), /E-mail\s*dr\.martin@demo\.test/);
    const mail = (await server.outbox()).find((m) => m.recipient === 'claire.martin@exemple.fr');
    assert.ok(mail, 'a mail to the new address');
    assert.equal(mail.subject, 'Validez votre nouvelle adresse e-mail');
  });

  it('changes the password: the server’s refusal of the current one next to it, then success', async () => {
    const { el, token } = await render('dr.durand@demo.test', 'Medecin#2026');
    await click(el, '#tab-securite');
    await click(el, '#edit-password');
    assertAccessible(el);
    type(el, 'currentPassword', 'Mauvais#2026');
    type(el, 'password', 'Nouveau#2027');
    type(el, 'passwordConfirmation', 'Nouveau#2027');
    await el.updateComplete;
    const checklist = root(el).querySelector('password-checklist')!;
    await waitFor(() => /5 règles sur 5 respectées/.test(checklist.shadowRoot?.textContent ?? ''), { message: 'the rules, loaded with the form' });
    submit(el);
    await waitFor(() => errorOf(el, 'currentPassword'), { message: 'the server’s refusal' });
    assert.equal(errorOf(el, 'currentPassword'), 'Le mot de passe actuel est incorrect.');
    assert.equal(control(el, 'currentPassword').getAttribute('aria-invalid'), 'true');
    await waitFor(() => root(el).activeElement?.getAttribute('name') === 'currentPassword', { message: 'the focus on the current password' });

    type(el, 'currentPassword', 'Medecin#2026');
    const changed = nextEvent<Event>(el, 'account-password-changed');
    submit(el);
    await changed;
    await el.updateComplete;
    assert.match(root(el).querySelector('[role="status"]')?.textContent ?? '', /Votre mot de passe a été modifié/);
    await waitFor(() => /Modification du mot de passe/.test(root(el).querySelector('.events')?.textContent ?? ''), { message: 'the new event' });
    const signIn = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'dr.durand@demo.test', password: 'Nouveau#2027' }) });
    assert.equal(signIn.status, 200);
    const session = await fetch(`${server.url}/api/auth/session`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(session.status, 200, 'this session stays open');
  });

  it('lists the latest events as “jj/mm/aaaa - hh:mm Libellé”', async () => {
    const { el } = await render('dr.martin@demo.test', 'Medecin#2026');
    await click(el, '#tab-securite');
    const list = await waitFor(() => root(el).querySelector('.events'), { message: 'the events' });
    const first = list.querySelector('li')!.textContent!.replace(/\s+/g, ' ').trim();
    assert.match(first, /^\d{2}\/\d{2}\/\d{4} - \d{2}:\d{2} Connexion par identifiant et mot de passe$/);
  });

  it('saves the settings and says plainly that card readers are simulated', async () => {
    const { el, token } = await render('dr.martin@demo.test', 'Medecin#2026');
    await click(el, '#tab-parametres');
    assertAccessible(el);
    assert.match(text(el), /Paramètres de compte La langue des services/);
    assert.match(text(el), /la lecture des cartes est simulée/);
    assert.match(text(el), /Logiciels de lecture des cartes CPS, CPE et Vitale/);
    assert.match(text(el), /Assistance technique 3608, choix 2 \(service gratuit \+ prix de l’appel\), du lundi au vendredi de 8h30 à 17h30/);
    assert.equal(root(el).querySelector('a[href="tel:3608"]')?.textContent, '3608');
    assert.equal(control(el, 'emailCommunications').checked, true);
    (root(el).querySelector('input[name="locale"][value="en"]') as HTMLInputElement).checked = true;
    tick(el, 'emailCommunications', false);
    const saved = nextEvent<Event & { detail?: unknown }>(el, 'account-preferences-saved');
    submit(el);
    assert.deepEqual((await saved).detail, { locale: 'en', emailCommunications: false });
    await el.updateComplete;
    assert.match(root(el).querySelector('[role="status"]')?.textContent ?? '', /Vos paramètres sont enregistrés/);
    const profile = await (await fetch(`${server.url}/api/account`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.deepEqual(profile.preferences, { locale: 'en', emailCommunications: false });
  });

  it('speaks English when the provider does', async () => {
    const { el, provider } = await render('dr.martin@demo.test', 'Medecin#2026');
    provider.setAttribute('lang', 'en');
    await waitFor(() => /Professional information/.test(text(el)), { message: 'English' });
    assert.match(text(el), /My account/);
    assert.match(text(el), /Place of practice: Cabinet Martin/);
    assert.match(text(el), /Profession\s*Doctor/);
    assert.match(text(el), /Personal account \(self-employed professional\)/);
    assert.match(text(el), /Contract status with the health insurance\s*Contracted, sector 1 \(agreed fees\)/);
    assert.match(text(el), /Radiology approval\s*Yes/);
    assertAccessible(el);
    await click(el, '#tab-securite');
    assert.match(text(el), /My identifiers/);
    assert.match(root(el).querySelector('.events')?.textContent ?? '', /Signed in with identifier and password/);
    await click(el, '#edit-email');
    submit(el);
    await el.updateComplete;
    assert.match(errorOf(el, 'email'), /Enter an e-mail address/);
    await click(el, '#tab-parametres');
    assert.match(text(el), /reading the cards is simulated/);
  });

  it('says it needs the network when the server is gone, and comes back with it', async function () {
    // Its own server, stopped and restarted twice: under a loaded CI machine that alone can take most of 30 s.
    this.timeout(90_000);
    const own = await startSyncServer();
    try {
      const token = await own.signIn('dr.martin@demo.test', 'Medecin#2026');
      const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${own.url} storage="memory" .token=${token}></teleservices-provider>`);
      providers.push(provider);
      await provider.ready;
      await own.stop();
      const el = document.createElement('account-settings');
      provider.append(el);
      const alert = await waitFor(() => root(el).querySelector('[role="alert"]'), { message: 'the load failure' });
      assert.match(alert.textContent ?? '', /Mon compte a besoin du réseau/);
      assertAccessible(el);

      await own.restart();
      await click(el, '.actions button');
      await waitFor(() => /751 - CPAM de Paris/.test(text(el)), { message: 'the profile once the server is back' });

      await own.stop();
      await click(el, '#tab-securite');
      await click(el, '#edit-password');
      type(el, 'currentPassword', 'Medecin#2026');
      type(el, 'password', 'Nouveau#2027');
      type(el, 'passwordConfirmation', 'Nouveau#2027');
      submit(el);
      const problem = await waitFor(() => root(el).querySelector('.form-problem[role="alert"]'), { message: 'the network problem' });
      assert.match(problem.textContent ?? '', /a besoin du réseau/);
      assert.equal(control(el, 'password').value, 'Nouveau#2027', 'what was typed stays');
    } finally {
      await Promise.all(providers.splice(0).map((provider) => provider.signOut()));
      await own.dispose();
    }
  });
});
