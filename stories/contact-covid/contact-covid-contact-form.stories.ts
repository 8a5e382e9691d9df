import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
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

/** The pharmacist's mask delivery: "Masque délivré : Oui" → VALIDER. */
export const PharmacienMasque: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await withPatientZero('pharmacien');
    const contact = contactOf(p0['id'] as string, { lastName: 'Durand', firstName: 'Clémence', birthDate: '1985-01-01' });
    await receiveFromServer(runtime, contact);
    return { runtime, ficheId: contact['id'] };
  }],
};

/** The biologist's sampling record. */
export const BiologistePrelevement: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await withPatientZero('biologiste');
    const contact = contactOf(p0['id'] as string);
    await receiveFromServer(runtime, contact);
    return { runtime, ficheId: contact['id'] };
  }],
};

/** English. */
export const English: Story = { loaders: Nouveau.loaders!, decorators: [(story) => html`<div lang="en">${story()}</div>`] };
