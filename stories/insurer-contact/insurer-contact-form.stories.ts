import { provide } from '@lit/context';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { BehaviorSubject } from 'rxjs';
import '../../components/insurer-contact/insurer-contact-form/insurer-contact-form.ts';
import type { InsurerContactService } from '../../components/insurer-contact/insurer-contact-api.ts';
import { ApiRequestError } from '../../components/data/replication/api-client.ts';
import type { AccountProfile } from '../../components/data/session/account-api.ts';
import type { SyncStatus } from '../../components/data/sync/sync-status.ts';
import { teleservicesContext, type TeleservicesServices } from '../../components/data/teleservices-context.ts';
import { contactOfficeByCode } from '../../domain/index.ts';
import { playSteps } from '../support/story-accounts.ts';

type StoryConnection = 'online' | 'offline';

const wait = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Dr Claire Martin's practice: her office is the CPAM de Paris. */
const PROFILE = {
  structures: [{ id: 's-cabinet-martin', kind: 'cabinet', name: 'Cabinet Martin', number: '631994977', street: '24 avenue Daumesnil', postcode: '75012', commune: 'Paris', phone: '01 43 07 12 34', approvals: [], insurerOffice: { code: '751', label: '751 - CPAM de Paris', address: '21 rue Georges Auric, 75948 Paris Cedex 19', phone: '3608' } }],
} as Partial<AccountProfile> as AccountProfile;

/** Stories only: `POST /api/insurer-contact` answered in the page (or unreachable). */
function storySender(connection: StoryConnection): InsurerContactService {
  return {
    async send(form) {
      await wait();
      if (connection === 'offline') throw new ApiRequestError('offline', 0, 'Le serveur de synchronisation est injoignable.');
      const reference = 'AM-7K3F9Q2D';
      return { reference, message: `Votre demande n° ${reference} a bien été transmise à la ${contactOfficeByCode(form.office)?.label ?? form.office}.` };
    },
  };
}

/** Stories only: a signed-in session whose `account.profile()` is Dr Martin's, online or offline. */
@customElement('story-insurer-contact-services')
class StoryInsurerContactServices extends LitElement {
  @property() connection: StoryConnection = 'online';

  @provide({ context: teleservicesContext })
  services: TeleservicesServices | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const status: SyncStatus = { connection: this.connection, pending: 0, refused: 0, conflicts: 0, error: null };
    this.services = {
      session: { token: 'story', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 'u-martin', email: 'dr.martin@demo.test', role: 'medecin', civility: 'Dr', firstName: 'Claire', lastName: 'Martin', structures: [] } },
      account: { profile: async () => PROFILE },
      syncStatus$: new BehaviorSubject(status),
    } as unknown as TeleservicesServices;
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'story-insurer-contact-services': StoryInsurerContactServices;
  }
}

interface ContactArgs {
  connection: StoryConnection;
}

const QUESTION = 'Bonjour,\nJ’ai commandé des feuilles de soins il y a trois semaines et je ne les ai pas reçues. Pouvez-vous me dire où en est ma commande ?\nMerci.';
const fill = (message = QUESTION) => ({ type: { subject: 'commande_imprimes', message } });
/** Submits the form (its section holds the counter « … / 2000 » in every language). */
const validate = { submit: '/ 2000' };

const meta: Meta<ContactArgs> = {
  title: 'Assurance Maladie/insurer-contact-form',
  component: 'insurer-contact-form',
  args: { connection: 'online' },
  argTypes: { connection: { control: 'inline-radio', options: ['online', 'offline'] } },
  render: ({ connection }) =>
    html`<story-insurer-contact-services connection=${connection}><insurer-contact-form .api=${storySender(connection)}></insurer-contact-form></story-insurer-contact-services>`,
};
export default meta;
type Story = StoryObj<ContactArgs>;

/** Empty: the user's own office (751 - CPAM de Paris) chosen, its details alongside, the warning. */
export const Vide: Story = {};

/** The MSA chosen: only its caisses are listed, the user's own (MSA Île-de-France) with its address, phone and hours. */
export const RegimeAgricole: Story = {
  name: 'Régime agricole (MSA)',
  decorators: [playSteps('insurer-contact-form', [{ type: { scheme: 'agricole' } }])],
};

/** An objet and a general question, the counter following it. */
export const Rempli: Story = { decorators: [playSteps('insurer-contact-form', [fill()])] };

/** « Valider » on an empty form: each error next to its field, and the summary. */
export const Erreurs: Story = { decorators: [playSteps('insurer-contact-form', [{ type: { office: '' } }, validate])] };

/** A NIR and a patient's date of birth in the message: the warning lists them, and « Valider » refuses. */
export const DonneesSensibles: Story = {
  name: 'Données sensibles signalées',
  decorators: [playSteps('insurer-contact-form', [fill('Mon patient DUPONT Jean (12/03/1965), 1 85 01 75 112 345 62, attend le remboursement de son ordonnance.'), validate])],
};

/** A general medical question: nothing flagged, « Valider » sends it. */
export const QuestionMedicale: Story = {
  name: 'Question médicale générale',
  decorators: [playSteps('insurer-contact-form', [fill('Quelle est la procédure pour déclarer une ALD ?')])],
};

/** Sent: the request's number, and the office it went to. */
export const Envoye: Story = { name: 'Envoyé', decorators: [playSteps('insurer-contact-form', [fill(), validate])] };

/** No network: the form says so; « Valider » says sending needs it, and the message stays. */
export const HorsLigne: Story = { name: 'Hors ligne', args: { connection: 'offline' }, decorators: [playSteps('insurer-contact-form', [fill(), validate])] };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
