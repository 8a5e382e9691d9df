import { html } from 'lit';
import type { TeleservicesProvider } from '../shell/teleservices-provider/teleservices-provider.ts';
import '../shell/teleservices-provider/teleservices-provider.ts';
import { assertAccessible } from '../testing/accessibility.ts';
import { assert } from '../testing/assert.ts';
import { control, root, submitAndWait, text } from '../testing/dom.ts';
import { fixture } from '../testing/fixture.ts';
import { useSyncServer, waitFor, type TestSyncServer } from '../testing/sync-server.ts';
import './contact-covid-contact-form/contact-covid-contact-form.ts';
import type { ContactCovidContactForm } from './contact-covid-contact-form/contact-covid-contact-form.ts';
import './contact-covid-patient-file/contact-covid-patient-file.ts';
import type { ContactCovidPatientFile } from './contact-covid-patient-file/contact-covid-patient-file.ts';
import './contact-covid-patient-form/contact-covid-patient-form.ts';
import type { ContactCovidPatientForm } from './contact-covid-patient-form/contact-covid-patient-form.ts';

/**
 * The pharmacists' and biologists' workflows of the guides, against the real sync server and
 * its demo files: Dr Durand's contact DUPONT Marie (NIR 2 85 01 75 112 345 12) and MOREL Lucie.
 */
type Widget = HTMLElement;
const set = (el: Widget, name: string, value: string, event: 'input' | 'change' = 'input') => {
  const input = control(el, name);
  input.value = value;
  input.dispatchEvent(new Event(event, { bubbles: true }));
};
type Saved = Event & { detail: { id: string; status: string; kind?: string; promoted?: boolean; message?: string } };

async function serverCopy(server: TestSyncServer, token: string, id: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${server.url}/api/replication/fiches/pull?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { documents: Record<string, unknown>[] }).documents.find((d) => d['id'] === id);
}

