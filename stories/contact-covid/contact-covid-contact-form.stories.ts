import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../../components/contact-covid/contact-covid-contact-form/contact-covid-contact-form.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { contactOf, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { openStoryRuntime, receiveFromServer, submitAfterRender } from '../support/story-runtime.ts';

interface Loaded {
  runtime: TeleservicesRuntime;
  ficheId?: string;
  indexCaseId?: string;
}

const meta: Meta = {
  title: 'Contact COVID/contact-covid-contact-form',
  component: 'contact-covid-contact-form',
  render: (_args, { loaded }) => {
    const { runtime, ficheId, indexCaseId } = loaded as Loaded;
    return html`<test-runtime-provider .services=${runtime.services}>
      <contact-covid-contact-form fiche-id=${ficheId ?? ''} index-case-id=${indexCaseId ?? ''}></contact-covid-contact-form>
    </test-runtime-provider>`;
  },
};
export default meta;
type Story = StoryObj;

async function withPatientZero(role = 'medecin') {
  const runtime = await openStoryRuntime(role);
  const p0 = patientZero({ lastName: 'Dupont', firstName: 'Jean' });
  await receiveFromServer(runtime, p0);
  return { runtime, p0 };
}

/** NOUVEAU PATIENT CONTACT from a patient zéro. */
export const Nouveau: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await withPatientZero();
    return { runtime, indexCaseId: p0['id'] };
  }],
};

/** VALIDER without nom, prénom or département. */
export const Invalide: Story = {
  loaders: Nouveau.loaders!,
  decorators: [submitAfterRender('contact-covid-contact-form')],
};

/** A recorded contact being edited. */
export const Rempli: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await withPatientZero();
    const contact = contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence', lastContactDate: '2020-11-23', wantsResults: true, resultsRecipient: 'Par SMS' });
    await receiveFromServer(runtime, contact);
    return { runtime, ficheId: contact['id'] };
  }],
};

/**
 * The pharmacist on a doctor's contact: « Masque délivré : Oui » → VALIDER, or a positive antigen
 * test (result, date, legal notice).
 */
export const PharmacienMasque: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await withPatientZero('pharmacien');
    const contact = contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence', birthDate: '1985-01-01' });
    await receiveFromServer(runtime, contact);
    return { runtime, ficheId: contact['id'] };
  }],
};

const form = (canvas: HTMLElement) => canvas.querySelector('contact-covid-contact-form')!.shadowRoot!;

/** The mask recorded: the form says so in words. */
export const PharmacienMasqueEnregistre: Story = {
  loaders: PharmacienMasque.loaders!,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).querySelector('[name="maskDelivered"][value="true"]')).toBeTruthy(), { timeout: 15_000 });
    form(canvasElement).querySelector<HTMLInputElement>('[name="maskDelivered"][value="true"]')!.click();
    form(canvasElement).querySelector('form')!.requestSubmit();
    await waitFor(() => expect(form(canvasElement).textContent).toContain('Délivrance de masques enregistrée pour DURAND Clémence.'), { timeout: 15_000 });
  },
};

/** A positive antigen test without the legal notice: the notice is asked for, next to its box. */
export const PharmacienTestAntigeniqueSansMentions: Story = {
  loaders: PharmacienMasque.loaders!,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).querySelector('[name="diagnosis"]')).toBeTruthy(), { timeout: 15_000 });
    const diagnosis = form(canvasElement).querySelector<HTMLSelectElement>('[name="diagnosis"]')!;
    diagnosis.value = 'antigenique_positif';
    form(canvasElement).querySelector<HTMLInputElement>('[name="samplingDate"]')!.value = '2020-11-26';
    form(canvasElement).querySelector('form')!.requestSubmit();
    await waitFor(() => expect(form(canvasElement).textContent).toContain('Cochez les mentions légales'), { timeout: 15_000 });
  },
};

/**
 * A new contact whose NIR the insurer's directory knows: the identity is prefilled, read-only.
 * (Stories run without a server: the directory's answer is given here.)
 */
export const IdentiteDuRepertoire: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await withPatientZero();
    runtime.services.ficheServer.insured = async (nir) => ({ nir, lastName: 'PETIT', birthName: '', firstName: 'Jules', birthDate: '2012-01-30' });
    return { runtime, indexCaseId: p0['id'] };
  }],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).querySelector('[name="nir"]')).toBeTruthy(), { timeout: 15_000 });
    const nir = form(canvasElement).querySelector<HTMLInputElement>('[name="nir"]')!;
    nir.value = '112017505678925';
    nir.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(form(canvasElement).textContent).toContain('Identité issue du répertoire'), { timeout: 15_000 });
  },
};

/** The biologist's sampling record, with what the sampling needs (home sampling, results). */
export const BiologistePrelevement: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await withPatientZero('biologiste');
    const contact = contactOf(p0['id'] as string, { homeSampling: true, wantsResults: true, resultsRecipient: 'Par SMS' });
    await receiveFromServer(runtime, contact);
    return { runtime, ficheId: contact['id'] };
  }],
};

/** English. */
export const English: Story = { loaders: Nouveau.loaders!, decorators: [(story) => html`<div lang="en">${story()}</div>`] };
