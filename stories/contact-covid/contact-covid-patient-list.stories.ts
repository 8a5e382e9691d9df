import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/contact-covid/contact-covid-patient-list/contact-covid-patient-list.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { contactOf, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { openStoryRuntime, receiveFromServer } from '../support/story-runtime.ts';

const meta: Meta = {
  title: 'Contact COVID/contact-covid-patient-list',
  component: 'contact-covid-patient-list',
  render: (_args, { loaded }) =>
    html`<test-runtime-provider .services=${(loaded['runtime'] as TeleservicesRuntime).services}><contact-covid-patient-list></contact-covid-patient-list></test-runtime-provider>`,
};
export default meta;
type Story = StoryObj;

/** First visit: nothing yet. */
export const PremiereVisite: Story = { loaders: [async () => ({ runtime: await openStoryRuntime() })] };

/** The doctor's list: files received, a draft, one waiting to be sent. */
export const Remplie: Story = {
  loaders: [async () => {
    const runtime = await openStoryRuntime();
    const p0 = patientZero({ lastName: 'Dupont', firstName: 'Jean' });
    await receiveFromServer(runtime, p0);
    await receiveFromServer(runtime, { ...contactOf(p0['id'] as string, { lastName: 'Pre', firstName: 'Paul', phone: '' }), status: 'pc_contact_a_trouver' });
    await receiveFromServer(runtime, { ...patientZero({ lastName: 'Pren', firstName: 'Marc' }), declarantId: 'u-other' });
    await runtime.services.fiches.save(patientZero({ lastName: 'Brouillon', firstName: 'Anne', status: 'brouillon' }), 'medecin');
    return { runtime };
  }],
};

/** Several pages (25 files a page). */
export const PlusieursPages: Story = {
  loaders: [async () => {
    const runtime = await openStoryRuntime();
    for (let i = 0; i < 40; i++) await receiveFromServer(runtime, patientZero({ lastName: `Patient ${String(i + 1).padStart(2, '0')}` }));
    return { runtime };
  }],
};

/** The pharmacist's "Délivrance de masques": search by full NIR (needs the server; offline here). */
export const Pharmacien: Story = { loaders: [async () => ({ runtime: await openStoryRuntime('pharmacien') })] };

/** English. */
export const English: Story = { loaders: Remplie.loaders!, decorators: [(story) => html`<div lang="en">${story()}</div>`] };
