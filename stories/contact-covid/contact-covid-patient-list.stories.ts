import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { EVENT_ID } from 'storybook/actions';
import { addons } from 'storybook/preview-api';
import { expect, waitFor } from 'storybook/test';
import '../../components/contact-covid/contact-covid-patient-list/contact-covid-patient-list.ts';
import { recordPullProgress } from '../../components/data/replication/pull-progress.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { contactOf, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { applyManifestArgs, wiredEvents } from '../support/manifest-controls.ts';
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

/**
 * A new device's first sync: the files received so far are listed while the rest arrive, and
 * « Synchronisation : 2 300 / 10 000 fiches » says how far it is (a live region, with a bar).
 */
export const PremiereSynchronisation: Story = {
  loaders: [async () => {
    const runtime = await openStoryRuntime();
    for (let i = 0; i < 30; i++) await receiveFromServer(runtime, patientZero({ lastName: 'Patient', firstName: `Jean${String.fromCharCode(97 + (i % 26))}` }));
    await recordPullProgress(runtime.db.fiches, { done: 2300, total: 10000 });
    return { runtime };
  }],
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector('contact-covid-patient-list')!;
    const line = () => list.shadowRoot?.querySelector('.sync-progress');
    await waitFor(() => expect(line()?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Synchronisation : 2 300 / 10 000 fiches'), { timeout: 15_000 });
    await expect(line()!.getAttribute('role')).toBe('status');
    await expect(line()!.querySelector('progress')).toMatchObject({ value: 2300, max: 10000 });
  },
};

/**
 * The pharmacist's « Délivrance de masques — Liste de vos patients » (the guide's « Cas 2 »): the
 * pharmacy's own files, searched by Nir, Nom, Prénom, Statut; a full NIR also searches the server
 * for other professionals' contacts (offline here).
 */
export const Pharmacien: Story = {
  loaders: [async () => {
    const runtime = await openStoryRuntime('pharmacien');
    const own = { structureId: 's-pharmacie-centrale', declarantId: runtime.services.session.user.id };
    const p0 = patientZero({ lastName: 'Girard', firstName: 'Jean', diagnosis: 'antigenique_positif' });
    await receiveFromServer(runtime, { ...p0, ...own });
    await receiveFromServer(runtime, { ...contactOf(p0['id'] as string, { lastName: 'Girard', firstName: 'Pierre', phone: '' }), status: 'pc_contact_a_trouver', ...own });
    await receiveFromServer(runtime, { ...patientZero({ lastName: 'Robin', firstName: 'Pascal', diagnosis: 'antigenique_positif' }), ...own });
    return { runtime };
  }],
};

/** A pharmacy's first visit: how to start, and the support line with the pharmacists' guide's hours. */
export const PharmacienPremiereVisite: Story = { loaders: [async () => ({ runtime: await openStoryRuntime('pharmacien') })] };

/** The biologist's « Prélèvements »: no « Nouveau patient »; the contact to sample is found by full NIR on the server. */
export const Biologiste: Story = { loaders: [async () => ({ runtime: await openStoryRuntime('biologiste') })] };

/** English. */
export const English: Story = { loaders: Remplie.loaders!, decorators: [(story) => html`<div lang="en">${story()}</div>`] };

/**
 * Checks the Controls and Actions wiring (stories/support/manifest-controls.ts), so it cannot
 * vanish unnoticed: the element's argTypes come from custom-elements.json (`nir`, the event
 * `patient-open-request`…); its events reach the Actions panel; a changed control (here `nir`,
 * as if typed in the Controls panel) reaches the element, and its reset puts the list back.
 */
export const ControlesEtActions: Story = {
  name: 'Contrôles et actions (manifeste)',
  loaders: [async () => {
    const runtime = await openStoryRuntime();
    const p0 = patientZero({ lastName: 'Dupont', firstName: 'Jean' });
    await receiveFromServer(runtime, p0);
    await receiveFromServer(runtime, patientZero({ lastName: 'Martin', firstName: 'Lucie' }));
    return { runtime, nir: p0['nir'] };
  }],
  play: async ({ argTypes, args, initialArgs, canvasElement, loaded }) => {
    await expect(argTypes['nir'], 'argTypes from custom-elements.json (npm run analyze)').toMatchObject({ control: { type: 'text' }, table: { category: 'properties' } });
    await expect(argTypes['onPatientOpenRequest']).toMatchObject({ name: 'patient-open-request', table: { category: 'events' } });
    await expect(argTypes['--ts-color-primary']).toMatchObject({ table: { category: 'css custom properties' } });

    const list = canvasElement.querySelector('contact-covid-patient-list')!;
    const rows = () => list.shadowRoot?.querySelectorAll('tr[part~="row"]').length ?? 0;
    await waitFor(() => expect(rows()).toBe(2), { timeout: 15_000 });
    await waitFor(() => expect(wiredEvents(list)).toEqual(['patient-open-request', 'patient-create-request']), { timeout: 15_000 });

    const logged: string[] = [];
    const onAction = (action: { data: { name: string } }) => logged.push(action.data.name);
    const channel = addons.getChannel();
    channel.on(EVENT_ID, onAction);
    try {
      list.shadowRoot!.querySelector<HTMLButtonElement>('button.open')!.click();
      await waitFor(() => expect(logged).toEqual(['patient-open-request']), { timeout: 15_000 });
    } finally {
      channel.off(EVENT_ID, onAction);
    }

    applyManifestArgs(list, { argTypes, initialArgs, args: { ...args, nir: loaded['nir'] } });
    await waitFor(() => expect(rows()).toBe(1), { timeout: 15_000 });
    applyManifestArgs(list, { argTypes, initialArgs, args });
    await waitFor(() => expect(rows()).toBe(2), { timeout: 15_000 });
  },
};
