import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/shell/teleservices-sync-issues/teleservices-sync-issues.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { patientZero } from '../../domain/testing/fiche-fixtures.ts';
import { openStoryRuntime } from '../support/story-runtime.ts';

const meta: Meta = {
  title: 'Socle/teleservices-sync-issues',
  component: 'teleservices-sync-issues',
  render: (_args, { loaded }) =>
    html`<test-runtime-provider .services=${(loaded['runtime'] as TeleservicesRuntime).services}><teleservices-sync-issues></teleservices-sync-issues></test-runtime-provider>`,
};
export default meta;

type Story = StoryObj;

/** Nothing refused, nothing overridden. */
export const RienAVerifier: Story = { loaders: [async () => ({ runtime: await openStoryRuntime() })] };

/** The server refused a pharmacist's rewrite of an identity: the version stays on the device. */
export const FicheRefusee: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime('pharmacien');
      const fiche = patientZero({ lastName: 'Renommé', firstName: 'Paul' });
      await runtime.services.fiches.save(fiche, 'pharmacien');
      await runtime.services.journal.markRefused('fiches', fiche['id'] as string, { reason: 'Un pharmacien ne peut pas modifier l’identité d’un patient.', fields: ['lastName'] });
      return { runtime };
    },
  ],
};

/** A refusal with the schema's messages field by field. */
export const FicheInvalide: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime();
      const fiche = patientZero({ lastName: 'Moreau', firstName: 'Léa' });
      await runtime.services.fiches.save(fiche, 'medecin');
      await runtime.services.journal.markRefused('fiches', fiche['id'] as string, {
        reason: 'La fiche contient des erreurs.',
        issues: [{ field: 'nir', message: 'La clé du NIR ne correspond pas au numéro : vérifiez la saisie.' }],
      });
      return { runtime };
    },
  ],
};

/** The same field changed here and elsewhere: both values shown, the server's kept. */
export const ModifieeEnMemeTemps: Story = {
  loaders: [
    async () => {
      const runtime = await openStoryRuntime();
      const fiche = patientZero({ lastName: 'Dupont', firstName: 'Jean', phone: '0611111111' });
      await runtime.services.fiches.save(fiche, 'medecin');
      await runtime.services.journal.markConflict('fiches', fiche['id'] as string, [
        { field: 'phone', local: '"0700000002"', remote: '"0611111111"' },
        { field: 'maskDelivered', local: 'true', remote: 'false' },
      ]);
      return { runtime };
    },
  ],
};

/** English. */
export const English: Story = {
  loaders: ModifieeEnMemeTemps.loaders!,
  decorators: [(story) => html`<div lang="en">${story()}</div>`],
};
