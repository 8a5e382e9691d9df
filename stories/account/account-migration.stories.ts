import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { AccountMigrationChoiceInput, AccountMigrationState } from '../../domain/account/account-migration.ts';
import { ApiRequestError } from '../../components/data/replication/api-client.ts';
import '../../components/account/account-migration/account-migration.ts';

interface MigrationArgs {
  migration: AccountMigrationState;
  structureName: string;
  structureNumber: string;
  email: string;
  /** The server refuses the administrative account (one exists already). */
  administrativeExists: boolean;
}

/** A stand-in for the signed-in account's API: the choice succeeds, or is refused as the server would. */
const apiFor = (administrativeExists: boolean) => ({
  chooseMigration: async (choice: AccountMigrationChoiceInput) => {
    if (administrativeExists && choice.accountKind === 'administratif') {
      const message = 'Un compte administratif existe déjà pour votre structure : choisissez le compte responsable de structure.';
      throw new ApiRequestError('refused', 409, message, { reason: 'administrative_account_exists', fields: { accountKind: message } });
    }
    return {
      accountMigration: { status: 'migrated', situation: 2, accountKind: choice.accountKind } as AccountMigrationState,
      message: choice.email
        ? `Votre compte a évolué. Un e-mail vient d’être envoyé à ${choice.email} : cliquez sur le lien qu’il contient pour en faire l’adresse de votre compte.`
        : 'Votre compte a évolué.',
    };
  },
  acknowledgeMigration: async () => undefined,
});

const meta: Meta<MigrationArgs> = {
  title: 'Compte/account-migration',
  component: 'account-migration',
  args: {
    migration: { status: 'choice_required' },
    structureName: 'Laboratoire des Coteaux',
    structureNumber: '330123456',
    email: 'labo.coteaux@demo.test',
    administrativeExists: false,
  },
  render: ({ migration, structureName, structureNumber, email, administrativeExists }) =>
    html`<account-migration .api=${apiFor(administrativeExists)} .migration=${migration} structure-name=${structureName} structure-number=${structureNumber} email=${email}></account-migration>`,
};
export default meta;
type Story = StoryObj<MigrationArgs>;

/** Situation 2: signed in with a password, no administrative account known — the kind to choose (cannot be dismissed). */
export const ChoixDuType: Story = {};

const dialogOf = (canvas: HTMLElement) => canvas.querySelector('account-migration')!.shadowRoot!;

/** Situation 2, sent without a choice: the error next to the choice. */
export const ChoixManquant: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(dialogOf(canvasElement).querySelector('form')).toBeTruthy(), { timeout: 15_000 });
    dialogOf(canvasElement).querySelector('form')!.requestSubmit();
    await waitFor(() => expect(dialogOf(canvasElement).querySelector('#accountKind-error')?.textContent?.trim()).toBeTruthy(), { timeout: 15_000 });
  },
};

/** Situation 2, the administrative account refused by the server (one was created meanwhile): the refusal next to the choice. */
export const CompteAdministratifExistant: Story = {
  args: { administrativeExists: true },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(dialogOf(canvasElement).querySelector('form')).toBeTruthy(), { timeout: 15_000 });
    dialogOf(canvasElement).querySelector<HTMLInputElement>('[name="accountKind"][value="administratif"]')!.click();
    dialogOf(canvasElement).querySelector('form')!.requestSubmit();
    await waitFor(() => expect(dialogOf(canvasElement).querySelector('#accountKind-error')?.textContent).toContain('Un compte administratif existe déjà'), { timeout: 15_000 });
  },
};

/** Situation 2 after the choice, a new address given: what changed, and the link sent. */
export const ChoixEnvoye: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(dialogOf(canvasElement).querySelector('form')).toBeTruthy(), { timeout: 15_000 });
    dialogOf(canvasElement).querySelector<HTMLInputElement>('[name="accountKind"][value="responsable"]')!.click();
    const email = dialogOf(canvasElement).querySelector<HTMLInputElement>('[name="email"]')!;
    email.value = 'julien.faure@exemple.fr';
    dialogOf(canvasElement).querySelector('form')!.requestSubmit();
    await waitFor(() => expect(dialogOf(canvasElement).querySelector('[part~="notice"]')?.textContent).toContain('julien.faure@exemple.fr'), { timeout: 15_000 });
  },
};

/** Situation 1: signed in with the CPS card — a structure manager account at once, what changed. */
export const ParCarteCps: Story = {
  args: { migration: { status: 'migrated', situation: 1, accountKind: 'responsable' }, structureName: 'Pharmacie des Halles', structureNumber: '750012346', email: 'pharmacie.halles@demo.test' },
};

/** Situation 2 after the choice of the administrative account: what changed. */
export const DevenuAdministratif: Story = { args: { migration: { status: 'migrated', situation: 2, accountKind: 'administratif' } } };

/** Situation 2 after the choice of the structure manager account: what changed. */
export const DevenuResponsable: Story = { args: { migration: { status: 'migrated', situation: 2, accountKind: 'responsable' } } };

/** Situation 3: an administrative account already known — a structure manager account at once. */
export const CompteAdministratifConnu: Story = {
  args: { migration: { status: 'migrated', situation: 3, accountKind: 'responsable' }, structureName: 'Pharmacie de la Gare', structureNumber: '690045679', email: 'pharmacie.gare@demo.test' },
};

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
