import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../../components/contact-covid/contact-covid-patient-form/contact-covid-patient-form.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { contactOf, patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { openStoryRuntime, receiveFromServer, submitAfterRender } from '../support/story-runtime.ts';

interface Loaded {
  runtime: TeleservicesRuntime;
  ficheId?: string;
  prefill?: object;
}

const meta: Meta = {
  title: 'Contact COVID/contact-covid-patient-form',
  component: 'contact-covid-patient-form',
  render: (_args, { loaded }) => {
    const { runtime, ficheId, prefill } = loaded as Loaded;
    return html`<test-runtime-provider .services=${runtime.services}>
      <contact-covid-patient-form fiche-id=${ficheId ?? ''} .prefill=${prefill ?? null}></contact-covid-patient-form>
    </test-runtime-provider>`;
  },
  parameters: { docs: { description: { component: 'NOUVEAU PATIENT ZÉRO : every field of the seeds, drafts, validation, duplicates. The stories run offline on a real in-memory database.' } } },
};
export default meta;
type Story = StoryObj;

/** A new patient zéro: empty form. */
export const Nouveau: Story = { loaders: [async () => ({ runtime: await openStoryRuntime() })] };

/** VALIDER on an empty form: every error next to its field and in the summary. */
export const Invalide: Story = {
  loaders: [async () => ({ runtime: await openStoryRuntime() })],
  decorators: [submitAfterRender('contact-covid-patient-form')],
};

/** A draft saved before the test result. */
export const Brouillon: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime();
      const fiche = patientZero({ status: 'brouillon', diagnosis: 'en_attente', legalNotice: false });
      await runtime.services.fiches.save(fiche, 'medecin');
      return { runtime, ficheId: fiche['id'] };
    },
  ],
};

/** A validated file being edited (no way back to draft). */
export const Rempli: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime();
      const fiche = patientZero({ socialSupport: true, socialSupportNeeds: ['aide_a_domicile', 'hebergement'], socialSupportDetails: 'Logement trop petit', email: 'jeanne.dupont@example.fr', emailConsent: true });
      await receiveFromServer(runtime, fiche);
      return { runtime, ficheId: fiche['id'] };
    },
  ],
};

/** The insured person is known to the directory: identity prefilled and locked. */
export const IdentiteConnue: Story = {
  loaders: [async () => ({ runtime: await openStoryRuntime(), prefill: { nir: '255081416802538', lastName: 'Dupont', firstName: 'Jeanne', birthDate: '1955-08-02' } })],
};

/** A pharmacist editing a recorded file: the identity cannot be rewritten. */
export const Pharmacien: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime('pharmacien');
      const fiche = patientZero();
      await receiveFromServer(runtime, { ...fiche, structureId: 's-pharmacie-centrale' });
      return { runtime, ficheId: fiche['id'] };
    },
  ],
};

/** The server refused the last version: said above the form. */
export const Refusee: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime();
      const fiche = patientZero();
      await runtime.services.fiches.save(fiche, 'medecin');
      await runtime.services.journal.markRefused('fiches', fiche['id'] as string, { reason: 'Vous n’avez pas accès à cette fiche.' });
      return { runtime, ficheId: fiche['id'] };
    },
  ],
};

/** Changed elsewhere at the same time: the server's value is in the form, this device's recalled. */
export const Conflit: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime();
      const fiche = patientZero({ phone: '0611111111' });
      await receiveFromServer(runtime, fiche);
      await runtime.services.journal.markConflict('fiches', fiche['id'] as string, [{ field: 'phone', local: '"0700000002"', remote: '"0611111111"' }]);
      return { runtime, ficheId: fiche['id'] };
    },
  ],
};

const form = (canvas: HTMLElement) => canvas.querySelector('contact-covid-patient-form')!.shadowRoot!;
function typeInto(canvas: HTMLElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const control = form(canvas).querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    control.value = value;
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/**
 * A pharmacist types a positive antigen test, then the identity of a person a doctor recorded as
 * a contact: the contact's file opens at once, with the result kept, and the notice says what to do.
 */
export const DoublonPersonneContact: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime('pharmacien');
      const p0 = patientZero();
      await receiveFromServer(runtime, p0);
      await receiveFromServer(runtime, contactOf(p0['id'] as string, { nir: '285017511234512', lastName: 'Dupont', firstName: 'Marie' }));
      return { runtime };
    },
  ],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).querySelector('form')).toBeTruthy(), { timeout: 15_000 });
    typeInto(canvasElement, { diagnosis: 'antigenique_positif', samplingDate: '2020-11-26', lastName: 'Dupont', firstName: 'Marie', nir: '285017511234512' });
    await waitFor(() => expect(form(canvasElement).textContent).toContain('comme personne contact'), { timeout: 15_000 });
  },
};

/** « En attente du résultat de test » at VALIDER: kept as a draft, and said so. */
export const EnAttenteDuResultat: Story = {
  loaders: [async () => ({ runtime: await openStoryRuntime() })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).querySelector('form')).toBeTruthy(), { timeout: 15_000 });
    typeInto(canvasElement, { nir: '255081416802538', lastName: 'Dupont', firstName: 'Jeanne', postcode: '75002', diagnosis: 'en_attente' });
    form(canvasElement).querySelector<HTMLInputElement>('[name="legalNotice"]')!.click();
    form(canvasElement).querySelector('form')!.requestSubmit();
    await waitFor(() => expect(form(canvasElement).textContent).toContain('En attente du résultat de test : la fiche est enregistrée en brouillon.'), { timeout: 15_000 });
  },
};

/** English. */
export const English: Story = {
  loaders: [async () => ({ runtime: await openStoryRuntime() })],
  decorators: [(story) => html`<div lang="en">${story()}</div>`],
};
