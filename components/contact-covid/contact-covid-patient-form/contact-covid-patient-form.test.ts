import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { control, root, text, type } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { waitFor } from '../../testing/sync-server.ts';
import './contact-covid-patient-form.ts';
import type { ContactCovidPatientForm } from './contact-covid-patient-form.ts';

const NIR = '255081416802538';
const tick = (form: ContactCovidPatientForm, name: string) => control(form, name).click();
const click = (form: ContactCovidPatientForm, name: string) => (root(form).querySelector(`button[name="${name}"], button[type="${name}"]`) as HTMLButtonElement).click();

describe('<contact-covid-patient-form>', () => {
  let runtime: TeleservicesRuntime;
  afterEach(async () => {
    await runtime.close();
  });

  async function render(options: { role?: string; ficheId?: string; lang?: string; prefill?: object } = {}) {
    runtime ??= await openTestRuntime(options.role);
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${options.lang ?? 'fr'} .services=${runtime.services}>
      <contact-covid-patient-form fiche-id=${options.ficheId ?? ''} .prefill=${options.prefill ?? null}></contact-covid-patient-form>
    </test-runtime-provider>`);
    const form = host.querySelector('contact-covid-patient-form') as ContactCovidPatientForm;
    await waitFor(() => root(form).querySelector('form'), { message: 'the form' });
    return form;
  }

  beforeEach(async () => {
    runtime = await openTestRuntime();
  });

  it('is accessible, in French, with a labelled control named after each schema field', async () => {
    const form = await render();
    assertAccessible(form);
    assert.match(text(form), /Nouveau patient zéro/);
    assert.match(text(form), /Informations du patient.*Éléments environnementaux.*Contextes infections\/symptômes/);
    for (const name of ['nir', 'lastName', 'birthName', 'firstName', 'birthDate', 'phone', 'email', 'emailConsent', 'address', 'postcode', 'commune',
      'collectivityExposure', 'travel14Days', 'socialSupport', 'socialSupportNeeds', 'socialSupportDetails', 'homeSampling', 'healthcareWorker',
      'patientSituation', 'symptoms', 'diagnosis', 'samplingDate', 'shareIdentityWithContacts', 'legalNotice']) {
      assert.ok(control(form, name), `a control named ${name}`);
    }
    assert.equal(root(form).querySelectorAll('[name="socialSupportNeeds"]').length, 7, 'the seven kinds of social support');
    assert.match(root(form).querySelector('label[for="nir"]')!.textContent ?? '', /Numéro de sécurité sociale \(NIR \+ Clé\)\s*\*/);
    assert.equal(root(form).querySelectorAll('#diagnosis option').length, 6);
  });

  it('refuses a bad NIR with a message next to the field, in the summary, and focuses it', async () => {
    const form = await render();
    type(form, 'nir', '2 55 08 14 168 025');
    type(form, 'lastName', 'Dupont');
    type(form, 'firstName', 'Jeanne');
    type(form, 'postcode', '75002');
    tick(form, 'legalNotice');
    click(form, 'submit');
    await waitFor(() => root(form).querySelector('#nir-error'), { message: 'the NIR error' });
    assert.match(root(form).querySelector('#nir-error')!.textContent ?? '', /15 caractères.*13/);
    assert.equal(control(form, 'nir').getAttribute('aria-invalid'), 'true');
    assert.match(control(form, 'nir').getAttribute('aria-describedby') ?? '', /nir-error/);
    assert.match(root(form).querySelector('[role="alert"]')!.textContent ?? '', /Numéro de sécurité sociale.*15 caractères/);
    assert.equal(root(form).activeElement, control(form, 'nir'), 'the first invalid field has the focus');
    assert.deepEqual(await runtime.services.fiches.search({}), [], 'nothing saved');
    assertAccessible(form);
  });

  it('requires the legal notice to validate, and says so', async () => {
    const form = await render();
    type(form, 'nir', NIR);
    type(form, 'lastName', 'Dupont');
    type(form, 'firstName', 'Jeanne');
    type(form, 'postcode', '75002');
    click(form, 'submit');
    await waitFor(() => root(form).querySelector('#legalNotice-error'), { message: 'the legal-notice error' });
    assert.match(root(form).querySelector('#legalNotice-error')!.textContent ?? '', /Cochez les mentions légales/);
    assert.equal(root(form).activeElement, control(form, 'legalNotice'));
  });

  it('creates no patient zéro for a negative test, and says to keep a draft until the result', async () => {
    const form = await render();
    type(form, 'nir', NIR);
    type(form, 'lastName', 'Dupont');
    type(form, 'firstName', 'Jeanne');
    type(form, 'postcode', '75002');
    control<HTMLSelectElement>(form, 'diagnosis').value = 'rt_pcr_negatif';
    tick(form, 'legalNotice');
    click(form, 'submit');
    await waitFor(() => root(form).querySelector('#diagnosis-error'), { message: 'the diagnosis error' });
    assert.match(root(form).querySelector('#diagnosis-error')!.textContent ?? '', /un test négatif ne crée pas de fiche/);
    assert.equal(root(form).activeElement, control(form, 'diagnosis'));
    assert.deepEqual(await runtime.services.fiches.search({}), []);
  });

  it('keeps a patient zéro « En attente du résultat de test » as a draft at VALIDER, and says so; a refusal hides what it would have been', async () => {
    const form = await render();
    type(form, 'nir', NIR);
    type(form, 'lastName', 'Dupont');
    type(form, 'firstName', 'Jeanne');
    type(form, 'postcode', '75002');
    control<HTMLSelectElement>(form, 'diagnosis').value = 'en_attente';
    tick(form, 'legalNotice');
    const saved = new Promise<Event & { detail: { id: string; status: string; draft: boolean } }>((resolve) => form.addEventListener('patient-saved', (e) => resolve(e as never), { once: true }));
    click(form, 'submit');
    const { detail } = await saved;
    assert.deepEqual([detail.status, detail.draft], ['brouillon', true]);
    await waitFor(() => /En attente du résultat de test : la fiche est enregistrée en brouillon/.test(text(form)), { message: 'the awaiting-result message' });
    assert.equal((await runtime.services.fiches.get(detail.id))?.status, 'brouillon');

    await runtime.services.journal.markRefused('fiches', detail.id, { reason: 'Refus de test.' });
    await waitFor(() => /Le serveur a refusé la dernière version de cette fiche : Refus de test/.test(text(form)), { message: 'the refusal' });
    assert.equal(/enregistrée en brouillon/.test(text(form)), false, 'no word of a save the server refused');
  });

  it('saves a draft with only the names, before the result, and says it is a draft', async () => {
    const form = await render();
    type(form, 'lastName', 'Dupont');
    type(form, 'firstName', 'Jeanne');
    const saved = new Promise<Event & { detail: { id: string; status: string; draft: boolean } }>((resolve) =>
      form.addEventListener('patient-saved', (e) => resolve(e as never), { once: true }),
    );
    click(form, 'draft');
    const event = await saved;
    assert.equal(event.detail.status, 'brouillon');
    assert.equal(event.detail.draft, true);
    const stored = await runtime.services.fiches.get(event.detail.id);
    assert.equal(stored?.lastName, 'Dupont');
    await waitFor(() => /enregistrée en brouillon/.test(text(form)), { message: 'the draft message' });
  });

  it('validates a complete patient zéro into “P0 - Confirmé - À trouver” and keeps every field', async () => {
    const form = await render();
    type(form, 'nir', '2 55 08 14 168 025 38');
    type(form, 'lastName', 'Dupont');
    type(form, 'firstName', 'Jeanne');
    type(form, 'birthDate', '1955-08-02');
    type(form, 'phone', '06 12 34 56 78');
    type(form, 'postcode', '75002');
    tick(form, 'socialSupport');
    (root(form).querySelectorAll('[name="socialSupportNeeds"]')[6] as HTMLInputElement).click();
    (root(form).querySelector('[name="symptoms"][value="oui"]') as HTMLInputElement).click();
    const diagnosis = control<HTMLSelectElement>(form, 'diagnosis');
    diagnosis.value = 'antigenique_positif';
    type(form, 'samplingDate', '2020-11-25');
    (root(form).querySelector('[name="shareIdentityWithContacts"][value="true"]') as HTMLInputElement).click();
    tick(form, 'legalNotice');
    const saved = new Promise<Event & { detail: { id: string; status: string } }>((resolve) => form.addEventListener('patient-saved', (e) => resolve(e as never), { once: true }));
    root(form).querySelector('form')!.requestSubmit();
    const { detail } = await saved;
    assert.equal(detail.status, 'p0_confirme_a_trouver');
    const stored = (await runtime.services.fiches.get(detail.id))!;
    assert.equal(stored.nir, NIR);
    assert.equal(stored.phone, '0612345678');
    assert.deepEqual(stored.socialSupportNeeds, ['hebergement']);
    assert.equal(stored.symptoms, 'oui');
    assert.equal(stored.diagnosis, 'antigenique_positif');
    assert.equal(stored.shareIdentityWithContacts, true);
    await waitFor(() => /Fiche validée : P0 - Confirmé - À trouver/.test(text(form)), { message: 'the validated message' });
    assert.equal(root(form).querySelector('button[name="draft"]'), null, 'a validated file cannot go back to draft');
  });

  it('opens an existing file in edit mode with its values', async () => {
    const fiche = patientZero({ lastName: 'Lefèvre', firstName: 'Élodie' });
    await runtime.services.fiches.save(fiche, 'medecin');
    const form = await render({ ficheId: fiche['id'] as string });
    assert.match(text(form), /Modifier le patient zéro/);
    assert.equal(control(form, 'lastName').value, 'Lefèvre');
    assert.equal(control<HTMLInputElement>(form, 'legalNotice').checked, true);
  });

  it('shows an identity from the insurer’s directory read-only, and keeps it', async () => {
    const form = await render({ prefill: { nir: NIR, lastName: 'Dupont', firstName: 'Jeanne', birthDate: '1955-08-02' } });
    assert.equal(control(form, 'nir').readOnly, true);
    assert.equal(control(form, 'lastName').readOnly, true);
    assert.match(text(form), /répertoire de l’Assurance Maladie/);
    type(form, 'postcode', '75002');
    control<HTMLSelectElement>(form, 'diagnosis').value = 'rt_pcr_positif';
    tick(form, 'legalNotice');
    const saved = new Promise<Event & { detail: { id: string } }>((resolve) => form.addEventListener('patient-saved', (e) => resolve(e as never), { once: true }));
    click(form, 'submit');
    const stored = (await runtime.services.fiches.get((await saved).detail.id))!;
    assert.equal(stored.identityFromDirectory, true);
    assert.equal(stored.lastName, 'Dupont');
  });

  it('never lets a pharmacist rewrite the identity of a recorded file', async () => {
    await runtime.close();
    runtime = await openTestRuntime('pharmacien');
    const fiche = patientZero();
    await runtime.services.fiches.save(fiche, 'medecin');
    const form = await render({ ficheId: fiche['id'] as string });
    for (const name of ['nir', 'lastName', 'firstName', 'birthDate']) assert.equal(control(form, name).readOnly, true, name);
    assert.equal(control(form, 'phone').readOnly, false);
    assert.match(text(form), /ne peut pas être modifiée par un pharmacien/);
  });

  it('opens the existing file instead of creating a duplicate (same NIR, nom, prénom)', async () => {
    const existing = patientZero({ nir: NIR, lastName: 'Dupont', firstName: 'Jeanne' });
    await runtime.services.fiches.save(existing, 'medecin');
    const form = await render();
    type(form, 'nir', NIR);
    type(form, 'lastName', 'DUPONT');
    type(form, 'firstName', 'jeanne');
    type(form, 'postcode', '75002');
    tick(form, 'legalNotice');
    const found = new Promise<Event & { detail: { id: string } }>((resolve) => form.addEventListener('patient-duplicate-found', (e) => resolve(e as never), { once: true }));
    click(form, 'submit');
    assert.equal((await found).detail.id, existing['id']);
    await waitFor(() => /existe déjà dans Contact COVID/.test(text(form)) && /Modifier le patient zéro/.test(text(form)), { message: 'the notice and the file' });
    assert.equal((await runtime.services.fiches.search({ nir: NIR })).length, 1, 'no second file');
  });

  it('works with the keyboard alone: type, Enter to validate, follow the summary, tick, choose, validate', async () => {
    const form = await render();
    control(form, 'nir').focus();
    await sendKeys({ type: '2 55 08 14 168 025 38' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Dupont' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Jeanne' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => root(form).querySelector('#postcode-error'), { message: 'errors after Enter' });
    assert.equal(root(form).activeElement, control(form, 'postcode'), 'the first invalid field has the focus');
    await sendKeys({ type: '75002' });

    const summaryLink = [...root(form).querySelectorAll<HTMLAnchorElement>('.error-summary a')].find((a) => a.getAttribute('href') === '#legalNotice')!;
    summaryLink.focus();
    await sendKeys({ press: 'Enter' });
    assert.equal(root(form).activeElement, control(form, 'legalNotice'), 'the summary link leads to its field');
    await sendKeys({ press: 'Space' });
    assert.equal(control(form, 'legalNotice').checked, true);

    control(form, 'diagnosis').focus();
    await sendKeys({ type: 'Résultat RT PCR confirmé' });
    assert.equal(control<HTMLSelectElement>(form, 'diagnosis').value, 'rt_pcr_positif');

    const saved = new Promise<Event & { detail: { status: string } }>((resolve) => form.addEventListener('patient-saved', (e) => resolve(e as never), { once: true }));
    control(form, 'commune').focus();
    await sendKeys({ press: 'Enter' });
    assert.equal((await saved).detail.status, 'p0_confirme_a_trouver');
  });

  it('recalls what this device had typed when a concurrent change overrode it', async () => {
    const fiche = patientZero({ phone: '0611111111' });
    await runtime.services.fiches.save(fiche, 'medecin');
    await runtime.services.journal.markConflict('fiches', fiche['id'] as string, [{ field: 'phone', local: '"0700000002"', remote: '"0611111111"' }]);
    const form = await render({ ficheId: fiche['id'] as string });
    await waitFor(() => /modifiée en même temps ailleurs.*Téléphone : vous aviez saisi « 0700000002 »/.test(text(form)), { message: 'the conflict notice' });
    assert.equal(control(form, 'phone').value, '0611111111');
  });

  it('tells the host when the user cancels', async () => {
    const form = await render();
    const cancelled = new Promise<Event & { detail: { id: string | null } }>((resolve) => form.addEventListener('patient-edit-cancelled', (e) => resolve(e as never), { once: true }));
    click(form, 'cancel');
    assert.equal((await cancelled).detail.id, null);
  });

  it('speaks English', async () => {
    const form = await render({ lang: 'en' });
    assert.match(text(form), /New patient zero/);
    assert.match(root(form).querySelector('label[for="lastName"]')!.textContent ?? '', /Surname in use/);
  });
});
