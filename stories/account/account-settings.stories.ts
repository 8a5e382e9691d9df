import { provide } from '@lit/context';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../../components/account/account-settings/account-settings.ts';
import type { AccountSection } from '../../components/account/account-settings/account-settings.ts';
import { ApiRequestError } from '../../components/data/replication/api-client.ts';
import type { AccountApi, AccountEvent, AccountProfile } from '../../components/data/session/account-api.ts';
import { teleservicesContext, type TeleservicesServices } from '../../components/data/teleservices-context.ts';
import type { AccountPreferences, EmailChangeInput, PasswordChangeInput } from '../../domain/index.ts';

type StoryAccountState = 'ready' | 'loading' | 'offline' | 'acting';

const DEMO_PROFILE: AccountProfile = {
  id: 'u-martin',
  civility: 'Dr',
  firstName: 'Claire',
  lastName: 'Martin',
  role: 'medecin',
  rpps: '10001234565',
  specialty: 'Médecine générale',
  accountKind: 'liberal',
  email: 'dr.martin@demo.test',
  emailVerified: true,
  pendingEmail: null,
  listedProfessional: true,
  contractStatus: { code: 'secteur_1', label: { fr: 'Conventionné secteur 1', en: 'Contracted, sector 1 (agreed fees)' } },
  approvals: [{ code: 'radio', label: { fr: 'Agrément radio', en: 'Radiology approval' } }],
  structures: [
    {
      id: 's-cabinet-martin',
      kind: 'cabinet',
      name: 'Cabinet Martin',
      number: '631994977',
      street: '24 avenue Daumesnil',
      postcode: '75012',
      commune: 'Paris',
      phone: '01 43 07 12 34',
      approvals: [],
      insurerOffice: { code: '751', label: '751 - CPAM de Paris', address: '21 rue Georges Auric, 75948 Paris Cedex 19', phone: '3608' },
    },
  ],
  preferences: { locale: 'fr', emailCommunications: true },
};

const DEMO_EVENTS: readonly AccountEvent[] = [
  { at: '2026-03-12T08:15:00.000Z', action: 'sign_in_password' },
  { at: '2026-03-10T11:15:00.000Z', action: 'sign_in_cps' },
  { at: '2026-03-09T19:40:00.000Z', action: 'password_reset' },
  { at: '2026-02-27T09:05:00.000Z', action: 'email_change' },
];

const wait = () => new Promise((resolve) => setTimeout(resolve, 300));

/**
 * Stories only: the account routes answered in the page, with Dr Claire Martin's demo data, so
 * every state shows without a server. The current password is `Medecin#2026`.
 */
class StoryAccount implements Pick<AccountApi, 'profile' | 'events' | 'changeEmail' | 'resendValidation' | 'changePassword' | 'savePreferences'> {
  #profile: AccountProfile;
  #events: AccountEvent[] = [...DEMO_EVENTS];

  constructor(
    private readonly state: StoryAccountState,
    profile: Partial<AccountProfile>,
  ) {
    this.#profile = { ...DEMO_PROFILE, ...profile };
  }

  async #answer<T>(value: () => T): Promise<T> {
    if (this.state === 'loading') return new Promise<T>(() => undefined);
    await wait();
    if (this.state === 'offline') throw new ApiRequestError('offline', 0, 'Le serveur de synchronisation est injoignable.');
    return value();
  }

  profile(): Promise<AccountProfile> {
    return this.#answer(() => this.#profile);
  }

  events(): Promise<readonly AccountEvent[]> {
    return this.#answer(() => this.#events);
  }

  changeEmail(form: EmailChangeInput): Promise<string> {
    return this.#answer(() => {
      if (form.email.toLowerCase() === this.#profile.email) {
        throw new ApiRequestError('refused', 422, 'C’est déjà l’adresse de votre compte.', { fields: { email: 'C’est déjà l’adresse de votre compte.' } });
      }
      this.#profile = { ...this.#profile, pendingEmail: form.email };
      return `Un e-mail vient d’être envoyé à ${form.email} : cliquez sur le lien qu’il contient pour valider votre nouvelle adresse. D’ici là, votre adresse actuelle reste celle du compte.`;
    });
  }

  resendValidation(): Promise<string> {
    return this.#answer(() => `Un nouvel e-mail de validation vient d’être envoyé à ${this.#profile.email}.`);
  }

  changePassword(form: PasswordChangeInput): Promise<string> {
    return this.#answer(() => {
      if (form.currentPassword !== 'Medecin#2026') {
        throw new ApiRequestError('refused', 422, 'Le mot de passe actuel est incorrect.', { fields: { currentPassword: 'Le mot de passe actuel est incorrect.' } });
      }
      this.#events = [{ at: new Date().toISOString(), action: 'password_change' }, ...this.#events];
      return 'Votre mot de passe a été modifié. Vos autres sessions ont été fermées.';
    });
  }

  savePreferences(preferences: AccountPreferences): Promise<AccountPreferences> {
    return this.#answer(() => {
      this.#profile = { ...this.#profile, preferences };
      return preferences;
    });
  }
}

