import { html } from 'lit';
import { contactOf, patientZero } from '../../../domain/testing/fiche-fixtures.ts';
import type { TeleservicesRuntime } from '../../data/teleservices-runtime.ts';
import { assertAccessible } from '../../testing/accessibility.ts';
import { assert } from '../../testing/assert.ts';
import { root, text } from '../../testing/dom.ts';
import { fixture } from '../../testing/fixture.ts';
import { openTestRuntime, type TestRuntimeProvider } from '../../testing/runtime-host.ts';
import { waitFor } from '../../testing/sync-server.ts';
import './contact-covid-patient-file.ts';
import type { ContactCovidPatientFile } from './contact-covid-patient-file.ts';
import { paperContactFormHtml } from './paper-contact-form.ts';

const button = (file: ContactCovidPatientFile, name: string) => root(file).querySelector(`button[name="${name}"]`) as HTMLButtonElement;
const next = <E extends Event>(file: Element, type: string) => new Promise<E>((resolve) => file.addEventListener(type, (e) => resolve(e as E), { once: true }));

describe('<contact-covid-patient-file>', () => {
  let runtime: TeleservicesRuntime;
  let p0: Record<string, unknown>;
  beforeEach(async () => {
    runtime = await openTestRuntime();
    p0 = patientZero({ lastName: 'Dupont', firstName: 'Jean', nir: '255081416802538', birthDate: '1955-08-02', postcode: '75001', commune: 'Paris' });
    await runtime.services.fiches.save(p0, 'medecin');
  });
  afterEach(async () => {
    await runtime.close();
  });

  async function render(id: string, lang = 'fr') {
    const host = await fixture<TestRuntimeProvider>(html`<test-runtime-provider lang=${lang} .services=${runtime.services}><contact-covid-patient-file fiche-id=${id}></contact-covid-patient-file></test-runtime-provider>`);
    const file = host.querySelector('contact-covid-patient-file') as ContactCovidPatientFile;
    await waitFor(() => root(file).querySelector('#file-title'), { message: 'the file' });
    return file;
  }

  it('shows a version the server refused as refused, never with the status it would have had; a contact’s mask and sample', async () => {
    const contact = contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence', maskDelivered: true, samplingDate: '2026-12-01' });
    await runtime.services.fiches.save(contact, 'medecin');
    const file = await render(contact['id'] as string);
    assert.match(text(file), /Masque délivré\s*Oui/);
    assert.match(text(file), /Prélèvement le\s*01\/12\/2026/);
    assert.match(text(file), /PC - À contacter/);
    await runtime.services.journal.markRefused('fiches', contact['id'] as string, { reason: 'Vous n’avez pas accès à cette fiche.' });
    await waitFor(() => /Non enregistrée : refusée par le serveur/.test(text(file)), { message: 'the refused status' });
    assert.match(text(file), /Jamais acceptée par le serveur/);
    assert.match(text(file), /Le serveur a refusé la dernière version de cette fiche : Vous n’avez pas accès à cette fiche/);
    assert.equal(/PC - À contacter/.test(text(file)), false, 'not the status it would have had');
    assertAccessible(file);
  });

  it('shows the host’s confirmation above the file, and « Non renseigné » for a mask nobody recorded', async () => {
    const contact = contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence' });
    await runtime.services.fiches.save(contact, 'medecin');
    const file = await render(contact['id'] as string);
    assert.match(text(file), /Masque délivré\s*Non renseigné/);
    file.notice = 'Délivrance de masques enregistrée pour DURAND Clémence.';
    await file.updateComplete;
    assert.match(root(file).querySelector('[part="notice"]')?.textContent ?? '', /Délivrance de masques enregistrée/);
  });

  it('shows the patient zéro’s identity, status and declarant, and no contact yet', async () => {
    const file = await render(p0['id'] as string);
    assertAccessible(file);
    assert.match(text(file), /Patient zéro/);
    assert.equal(root(file).querySelector('#file-title')!.textContent, 'DUPONT Jean');
    assert.match(text(file), /NIR\s*2 55 08 14 168 025 38/);
    assert.match(text(file), /Date de naissance\s*02\/08\/1955/);
    assert.match(text(file), /75001 Paris/);
    assert.match(text(file), /P0 - Confirmé - À trouver/);
    assert.match(text(file), /Vous-même/);
    assert.match(text(file), /Aucune fiche trouvée/);
    assert.match(text(file), /En attente d’envoi|Modifications en attente/);
  });

  it('lists its contacts live, with their status', async () => {
    const file = await render(p0['id'] as string);
    await runtime.services.fiches.save(contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence' }), 'medecin');
    await runtime.services.fiches.save(contactOf(p0['id'] as string, { lastName: 'Petit', firstName: 'Léo', phone: '' }), 'medecin');
    await waitFor(() => root(file).querySelectorAll('tbody tr').length === 2 && !/Aucune fiche/.test(text(file)), { message: 'two contacts' });
    assert.match(text(file), /DURAND Clémence.*PC - À contacter/);
    assert.match(text(file), /PETIT Léo.*PC - Contact à trouver/);
  });

  it('asks the host to edit, add a contact, open a contact and go back to the list', async () => {
    const contact = contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence' });
    await runtime.services.fiches.save(contact, 'medecin');
    const file = await render(p0['id'] as string);
    let event: Promise<Event & { detail?: Record<string, unknown> }> = next(file, 'patient-edit-request') as never;
    button(file, 'edit').click();
    assert.deepEqual((await event).detail, { id: p0['id'], kind: 'patient_zero' });
    event = next(file, 'contact-create-request') as never;
    button(file, 'add-contact').click();
    assert.deepEqual((await event).detail, { indexCaseId: p0['id'] });
    await waitFor(() => root(file).querySelector('button[aria-label="Ouvrir la fiche de DURAND Clémence"]'), { message: 'the contact row' });
    event = next(file, 'patient-open-request') as never;
    (root(file).querySelector('button[aria-label="Ouvrir la fiche de DURAND Clémence"]') as HTMLButtonElement).click();
    assert.deepEqual((await event).detail, { id: contact['id'], kind: 'contact' });
    const back = next(file, 'patient-list-request');
    button(file, 'back').click();
    assert.equal((await back).type, 'patient-list-request');
  });

  it('shows a contact’s file with its patient zéro', async () => {
    const contact = contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence' });
    await runtime.services.fiches.save(contact, 'medecin');
    const file = await render(contact['id'] as string);
    assert.match(text(file), /Fiche patient contact/);
    await waitFor(() => /Patient zéro\s*DUPONT Jean/.test(text(file)), { message: 'the patient zéro named' });
    assert.equal(button(file, 'add-contact'), null, 'contacts are added to a patient zéro');
  });

  it('prints a paper contact form for the patient, escaped, with the columns to fill', () => {
    const page = paperContactFormHtml({ lastName: 'Dupont <b>', firstName: 'Jean', nir: '255081416802538', birthDate: '1955-08-02' });
    assert.match(page, /<title>Formulaire de contact — DUPONT &lt;B&gt; Jean<\/title>/);
    assert.match(page, /NIR 2 55 08 14 168 025 38 · né\(e\) le 02\/08\/1955/);
    assert.match(page, /Même foyer \?/);
    assert.match(page, /@page \{ size: A4 landscape/);
    assert.equal((page.match(/<tr><td>/g) ?? []).length, 8);
    assert.match(paperContactFormHtml({ lastName: 'Doe', firstName: 'J' }, 'en'), /Same household\?/);
  });

  it('speaks English', async () => {
    const file = await render(p0['id'] as string, 'en');
    assert.match(text(file), /Patient zero.*Add a contact.*Back to the list/);
  });
});
