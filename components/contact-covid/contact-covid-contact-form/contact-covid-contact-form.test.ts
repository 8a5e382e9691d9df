import { html } from 'lit';
import { contactOf, patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { control, root, submit, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { waitFor } from '../../testing/sync-server.ts';
import './contact-covid-contact-form.ts';
import type { ContactCovidContactForm } from './contact-covid-contact-form.ts';

const type = (form: ContactCovidContactForm, name: string, value: string) => (control(form, name).value = value);
type Saved = Event & { detail: { id: string; status: string; kind: string; promoted: boolean } };
const saved = (form: ContactCovidContactForm) => new Promise<Saved>((resolve) => form.addEventListener('contact-saved', (e) => resolve(e as Saved), { once: true }));

describe('<contact-covid-contact-form>', () => {
  let runtime: TeleservicesRuntime;
  let p0: Record<string, unknown>;

  async function setUp(role = 'medecin') {
    runtime = await openTestRuntime(role);
    p0 = patientZero({ lastName: 'Dupont', firstName: 'Jean' });
    await runtime.services.fiches.save(p0, 'medecin');
  }
  afterEach(async () => {
    await runtime.close();
  });

  async function render(attributes: { ficheId?: string; indexCaseId?: string; lang?: string } = {}) {
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${attributes.lang ?? 'fr'} .services=${runtime.services}>
      <contact-covid-contact-form fiche-id=${attributes.ficheId ?? ''} index-case-id=${attributes.indexCaseId ?? ''}></contact-covid-contact-form>
    </test-runtime-provider>`);
    const form = host.querySelector('contact-covid-contact-form') as ContactCovidContactForm;
    await waitFor(() => root(form).querySelector('form'), { message: 'the form' });
    return form;
  }

  it('is accessible, names its patient zéro, and requires only nom, prénom and département', async () => {
    await setUp();
    const form = await render({ indexCaseId: p0['id'] as string });
    assertAccessible(form);
    await waitFor(() => /Personne contact de : DUPONT Jean/.test(text(form)), { message: 'the patient zéro named' });
    assert.match(text(form), /Nouveau patient contact/);
    const starred = [...root(form).querySelectorAll('label, legend')].filter((l) => l.querySelector('.required')).map((l) => l.getAttribute('for'));
    assert.deepEqual(starred, ['lastName', 'firstName', 'postcode']);
    for (const name of ['nir', 'sameHousehold', 'shareIdentityWithContacts', 'phone', 'symptoms', 'diagnosis', 'samplingDate', 'wantsResults', 'resultsRecipient', 'maskDelivered', 'lastContactDate', 'legalNotice']) {
      assert.ok(control(form, name), name);
    }
  });

  it('saves a contact without a phone as “PC - Contact à trouver”, with one as “PC - À contacter”', async () => {
    await setUp();
    let form = await render({ indexCaseId: p0['id'] as string });
    type(form, 'lastName', 'Durand');
    type(form, 'firstName', 'Clémence');
    type(form, 'postcode', '75');
    let done = saved(form);
    submit(form);
    let event = await done;
    assert.equal(event.detail.status, 'pc_contact_a_trouver');
    assert.equal((await runtime.services.fiches.get(event.detail.id))?.indexCaseId, p0['id']);

    form = await render({ indexCaseId: p0['id'] as string });
    type(form, 'lastName', 'Durand');
    type(form, 'firstName', 'Paul');
    type(form, 'postcode', '75012');
    type(form, 'phone', '01 43 00 00 00');
    done = saved(form);
    submit(form);
    event = await done;
    assert.equal(event.detail.status, 'pc_a_contacter');
    await waitFor(() => /PC - À contacter/.test(text(form)), { message: 'the saved status shown' });
  });

  it('once the server refuses the save, shows the refusal alone — not the status it would have had', async () => {
    await setUp();
    const form = await render({ indexCaseId: p0['id'] as string });
    type(form, 'lastName', 'Durand');
    type(form, 'firstName', 'Paul');
    type(form, 'postcode', '75012');
    type(form, 'phone', '01 43 00 00 00');
    const done = saved(form);
    submit(form);
    const { detail } = await done;
    await waitFor(() => /PC - À contacter/.test(text(form)), { message: 'the saved status shown' });
    await runtime.services.journal.markRefused('fiches', detail.id, { reason: 'Refus de test.' });
    await waitFor(() => /Le serveur a refusé la dernière version de cette fiche : Refus de test/.test(text(form)), { message: 'the refusal' });
    assert.equal(/PC - À contacter/.test(root(form).querySelector('.status-message')?.textContent ?? ''), false, 'no status the server refused');
    assert.equal(root(form).querySelector('.status-message'), null);
  });

  it('refuses a contact without its département, next to the field', async () => {
    await setUp();
    const form = await render({ indexCaseId: p0['id'] as string });
    type(form, 'lastName', 'Durand');
    type(form, 'firstName', 'Paul');
    submit(form);
    await waitFor(() => root(form).querySelector('#postcode-error'), { message: 'the postcode error' });
    assert.equal(control(form, 'postcode').getAttribute('aria-invalid'), 'true');
    assert.equal(root(form).activeElement, control(form, 'postcode'));
  });

  it('asks for the legal notice before a positive result makes a contact a patient zéro', async () => {
    await setUp();
    const contact = contactOf(p0['id'] as string);
    await runtime.services.fiches.save(contact, 'medecin');
    const form = await render({ ficheId: contact['id'] as string });
    (root(form).querySelector('[name="diagnosis"]') as HTMLSelectElement).value = 'rt_pcr_positif';
    submit(form);
    await waitFor(() => root(form).querySelector('#legalNotice-error'), { message: 'the legal-notice error' });
    assert.equal((await runtime.services.fiches.get(contact['id'] as string))?.kind, 'contact');
  });

  it('makes a contact with a positive result a patient zéro', async () => {
    await setUp();
    const contact = contactOf(p0['id'] as string, { legalNotice: true });
    await runtime.services.fiches.save(contact, 'medecin');
    const form = await render({ ficheId: contact['id'] as string });
    (root(form).querySelector('[name="diagnosis"]') as HTMLSelectElement).value = 'rt_pcr_positif';
    const done = saved(form);
    submit(form);
    const { detail } = await done;
    assert.equal(detail.promoted, true);
    assert.equal(detail.kind, 'patient_zero');
    assert.equal(detail.status, 'p0_confirme_a_trouver');
    await waitFor(() => /devient patient zéro/.test(text(form)), { message: 'the promotion message' });
  });

  it('lets a pharmacist record only the mask on another structure’s contact', async () => {
    await setUp('pharmacien');
    const contact: Record<string, unknown> = { ...contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence' }), structureId: 's-cabinet-martin', declarantId: 'u-martin' };
    await runtime.db.fiches.insert({ nir: '', lastName: '', firstName: '', indexCaseId: '', updatedAt: '2026-11-22T09:00:00.000Z', ...contact } as never);
    const form = await render({ ficheId: contact['id'] as string });
    assert.match(text(form), /Délivrance de masques/);
    assert.match(text(form), /DURAND Clémence/);
    assert.equal(control(form, 'lastName'), null, 'no identity field to rewrite');
    assertAccessible(form);
    (root(form).querySelector('[name="maskDelivered"][value="true"]') as HTMLInputElement).click();
    const done = saved(form);
    submit(form);
    await done;
    const stored = (await runtime.services.fiches.get(contact['id'] as string))!;
    assert.equal(stored.maskDelivered, true);
    assert.equal(stored.lastName, 'Durand');
  });

  it('lets a biologist record the sampling date', async () => {
    await setUp('biologiste');
    const contact: Record<string, unknown> = { ...contactOf(p0['id'] as string), structureId: 's-cabinet-martin', declarantId: 'u-martin' };
    await runtime.db.fiches.insert({ nir: '', lastName: '', firstName: '', indexCaseId: '', updatedAt: '2026-11-22T09:00:00.000Z', ...contact } as never);
    const form = await render({ ficheId: contact['id'] as string });
    assert.match(text(form), /Prélèvement/);
    type(form, 'samplingDate', '2020-11-26');
    const done = saved(form);
    submit(form);
    await done;
    assert.equal((await runtime.services.fiches.get(contact['id'] as string))?.samplingDate, '2020-11-26');
  });

  it('speaks English', async () => {
    await setUp();
    const form = await render({ indexCaseId: p0['id'] as string, lang: 'en' });
    assert.match(text(form), /New contact/);
  });
});
