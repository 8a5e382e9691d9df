import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../../components/account/account-sign-in/account-sign-in.ts';

interface SignInArgs {
  server: string;
  notice: string;
  offline: boolean;
  strongAuth: '' | 'pro_sante_connect' | 'simulated_cps' | 'none';
  strongAuthFlow: 'redirect' | 'popup';
}

const meta: Meta<SignInArgs> = {
  title: 'Compte/account-sign-in',
  component: 'account-sign-in',
  args: { server: 'http://127.0.0.1:8787', notice: '', offline: false, strongAuth: '', strongAuthFlow: 'redirect' },
  argTypes: {
    strongAuth: { control: 'select', options: ['', 'pro_sante_connect', 'simulated_cps', 'none'], description: 'Authentification forte du serveur (vide : demandée au serveur, `GET /api/auth/strong`).' },
    strongAuthFlow: { control: 'inline-radio', options: ['redirect', 'popup'], description: 'Pro Santé Connect : redirection de la page ou fenêtre surgissante.' },
    server: { control: 'text', description: 'Serveur de synchronisation (lancez `npm run demo` pour essayer les comptes de démonstration).' },
    notice: { control: 'text' },
    offline: { control: 'boolean' },
  },
  render: ({ server, notice, offline, strongAuth, strongAuthFlow }) =>
    html`<account-sign-in server=${server} notice=${notice} ?offline=${offline} strong-auth=${strongAuth} strong-auth-flow=${strongAuthFlow}></account-sign-in>`,
};
export default meta;
type Story = StoryObj<SignInArgs>;

/** The sign-in page: identifiers, simulated CPS card, account creation. */
export const Connexion: Story = {};

/** Shown after a session ended. */
export const SessionExpiree: Story = { args: { notice: 'Votre session a expiré ou a été fermée : reconnectez-vous.' } };

/** A token that expired while offline, refused once the network is back: the entries waiting on the device leave at the next sign-in. */
export const SessionExpireeSaisiesEnAttente: Story = {
  args: { notice: 'Votre session a expiré : reconnectez-vous. Les 3 saisies en attente sur cet appareil partiront dès votre reconnexion.' },
};

/** Offline (set by the provider, or after an attempt that found no server): signing in needs the network, said plainly. */
export const HorsLigne: Story = { args: { offline: true } };

/** The simulated CPS card opened (with the demo server: RPPS 10001234565, code 1234). */
export const CarteCps: Story = {
  decorators: [
    (story) => {
      setTimeout(() => (document.querySelector('account-sign-in')?.shadowRoot?.querySelector('button[name="cps"]') as HTMLButtonElement | null)?.click(), 300);
      return story();
    },
  ],
};

/** The simulated card opened on `kind` (« Carte CPE », « Carte de directeur d’établissement »). */
const cardOf = (kind: 'cpe' | 'cde'): Decorator => (story) => {
  setTimeout(() => {
    const root = document.querySelector('account-sign-in')?.shadowRoot;
    (root?.querySelector('button[name="cps"]') as HTMLButtonElement | null)?.click();
    setTimeout(() => {
      const radio = root?.querySelector<HTMLInputElement>(`[name="cardKind"][value="${kind}"]`);
      if (!radio) return;
      radio.checked = true;
      radio.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }, 300);
  }, 300);
  return story();
};

/** A medical assistant's CPE card (seed 003: « Connexion en CPS/CPE (selon son profil) »; demo: CPE-2026-0042, code 1234). */
export const CarteCpe: Story = { name: 'Carte CPE', decorators: [cardOf('cpe')] };

/** An establishment director's card (demo: the Centre de santé Daumesnil, FINESS 750054322, code 1234): a director delegates with it. */
export const CarteDirecteur: Story = { name: 'Carte de directeur', decorators: [cardOf('cde')] };

/** A server with Pro Santé Connect (`PSC_*`, or `npm run demo:psc`): the button leaves for the provider (CPS card or e-CPS), no simulated card. */
export const ProSanteConnect: Story = { args: { strongAuth: 'pro_sante_connect' } };

/** A server without strong authentication: no card block. */
export const SansCarteCps: Story = { args: { strongAuth: 'none' } };

/** English. */
export const English: Story = { decorators: [(story) => html`<div lang="en">${story()}</div>`] };
