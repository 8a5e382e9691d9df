import { html } from 'lit';
import '../contact-covid/contact-covid-patient-list/contact-covid-patient-list.ts';
import type { TeleservicesRuntime } from '../data/teleservices-runtime.ts';
import '../insurer-contact/insurer-contact-form/insurer-contact-form.ts';
import { patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { assert } from '../testing/assert.ts';
import { fixture } from '../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../testing/runtime-host.ts';
import { waitFor } from '../testing/sync-server.ts';

// One device, two people: what the first typed or searched must not greet the second. The
// provider takes the services away between two sessions (sign-out, another account); the
// elements stay in the host's page.
describe('a change of person clears what the previous one typed', () => {
  const runtimes: TeleservicesRuntime[] = [];
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
  });

  async function twoPeople(): Promise<[TeleservicesRuntime, TeleservicesRuntime]> {
    const first = await openTestRuntime('medecin', { id: 'u-first' });
    const second = await openTestRuntime('medecin', { id: 'u-second', firstName: 'Pierre', lastName: 'Durand' });
    runtimes.push(first, second);
    return [first, second];
  }

  async function switchPerson(host: TestRuntimeProvider, next: TeleservicesRuntime, element: HTMLElement & { updateComplete: Promise<boolean> }) {
    host.services = undefined;
    await element.updateComplete;
    host.services = next.services;
    await element.updateComplete;
  }

  it('<contact-covid-patient-list>: the NIR searched is gone, every file of the next person shows', async () => {
    const [first, second] = await twoPeople();
    const mine = patientZero({ lastName: 'Dupont', firstName: 'Jean' });
    await first.services.fiches.save(mine, 'medecin');
    await second.services.fiches.save(patientZero({ lastName: 'Arnaud', firstName: 'Luc' }), 'medecin');
    await second.services.fiches.save(patientZero({ lastName: 'Caron', firstName: 'Lea' }), 'medecin');
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider .services=${first.services}><contact-covid-patient-list></contact-covid-patient-list></test-runtime-provider>`);
    const list = host.querySelector('contact-covid-patient-list')!;
    const shadow = list.shadowRoot!;
    await waitFor(() => shadow.querySelectorAll('tbody tr').length === 1, { message: 'the first person’s file' });
    (shadow.querySelector('[name="nir"]') as HTMLInputElement).value = String(mine['nir']);
    shadow.querySelector<HTMLFormElement>('form.search')!.requestSubmit();
    await list.updateComplete;

    await switchPerson(host, second, list);
    await waitFor(() => shadow.querySelectorAll('tbody tr').length === 2, { message: 'both files of the second person, unfiltered' });
    assert.equal((shadow.querySelector('[name="nir"]') as HTMLInputElement).value, '');
  });

  it('keeps the work of the same person coming back (a renewed token)', async () => {
    const [first] = await twoPeople();
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider .services=${first.services}><insurer-contact-form></insurer-contact-form></test-runtime-provider>`);
    const form = host.querySelector('insurer-contact-form')!;
    const message = form.shadowRoot!.querySelector('textarea[name="message"]') as HTMLTextAreaElement;
    message.value = 'Bonjour, une question sur mes remboursements.';
    message.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.updateComplete;
    await switchPerson(host, first, form);
    assert.equal((form.shadowRoot!.querySelector('textarea[name="message"]') as HTMLTextAreaElement).value, 'Bonjour, une question sur mes remboursements.');
  });

  it('<insurer-contact-form>: the message and the subject are gone', async () => {
    const [first, second] = await twoPeople();
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider .services=${first.services}><insurer-contact-form></insurer-contact-form></test-runtime-provider>`);
    const form = host.querySelector('insurer-contact-form')!;
    const shadow = form.shadowRoot!;
    const message = shadow.querySelector('textarea[name="message"]') as HTMLTextAreaElement;
    message.value = 'Bonjour, une question sur le dossier de Mme Dupont.';
    message.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const subject = shadow.querySelector('select[name="subject"]') as HTMLSelectElement;
    subject.value = subject.options[subject.options.length - 1]!.value;
    subject.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await form.updateComplete;

    await switchPerson(host, second, form);
    assert.equal((shadow.querySelector('textarea[name="message"]') as HTMLTextAreaElement).value, '');
    assert.equal((shadow.querySelector('select[name="subject"]') as HTMLSelectElement).value, '');
  });
});
