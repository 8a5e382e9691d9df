import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/contact-covid/contact-covid-patient-file/contact-covid-patient-file.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { contactOf, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { openStoryRuntime, receiveFromServer } from '../support/story-runtime.ts';

const meta: Meta = {
  title: 'Contact COVID/contact-covid-patient-file',
  component: 'contact-covid-patient-file',
  render: (_args, { loaded }) =>
    html`<test-runtime-provider .services=${(loaded['runtime'] as TeleservicesRuntime).services}>
      <contact-covid-patient-file fiche-id=${loaded['ficheId'] as string} notice=${(loaded['notice'] as string | undefined) ?? ''}></contact-covid-patient-file>
    </test-runtime-provider>`,
};
export default meta;
type Story = StoryObj;

async function patientWithContacts(count: number) {
  const runtime = await openStoryRuntime();
  const p0 = patientZero({ lastName: 'Jean', firstName: 'Paul', postcode: '75001', commune: 'Paris' });
  await receiveFromServer(runtime, p0);
  for (let i = 0; i < count; i++) await receiveFromServer(runtime, contactOf(p0['id'] as string, { lastName: ['Durand', 'Petit', 'Roux'][i % 3], firstName: 'Clémence' }));
  return { runtime, p0 };
}

/** Right after creating a patient zéro: no contact yet. */
export const SansContact: Story = { loaders: [async () => { const { runtime, p0 } = await patientWithContacts(0); return { runtime, ficheId: p0['id'] }; }] };

/** A patient zéro with its contacts. */
export const AvecContacts: Story = { loaders: [async () => { const { runtime, p0 } = await patientWithContacts(3); return { runtime, ficheId: p0['id'] }; }] };

/** A contact's file, with its patient zéro. */
export const FicheContact: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await patientWithContacts(0);
    const contact = contactOf(p0['id'] as string, { lastName: 'Clemence', firstName: 'Anne' });
    await receiveFromServer(runtime, contact);
    return { runtime, ficheId: contact['id'] };
  }],
};

/** After the pharmacist's VALIDER: the host shows the form's confirmation; « Masque délivré : Oui », and the sample's date. */
export const MasqueDelivre: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await patientWithContacts(0);
    const contact = contactOf(p0['id'] as string, { lastName: 'Dupont', firstName: 'Marie', maskDelivered: true, samplingDate: '2020-11-26' });
    await receiveFromServer(runtime, contact);
    return { runtime, ficheId: contact['id'], notice: 'Délivrance de masques enregistrée pour DUPONT Marie.' };
  }],
};

/** The server refused the last version: the refusal, and no status it would have had. */
export const Refusee: Story = {
  loaders: [async () => {
    const { runtime, p0 } = await patientWithContacts(0);
    const contact = contactOf(p0['id'] as string, { lastName: 'Dupont', firstName: 'Marie' });
    await runtime.services.fiches.save(contact, 'medecin');
    await runtime.services.journal.markRefused('fiches', contact['id'] as string, { reason: 'Vous n’avez pas accès à cette fiche.' });
    return { runtime, ficheId: contact['id'] };
  }],
};

/** Saved on the device, not yet on the server. */
export const EnAttenteDEnvoi: Story = {
  loaders: [async () => {
    const runtime = await openStoryRuntime();
    const p0 = patientZero();
    await runtime.services.fiches.save(p0, 'medecin');
    return { runtime, ficheId: p0['id'] };
  }],
};

/** English. */
export const English: Story = { loaders: AvecContacts.loaders!, decorators: [(story) => html`<div lang="en">${story()}</div>`] };
