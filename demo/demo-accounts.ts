import type { TeleservicesProvider } from '../components/index.ts';
import { onHostLocale, tr } from './demo-i18n.ts';

/**
 * The role switcher: a quick sign-in as each demo account of the seed (README, "Demo
 * accounts"), by password or by the simulated CPS card (RPPS + holder code 1234) where the
 * card matters — secure exchanges and delegations need it (with `npm run demo:psc`, the card is
 * Pro Santé Connect's: through the sign-in's button and the provider's page, no one-click card). A real product gets the token from
 * its own back end; here the page asks the sync server's sign-in routes directly, then hands
 * the token to the provider, as a vendor would (`provider.token`).
 */
interface DemoAccount {
  readonly key: string;
  readonly name: string;
  readonly who: { readonly fr: string; readonly en: string };
  readonly email: string;
  readonly password: string;
  /** The simulated CPS card's RPPS; '' for a card of another kind, or none. */
  readonly rpps: string;
  /** A simulated card that is no CPS: an establishment director's (the centre's FINESS) or a CPE card (its identifier). */
  readonly card?: { readonly kind: 'finess' | 'cpe'; readonly number: string; readonly label: { readonly fr: string; readonly en: string } };
}

const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { key: 'martin', name: 'Dr Claire Martin', who: { fr: 'médecin, Cabinet Martin', en: 'GP, Cabinet Martin' }, email: 'dr.martin@demo.test', password: 'Medecin#2026', rpps: '10001234565' },
  { key: 'durand', name: 'Dr Pierre Durand', who: { fr: 'médecin, Cabinet Durand', en: 'GP, Cabinet Durand' }, email: 'dr.durand@demo.test', password: 'Medecin#2026', rpps: '10002345675' },
  { key: 'pharmacie', name: 'Pharmacie Centrale', who: { fr: 'Mme Sophie Bernard, pharmacienne', en: 'Mrs Sophie Bernard, pharmacist' }, email: 'pharmacie.centrale@demo.test', password: 'Pharma#2026', rpps: '10003456786' },
  { key: 'labo', name: 'Laboratoire Bio Analyses', who: { fr: 'M. Marc Petit, biologiste', en: 'Mr Marc Petit, biologist' }, email: 'labo.bio@demo.test', password: 'Biolog#2026', rpps: '10004567896' },
  { key: 'conseil', name: 'Dr Anne Moreau', who: { fr: 'médecin conseil, CPAM de Paris', en: 'médecin conseil, CPAM de Paris' }, email: 'conseil@demo.test', password: 'Conseil#2026', rpps: '10005678908' },
  { key: 'remplacant', name: 'Dr Lucas Garnier', who: { fr: 'remplaçant, sans cabinet', en: 'substitute, no practice' }, email: 'remplacant@demo.test', password: 'Rempla#2026', rpps: '10006789019' },
  {
    key: 'directeur',
    name: 'M. Karim Benali',
    who: { fr: 'directeur, Centre de santé Daumesnil', en: 'director, Centre de santé Daumesnil' },
    email: 'cds.daumesnil@demo.test',
    password: 'Centre#2026',
    rpps: '',
    card: { kind: 'finess', number: '750054322', label: { fr: 'carte de directeur', en: 'director’s card' } },
  },
  {
    key: 'assistante',
    name: 'Mme Chloé Bertin',
    who: { fr: 'assistante médicale de Dr Martin, déléguée', en: 'Dr Martin’s medical assistant, delegate' },
    email: 'assistante.medicale@demo.test',
    password: 'Assist#2026',
    rpps: '',
    card: { kind: 'cpe', number: 'CPE-2026-0042', label: { fr: 'carte CPE', en: 'CPE card' } },
  },
  { key: 'comptable', name: 'Mme Léa Fabre', who: { fr: 'comptable de Dr Martin, déléguée', en: 'Dr Martin’s accountant, delegate' }, email: 'comptable@demo.test', password: 'Compta#2026', rpps: '' },
  // Former accounts (README, « Former pharmacy and laboratory accounts »): their next sign-in migrates them.
  {
    key: 'halles',
    name: 'Pharmacie des Halles',
    who: { fr: 'ancien compte, Mme Camille Roche — évolution, situation 1 : par carte CPS', en: 'former account, Mrs Camille Roche — change, situation 1: by CPS card' },
    email: 'pharmacie.halles@demo.test',
    password: 'Pharma#2026',
    rpps: '10013456784',
  },
  {
    key: 'coteaux',
    name: 'Laboratoire des Coteaux',
    who: { fr: 'ancien compte, M. Julien Faure — évolution, situation 2 : choix par mot de passe', en: 'former account, Mr Julien Faure — change, situation 2: choice by password' },
    email: 'labo.coteaux@demo.test',
    password: 'Biolog#2026',
    rpps: '10014567894',
  },
  {
    key: 'gare',
    name: 'Pharmacie de la Gare',
    who: { fr: 'ancien compte, M. Antoine Leclerc — évolution, situation 3 : compte administratif existant', en: 'former account, Mr Antoine Leclerc — change, situation 3: administrative account known' },
    email: 'pharmacie.gare@demo.test',
    password: 'Pharma#2026',
    rpps: '10015678906',
  },
];