/** Stories only: provides a signed-in session whose `account` is a `StoryAccount`. */
@customElement('story-account-services')
class StoryAccountServices extends LitElement {
  @property() state: StoryAccountState = 'ready';
  @property({ attribute: false }) profile: Partial<AccountProfile> = {};

  @provide({ context: teleservicesContext })
  services: TeleservicesServices | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.services = {
      session: {
        token: 'story',
        expiresAt: '2099-01-01T00:00:00.000Z',
        user: {
          id: 'u-martin',
          email: 'dr.martin@demo.test',
          role: 'medecin',
          civility: 'Dr',
          firstName: 'Claire',
          lastName: 'Martin',
          structures: [{ id: 's-cabinet-martin', kind: 'cabinet', name: 'Cabinet Martin', amNumber: '631994977', finess: null }],
          accountKind: 'liberal',
          emailVerified: true,
          firstSignIn: false,
          passwordChangeRequired: false,
        },
        ...(this.state === 'acting' ? { actor: { id: 'u-assistante', civility: 'Mme', firstName: 'Julie', lastName: 'Roussel', email: 'assistante@exemple.fr' } } : {}),
      },
      account: new StoryAccount(this.state, this.profile),
    } as unknown as TeleservicesServices;
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'story-account-services': StoryAccountServices;
  }
}

interface SettingsArgs {
  section: AccountSection;
  state: StoryAccountState;
  profile: Partial<AccountProfile>;
}

const meta: Meta<SettingsArgs> = {
  title: 'Compte/account-settings',
  component: 'account-settings',
  args: { section: 'informations', state: 'ready', profile: {} },
  argTypes: {
    section: { control: 'inline-radio', options: ['informations', 'securite', 'parametres'] },
    state: { control: 'inline-radio', options: ['ready', 'loading', 'offline', 'acting'] },
  },
  render: ({ section, state, profile }) =>
    html`<story-account-services state=${state} .profile=${profile}><account-settings section=${section}></account-settings></story-account-services>`,
};
export default meta;
type Story = StoryObj<SettingsArgs>;

/** "Informations professionnelles": Dr Claire Martin (secteur 1, « Agrément radio : Oui »), Cabinet Martin with its phone, and its insurer office with its address and phone. */
export const Informations: Story = {};

/** Dr Thomas Leroy, in two practices: the first as « Lieu d'exercice », the other folded under « Autres lieux d'exercice », each with its own insurer office. */
export const PlusieursLieux: Story = {
  name: 'Plusieurs lieux d’exercice',
  args: {
    profile: {
      civility: 'Dr',
      firstName: 'Thomas',
      lastName: 'Leroy',
      rpps: '10011234563',
      listedProfessional: true,
      contractStatus: { code: 'secteur_1', label: { fr: 'Conventionné secteur 1', en: 'Contracted, sector 1 (agreed fees)' } },
      approvals: [{ code: 'mammographie', label: { fr: 'Agrément dépistage organisé du cancer du sein (mammographie)', en: 'Approval for organised breast-cancer screening (mammography)' } }],
      structures: [
        {
          id: 's-cabinet-leroy',
          kind: 'cabinet',
          name: 'Cabinet du Dr Leroy (Maison médicale des Tilleuls)',
          number: '752012344',
          street: '12 rue des Tilleuls',
          postcode: '75020',
          commune: 'Paris',
          phone: '01 43 66 52 10',
          approvals: [],
          insurerOffice: { code: '751', label: '751 - CPAM de Paris', address: '21 rue Georges Auric, 75948 Paris Cedex 19', phone: '3608' },
        },
        {
          id: 's-cabinet-leroy-montreuil',
          kind: 'cabinet',
          name: 'Cabinet du Dr Leroy (Montreuil)',
          number: '931012348',
          street: '9 rue de Paris',
          postcode: '93100',
          commune: 'Montreuil',
          phone: '01 48 58 33 27',
          approvals: [],
          insurerOffice: { code: '931', label: '931 - CPAM de la Seine-Saint-Denis', address: '195 avenue Paul Vaillant-Couturier, 93014 Bobigny Cedex', phone: '01 48 95 40 00' },
        },
      ],
    },
  },
};

