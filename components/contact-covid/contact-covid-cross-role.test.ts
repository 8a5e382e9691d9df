import { html } from 'lit';
import { nirFor } from '../../domain/testing/fiche-fixtures.ts';
import type { TeleservicesProvider } from '../shell/teleservices-provider/teleservices-provider.ts';
import '../shell/teleservices-provider/teleservices-provider.ts';
import { assert } from '../testing/assert.ts';
import { fill, submitAndWait } from '../testing/dom.ts';
import { fixture } from '../testing/fixture.ts';
import { useSyncServer, waitFor } from '../testing/sync-server.ts';
import './contact-covid-contact-form/contact-covid-contact-form.ts';
import type { ContactCovidContactForm } from './contact-covid-contact-form/contact-covid-contact-form.ts';
import './contact-covid-patient-form/contact-covid-patient-form.ts';
import type { ContactCovidPatientForm } from './contact-covid-patient-form/contact-covid-patient-form.ts';
import './contact-covid-patient-list/contact-covid-patient-list.ts';
import type { ContactCovidPatientList } from './contact-covid-patient-list/contact-covid-patient-list.ts';

type Saved = Event & { detail: { id: string; status: string } };

describe('Contact COVID across roles, against the real sync server', function () {
  this.timeout(60_000);
  const server = useSyncServer({ clearStorage: false });

  it('a doctor records a patient zéro and a contact; a pharmacist finds the contact by NIR and records the mask; the doctor sees it', async () => {
    localStorage.clear();
    const doctorToken = await server.signIn('dr.martin@demo.test', 'Medecin#2026');
    const doctor = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${doctorToken}>
      <contact-covid-patient-form></contact-covid-patient-form>
    </teleservices-provider>`);
    await doctor.ready;

    // The doctor: NOUVEAU PATIENT ZÉRO → VALIDER.
    const patientForm = doctor.querySelector('contact-covid-patient-form') as ContactCovidPatientForm;
    await waitFor(() => patientForm.shadowRoot!.querySelector('form'), { message: 'the patient form' });
    fill(patientForm, { nir: '2 55 08 14 168 025 38', lastName: 'Dupont', firstName: 'Jeanne', postcode: '75002', phone: '0612345678' }, { silently: true });
    (patientForm.shadowRoot!.querySelector('[name="diagnosis"]') as HTMLSelectElement).value = 'rt_pcr_positif';
    (patientForm.shadowRoot!.querySelector('[name="legalNotice"]') as HTMLInputElement).click();
    const p0 = (await submitAndWait<Saved>(patientForm, 'patient-saved')).detail;
    assert.equal(p0.status, 'p0_confirme_a_trouver');

    // AJOUTER PERSONNE CONTACT → VALIDER.
    const contactForm = document.createElement('contact-covid-contact-form');
    contactForm.setAttribute('index-case-id', p0.id);
    doctor.append(contactForm);
    await waitFor(() => contactForm.shadowRoot?.querySelector('form'), { message: 'the contact form' });
    const nir = nirFor(123_456, '2');
    fill(contactForm, { nir, lastName: 'Durand', firstName: 'Clémence', phone: '01 43 00 00 00', postcode: '75012' }, { silently: true });
    const contact = (await submitAndWait<Saved>(contactForm, 'contact-saved')).detail;
    assert.equal(contact.status, 'pc_a_contacter');
    await doctor.runtime!.replication!.state.awaitInSync();

    // The pharmacist: Délivrance de masques → search by full NIR → open → Masque délivré : Oui → VALIDER.
    const pharmacistToken = await server.signIn('pharmacie.centrale@demo.test', 'Pharma#2026');
    const pharmacist = await fixture<TeleservicesProvider>(html`<teleservices-provider server=${server.url} storage="memory" .token=${pharmacistToken}>
      <contact-covid-patient-list></contact-covid-patient-list>
    </teleservices-provider>`);
    await pharmacist.ready;
    const list = pharmacist.querySelector('contact-covid-patient-list') as ContactCovidPatientList;
    await waitFor(() => list.shadowRoot!.querySelector('form.search'), { message: 'the pharmacist’s list' });
    (list.shadowRoot!.querySelector('[name="nir"]') as HTMLInputElement).value = nir;
    list.shadowRoot!.querySelector<HTMLFormElement>('form.search')!.requestSubmit();
    const openButton = await waitFor(() => list.shadowRoot!.querySelector<HTMLButtonElement>('button.open'), { message: 'the contact found' });
    const opened = new Promise<Event & { detail: { id: string } }>((resolve) => list.addEventListener('patient-open-request', (e) => resolve(e as never), { once: true }));
    openButton.click();
    assert.equal((await opened).detail.id, contact.id);

    const maskForm = document.createElement('contact-covid-contact-form');
    maskForm.setAttribute('fiche-id', contact.id);
    pharmacist.append(maskForm);
    await waitFor(() => maskForm.shadowRoot?.querySelector('[name="maskDelivered"]'), { message: 'the mask form (the contact replicated to the pharmacy)', timeoutMs: 15_000 });
    assert.equal(maskForm.effectiveMode, 'mask');
    assert.equal(maskForm.shadowRoot!.querySelector('[name="lastName"]'), null);
    (maskForm.shadowRoot!.querySelector('[name="maskDelivered"][value="true"]') as HTMLInputElement).click();
    await submitAndWait(maskForm, 'contact-saved');
    await pharmacist.runtime!.replication!.state.awaitInSync();

    // The doctor's device receives it through the live stream.
    const seen = await waitFor(async () => {
      const local = await doctor.services!.fiches.get(contact.id);
      return local?.maskDelivered === true ? local : null;
    }, { message: 'the mask on the doctor’s device', timeoutMs: 15_000 });
    assert.equal(seen.lastName, 'Durand', 'the identity is as the doctor wrote it');
    assert.equal(seen.declarantId, 'u-martin');

    await pharmacist.signOut();
    await doctor.signOut();
  });
});