type Method = 'cps' | 'password';

/** The simulated card of an account: its CPS (RPPS), or its director's or CPE card; holder code 1234. */
const cardOf = (account: DemoAccount) => (account.card ? { [account.card.kind]: account.card.number, code: '1234' } : { rpps: account.rpps, code: '1234' });

async function tokenFor(account: DemoAccount, method: Method): Promise<string> {
  const response = await fetch(method === 'cps' ? '/api/auth/cps' : '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(method === 'cps' ? { card: cardOf(account) } : { identifier: account.email, password: account.password }),
  });
  const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? String(response.status));
  return body.token;
}

export function mountRoleSwitcher(form: HTMLFormElement, provider: TeleservicesProvider, status: HTMLElement): void {
  const select = form.querySelector('select')!;
  // `npm run demo:psc`: the card goes through Pro Santé Connect's pages, not one click.
  let proSanteConnect = false;
  const fill = () => {
    const chosen = select.value;
    select.replaceChildren(
      new Option(tr('— choisir un compte —', '— choose an account —'), ''),
      ...DEMO_ACCOUNTS.flatMap((account) => {
        const who = tr(account.who.fr, account.who.en);
        return [
          ...(proSanteConnect || !(account.rpps || account.card)
            ? []
            : [new Option(`${account.name} — ${account.card ? tr(account.card.label.fr, account.card.label.en) : tr('carte CPS', 'CPS card')} (${who})`, `${account.key}:cps`)]),
          new Option(`${account.name} — ${tr('mot de passe', 'password')} (${who})`, `${account.key}:password`),
        ];
      }),
    );
    select.value = chosen;
    if (proSanteConnect) {
      status.textContent = tr(
        `Pro Santé Connect (fournisseur local) : « Vous connecter par carte CPS » mène à sa page ; saisissez-y le RPPS d’un compte (${DEMO_ACCOUNTS.filter((a) => a.rpps).map((a) => `${a.name} ${a.rpps}`).join(', ')}).`,
        `Pro Santé Connect (local provider): “Sign in with a CPS card” leads to its page; enter an account's RPPS there (${DEMO_ACCOUNTS.filter((a) => a.rpps).map((a) => `${a.name} ${a.rpps}`).join(', ')}).`,
      );
    }
  };
  fill();
  onHostLocale(fill);
  void fetch('/api/auth/strong')
    .then((response) => response.json() as Promise<{ kind?: string | null }>)
    .then(({ kind }) => {
      proSanteConnect = kind === 'pro_sante_connect';
      if (proSanteConnect) fill();
    })
    .catch(() => undefined);
  // The switcher shows who is signed in (also after a reload, the session being kept).
  // (Acting for a délégant, it keeps the délégué's own choice.)
  provider.addEventListener('session-started', () => {
    const session = provider.services?.session;
    if (!session || session.actor) return;
    const account = DEMO_ACCOUNTS.find((a) => a.email === session.user.email);
    select.value = account ? `${account.key}:${session.user.strongAuth ? 'cps' : 'password'}` : '';
  });
  provider.addEventListener('session-ended', () => (select.value = ''));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const [key, method] = select.value.split(':') as [string, Method];
    const account = DEMO_ACCOUNTS.find((a) => a.key === key);
    if (!account) return;
    status.textContent = tr(`Connexion de ${account.name}…`, `Signing in ${account.name}…`);
    try {
      const token = await tokenFor(account, method);
      // The current session ends first (revoked on the server); its local data stays on the device.
      // (A Pro Santé Connect session's sign-out page at the provider is not followed: the next person signs in here.)
      const stay = (e: Event) => e.preventDefault();
      provider.addEventListener('provider-sign-out', stay);
      await provider.signOut().finally(() => provider.removeEventListener('provider-sign-out', stay));
      provider.token = token;
      await provider.updateComplete;
      await provider.ready;
      status.textContent = '';
    } catch (error) {
      status.textContent = tr(`Connexion impossible : ${(error as Error).message}`, `Could not sign in: ${(error as Error).message}`);
    }
  });
}