/** The pharmacist of the Pharmacie Centrale: « Conventionné », « Agrément radio : Non », the officine's authorisations (vaccination, antigen tests). */
export const Pharmacien: Story = {
  name: 'Pharmacien',
  args: {
    profile: {
      civility: 'Mme',
      firstName: 'Sophie',
      lastName: 'Bernard',
      role: 'pharmacien',
      rpps: '10003456786',
      specialty: 'Pharmacie d’officine',
      accountKind: 'responsable',
      listedProfessional: true,
      contractStatus: { code: 'conventionne', label: { fr: 'Conventionné', en: 'Contracted' } },
      approvals: [],
      structures: [
        {
          id: 's-pharmacie-centrale',
          kind: 'pharmacie',
          name: 'Pharmacie Centrale',
          number: '750043218',
          street: '3 rue de Rivoli',
          postcode: '75004',
          commune: 'Paris',
          phone: '01 42 72 03 18',
          approvals: [{ code: 'vaccination', label: { fr: 'Autorisation de vacciner à l’officine', en: 'Authorised to vaccinate at the pharmacy' } }, { code: 'tests_antigeniques', label: { fr: 'Autorisation de réaliser des tests antigéniques COVID-19', en: 'Authorised to carry out COVID-19 antigen tests' } }],
          insurerOffice: { code: '751', label: '751 - CPAM de Paris', address: '21 rue Georges Auric, 75948 Paris Cedex 19', phone: '3608' },
        },
      ],
    },
  },
};

/** The administrative account of the Pharmacie du Marché: no person, its « Raison sociale »; the officine's phone and authorisations. */
export const CompteAdministratif: Story = {
  name: 'Compte administratif de la structure',
  args: {
    profile: {
      civility: '',
      firstName: '',
      lastName: 'Pharmacie du Marché',
      role: 'pharmacien',
      rpps: null,
      specialty: '',
      accountKind: 'administratif',
      listedProfessional: false,
      contractStatus: null,
      approvals: [],
      structures: [
        {
          id: 's-pharmacie-marche',
          kind: 'pharmacie',
          name: 'Pharmacie du Marché',
          number: '750078909',
          street: '40 boulevard Voltaire',
          postcode: '75011',
          commune: 'Paris',
          phone: '01 43 57 88 02',
          approvals: [{ code: 'vaccination', label: { fr: 'Autorisation de vacciner à l’officine', en: 'Authorised to vaccinate at the pharmacy' } }],
          insurerOffice: { code: '751', label: '751 - CPAM de Paris', address: '21 rue Georges Auric, 75948 Paris Cedex 19', phone: '3608' },
        },
      ],
    },
  },
};

/** A health-centre director: no contract status of their own (they are no professional of the directory); the centre's agreement is the place's. */
export const DirecteurCentre: Story = {
  name: 'Directeur de centre de santé',
  args: {
    profile: {
      civility: 'M.',
      firstName: 'Karim',
      lastName: 'Benali',
      role: 'directeur_cds',
      rpps: null,
      specialty: '',
      accountKind: 'directeur',
      listedProfessional: false,
      contractStatus: null,
      approvals: [],
      structures: [
        {
          id: 's-cds-daumesnil',
          kind: 'centre_sante',
          name: 'Centre de santé Daumesnil',
          number: '750054322',
          street: '40 avenue Daumesnil',
          postcode: '75012',
          commune: 'Paris',
          phone: '01 44 75 60 60',
          approvals: [{ code: 'accord_national_cds', label: { fr: 'Adhérent à l’accord national des centres de santé', en: 'Signed up to the national agreement of health centres' } }],
          insurerOffice: { code: '751', label: '751 - CPAM de Paris', address: '21 rue Georges Auric, 75948 Paris Cedex 19', phone: '3608' },
        },
      ],
    },
  },
};

/** "Connexion et sécurité": identifiers with their "Modifier" buttons, latest events (current password: `Medecin#2026`). */
export const Securite: Story = { args: { section: 'securite' } };

/** An address not validated yet ("Renvoyer l'e-mail de validation") and a new one waiting for its link. */
export const EmailNonValide: Story = {
  name: 'E-mail non validé',
  args: { section: 'securite', profile: { emailVerified: false, pendingEmail: 'claire.martin@exemple.fr' } },
};

/** « Paramètres de compte »: language, e-mails from the insurer, setting up the workstation (card readers, simulated here), the technical support line. */
export const Parametres: Story = { args: { section: 'parametres' } };

/** The profile is on its way. */
export const Chargement: Story = { args: { state: 'loading' } };

/** The server cannot be reached: "Mon compte" needs the network, and offers to try again. */
export const HorsLigne: Story = { name: 'Hors ligne', args: { state: 'offline' } };

/** A délégué acting for Dr Claire Martin: her account stays hers, nothing is asked of the server. */
export const EnDelegation: Story = { name: 'En délégation', args: { state: 'acting' } };

/** No provider above it: asks to sign in. */
export const SansSession: Story = { name: 'Sans session', render: ({ section }) => html`<account-settings section=${section}></account-settings>` };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