async function signedIn(server: TestSyncServer, email: string, password: string, body: ReturnType<typeof html>) {
  const token = await server.signIn(email, password);
  const provider = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${token}>${body}</teleservices-provider>`);
  await provider.ready;
  return { provider, token };
}

/** One server for the suite: the pharmacist's device keeps its files from one test to the next. */
describe('Contact COVID for pharmacists and biologists: the mask, the sample, a positive antigen test on a file someone else created', function () {
  this.timeout(60_000);
  const server = useSyncServer();

  it('the pharmacist records the mask: the form confirms it, the file view shows « Masque délivré : Oui »', async () => {
    const { provider, token } = await signedIn(server, 'pharmacie.centrale@demo.test', 'Pharma#2026', html``);
    await provider.services!.ficheServer.open('demo-pc-dupont', '285017511234512');
    await waitFor(() => provider.services!.fiches.get('demo-pc-dupont'), { message: 'the contact on the pharmacist’s device' });
    const form = document.createElement('contact-covid-contact-form') as ContactCovidContactForm;
    form.setAttribute('fiche-id', 'demo-pc-dupont');
    provider.append(form);
    await waitFor(() => control(form, 'maskDelivered'), { message: 'the mask form' });
    assert.equal(form.effectiveMode, 'mask');
    (root(form).querySelector('[name="maskDelivered"][value="true"]') as HTMLInputElement).click();
    const saved = (await submitAndWait<Saved>(form, 'contact-saved')).detail;
    assert.equal(saved.message, 'Délivrance de masques enregistrée pour DUPONT Marie.');
    assert.match(text(form), /Délivrance de masques enregistrée pour DUPONT Marie/);

    const file = document.createElement('contact-covid-patient-file') as ContactCovidPatientFile;
    file.setAttribute('fiche-id', 'demo-pc-dupont');
    file.notice = saved.message!;
    provider.append(file);
    await waitFor(() => /Masque délivré\s*Oui/.test(text(file)), { message: `« Masque délivré : Oui » in the file view: ${text(file)}` });
    assert.match(text(file), /Délivrance de masques enregistrée pour DUPONT Marie/);
    assertAccessible(file);
    await provider.runtime!.replication!.state.awaitInSync();
    await waitFor(() => serverCopy(server, token, 'demo-pc-dupont').then((d) => d?.['maskDelivered'] === true), { message: 'the mask on the server' });
    await provider.signOut();
  });

  it('the pharmacist records a positive antigen test on the contact’s own form: the legal notice is asked for, then it is promoted', async () => {
    const { provider, token } = await signedIn(server, 'pharmacie.centrale@demo.test', 'Pharma#2026', html``);
    await provider.services!.ficheServer.open('demo-pc-morel', '265016900321097');
    await waitFor(() => provider.services!.fiches.get('demo-pc-morel'), { message: 'the contact on the pharmacist’s device' });
    const form = document.createElement('contact-covid-contact-form') as ContactCovidContactForm;
    form.setAttribute('fiche-id', 'demo-pc-morel');
    provider.append(form);
    await waitFor(() => control(form, 'diagnosis'), { message: 'the antigen test block' });
    assert.match(text(form), /Test antigénique/);
    assert.deepEqual([...control<HTMLSelectElement>(form, 'diagnosis').options].map((o) => o.value), ['', 'antigenique_positif'], 'a pharmacist records a positive antigen test, nothing else');
    set(form, 'diagnosis', 'antigenique_positif', 'change');
    set(form, 'samplingDate', '2026-12-06');
    root(form).querySelector('form')!.requestSubmit();
    await waitFor(() => root(form).querySelector('#legalNotice-error, [id^="legalNotice"][id$="error"]') || /Cochez les mentions légales/.test(text(form)), { message: 'the legal notice asked for' });
    control(form, 'legalNotice').click();
    const saved = (await submitAndWait<Saved>(form, 'contact-saved')).detail;
    assert.equal(saved.promoted, true);
    await provider.runtime!.replication!.state.awaitInSync();
    const onServer = await waitFor(() => serverCopy(server, token, 'demo-pc-morel').then((d) => (d?.['kind'] === 'patient_zero' ? d : null)), { message: 'the promotion on the server' });
    assert.equal(onServer['status'], 'p0_confirme_a_trouver');
    await provider.signOut();
  });

  it('the biologist sees what the sampling needs and records its date', async () => {
    const { provider, token } = await signedIn(server, 'labo.bio@demo.test', 'Biolog#2026', html``);
    await provider.services!.ficheServer.open('demo-pc-dupont', '285017511234512');
    await waitFor(() => provider.services!.fiches.get('demo-pc-dupont'), { message: 'the contact on the biologist’s device' });
    const form = document.createElement('contact-covid-contact-form') as ContactCovidContactForm;
    form.setAttribute('fiche-id', 'demo-pc-dupont');
    provider.append(form);
    await waitFor(() => control(form, 'samplingDate'), { message: 'the sampling form' });
    assert.equal(form.effectiveMode, 'sampling');
    assert.match(text(form), /Téléphone : 01 43 00 00 00/);
    assert.match(text(form), /Souhaite recevoir les résultats : Oui/);
    assert.match(text(form), /Précisions : Par SMS/);
    set(form, 'samplingDate', '2026-12-07');
    const saved = (await submitAndWait<Saved>(form, 'contact-saved')).detail;
    assert.equal(saved.message, 'Prélèvement du 07/12/2026 enregistré pour DUPONT Marie.');
    await provider.runtime!.replication!.state.awaitInSync();
    await waitFor(() => serverCopy(server, token, 'demo-pc-dupont').then((d) => d?.['samplingDate'] === '2026-12-07'), { message: 'the sampling date on the server' });
    await provider.signOut();
  });
  it('« Nouveau patient »: the NIR prefills the identity from the insurer, the duplicate contact opens at once with what was typed, and VALIDER makes it a patient zéro', async () => {
    const { provider } = await signedIn(server, 'pharmacie.centrale@demo.test', 'Pharma#2026', html`<contact-covid-patient-form></contact-covid-patient-form>`);
    const form = provider.querySelector('contact-covid-patient-form') as ContactCovidPatientForm;
    await waitFor(() => root(form).querySelector('form'), { message: 'the form' });
    // The test result first, then the identity: nothing typed is lost when the existing file opens.
    set(form, 'diagnosis', 'antigenique_positif', 'change');
    set(form, 'samplingDate', '2026-12-06');
    control(form, 'legalNotice').click();
    const found = new Promise<Event & { detail: { id: string } }>((resolve) => form.addEventListener('patient-duplicate-found', (e) => resolve(e as never), { once: true }));
    set(form, 'nir', '2 85 01 75 112 345 12', 'change');
    assert.equal((await found).detail.id, 'demo-pc-dupont', 'found as soon as the NIR gave NIR, nom and prénom — before VALIDER');

    await waitFor(() => /comme personne contact/.test(text(form)), { message: 'the duplicate notice for a contact' });
    assert.match(text(form), /Modifier la fiche du patient contact/);
    assert.equal(/Modifier le patient zéro/.test(text(form)), false);
    assert.equal(root(form).activeElement, root(form).querySelector('.duplicate'), 'the notice is focused (and scrolled to)');
    assert.equal(control<HTMLSelectElement>(form, 'diagnosis').value, 'antigenique_positif', 'the result typed is kept');
    assert.equal(control(form, 'samplingDate').value, '2026-12-06');
    assert.equal(control(form, 'legalNotice').checked, true);
    assert.equal(control(form, 'lastName').value, 'DUPONT');
    assert.equal(control(form, 'phone').readOnly, true, 'someone else’s contact details stay theirs');
    assertAccessible(form);

    const saved = (await submitAndWait<Saved>(form, 'patient-saved')).detail;
    assert.equal(saved.status, 'p0_confirme_a_trouver');
    await provider.runtime!.replication!.state.awaitInSync();
    const durand = await server.signIn('dr.durand@demo.test', 'Medecin#2026');
    const onServer = await waitFor(() => serverCopy(server, durand, 'demo-pc-dupont').then((d) => (d?.['kind'] === 'patient_zero' ? d : null)), { message: 'the promotion on the server' });
    assert.equal(onServer['diagnosis'], 'antigenique_positif');
    assert.equal(onServer['declarantId'], 'u-durand', 'still Dr Durand’s file');
    await provider.signOut();
  });
});

describe('Contact COVID: the identity prefilled from the insurer’s directory', function () {
  this.timeout(60_000);
  const server = useSyncServer();

  it('a doctor types a known NIR (a patient zéro’s, a contact’s): nom, nom de naissance, prénom and date of birth come from the insurer, read-only, and the server accepts them as such', async () => {
    const { provider, token } = await signedIn(server, 'dr.martin@demo.test', 'Medecin#2026', html`<contact-covid-patient-form></contact-covid-patient-form>`);
    const form = provider.querySelector('contact-covid-patient-form') as ContactCovidPatientForm;
    await waitFor(() => root(form).querySelector('form'), { message: 'the form' });
    set(form, 'nir', '292079402803347', 'change');
    await waitFor(() => control(form, 'lastName').value === 'NGUYEN', { message: 'the identity prefilled' });
    assert.equal(control(form, 'birthName').value, 'TRAN');
    assert.equal(control(form, 'firstName').value, 'Linh');
    assert.equal(control(form, 'birthDate').value, '1992-07-04');
    for (const name of ['nir', 'lastName', 'birthName', 'firstName', 'birthDate']) assert.equal(control(form, name).readOnly, true, name);
    assert.match(text(form), /Identité issue du répertoire de l’Assurance Maladie/);
    assertAccessible(form);

    set(form, 'postcode', '75011');
    set(form, 'diagnosis', 'rt_pcr_positif', 'change');
    control(form, 'legalNotice').click();
    const saved = (await submitAndWait<Saved>(form, 'patient-saved')).detail;
    await provider.runtime!.replication!.state.awaitInSync();
    const onServer = await waitFor(() => serverCopy(server, token, saved.id), { message: 'the file on the server' });
    assert.equal(onServer['identityFromDirectory'], true);
    assert.equal(onServer['lastName'], 'NGUYEN');

    // A contact of this patient zéro, known to the insurer too.
    const contactForm = document.createElement('contact-covid-contact-form') as ContactCovidContactForm;
    contactForm.setAttribute('index-case-id', saved.id);
    provider.append(contactForm);
    await waitFor(() => root(contactForm).querySelector('form'), { message: 'the contact form' });
    set(contactForm, 'nir', '112017505678925', 'change');
    await waitFor(() => control(contactForm, 'lastName').value === 'PETIT', { message: 'the contact’s identity prefilled' });
    assert.equal(control(contactForm, 'firstName').readOnly, true);
    assert.match(text(contactForm), /Identité issue du répertoire de l’Assurance Maladie/);
    set(contactForm, 'postcode', '75011');
    const contact = (await submitAndWait<Saved>(contactForm, 'contact-saved')).detail;
    await provider.runtime!.replication!.state.awaitInSync();
    const contactOnServer = await waitFor(() => serverCopy(server, token, contact.id), { message: 'the contact on the server' });
    assert.equal(contactOnServer['identityFromDirectory'], true);
    assert.equal(contactOnServer['birthDate'], '2012-01-30');

    // Another NIR than the insurer's: the identity is typed again.
    const second = document.createElement('contact-covid-patient-form') as ContactCovidPatientForm;
    provider.append(second);
    await waitFor(() => root(second).querySelector('form'), { message: 'a second form' });
    set(second, 'nir', '179056912345644', 'change');
    await waitFor(() => control(second, 'lastName').value === 'LEROY', { message: 'prefilled again' });
    (root(second).querySelector('button[name="other-nir"]') as HTMLButtonElement).click();
    await waitFor(() => control(second, 'nir').readOnly === false && control(second, 'lastName').value === '', { message: 'the identity free again' });
    set(second, 'nir', '255081416802538', 'change');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(control(second, 'lastName').readOnly, false, 'a NIR the insurer does not know prefills nothing');
    await provider.signOut();
  });
});
