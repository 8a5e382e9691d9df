/// <reference types="vite/client" />
import '../components/styles/tokens.css';
import '../components/index.ts';
import type { TeleservicesProvider } from '../components/index.ts';
import { mountContactCovidFlow } from './contact-covid-flow.ts';
import { mountDemoMailbox } from './demo-mailbox.ts';

const provider = document.querySelector<TeleservicesProvider>('#teleservices')!;

// The e-mailed links lead here: #reinitialiser-mot-de-passe, #valider-adresse-email, #delegation (?token=…)
function followLink(): void {
  const link = /^#(reinitialiser-mot-de-passe|valider-adresse-email|delegation)\?token=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!link) return;
  if (link[1] === 'reinitialiser-mot-de-passe') provider.resetToken = link[2]!;
  else if (link[1] === 'delegation') provider.delegationToken = link[2]!;
  else provider.validationToken = link[2]!;
  history.replaceState(null, '', location.pathname + location.search);
}
followLink();
window.addEventListener('hashchange', followLink);
// The EMS notice e-mail leads to #ems: the inbox, once signed in with the CPS card.
const wantsEms = () => location.hash === '#ems';

mountDemoMailbox(document.querySelector<HTMLElement>('#mailbox')!);

// The product's own navigation between the embedded services: one view at a time.
const viewButtons = Array.from(document.querySelectorAll<HTMLButtonElement>('nav.services button'));
function showView(id: string): void {
  for (const view of document.querySelectorAll<HTMLElement>('section.view')) view.hidden = view.id !== id;
  for (const button of viewButtons) button.setAttribute('aria-current', button.dataset['view'] === id ? 'page' : 'false');
}
for (const button of viewButtons) button.addEventListener('click', () => showView(button.dataset['view']!));

// Délégations: the dashboard asks for the creation form; the form goes back to the dashboard.
const dashboard = document.querySelector<HTMLElement>('delegation-dashboard')!;
const createForm = document.querySelector<HTMLElement>('delegation-create-form')!;
const showDashboard = () => {
  createForm.hidden = true;
  dashboard.hidden = false;
};
dashboard.addEventListener('delegation-create-request', () => {
  dashboard.hidden = true;
  createForm.hidden = false;
});
createForm.addEventListener('delegation-create-cancelled', showDashboard);

const offlineSwitch = document.querySelector<HTMLInputElement>('#offline-switch')!;
offlineSwitch.addEventListener('change', () => {
  provider.offline = offlineSwitch.checked;
  localStorage.setItem('demo.offline', String(offlineSwitch.checked));
});
offlineSwitch.checked = localStorage.getItem('demo.offline') === 'true';
provider.offline = offlineSwitch.checked;

document.querySelector('#sign-out')!.addEventListener('click', () => void provider.signOut());

let countSubscription: { unsubscribe(): void } | null = null;
provider.addEventListener('session-started', () => {
  const services = provider.services!;
  const { user } = services.session;
  const actor = services.session.actor;
  document.querySelector('#who')!.textContent = `${user.civility} ${user.firstName} ${user.lastName} (${user.email}) — ${user.structures.map((s) => s.name).join(', ') || 'sans structure'}${actor ? ` — par ${actor.firstName} ${actor.lastName}, délégué(e)` : ''}${user.strongAuth ? ' — connexion par carte CPS' : ''}`;
  countSubscription?.unsubscribe();
  countSubscription = services.fiches.all$().subscribe((fiches) => {
    document.querySelector('#local-count')!.textContent = `${fiches.length} fiche(s) Contact COVID sur cet appareil, dont ${fiches.filter((f) => !f.updatedAt).length} pas encore reçue(s) par le serveur.`;
  });
});

// A new session (another account) starts on the list, not on the previous user's screen.
const flow = mountContactCovidFlow(document.querySelector<HTMLElement>('#contact-covid')!);
provider.addEventListener('session-started', () => {
  flow.reset();
  showDashboard();
  // A délégué lands on their delegations; everyone else on Contact COVID.
  const role = provider.services?.session.user.role;
  showView(wantsEms() || role === 'medecin_conseil' ? 'ems-view' : role === 'delegue' ? 'delegations-view' : 'contact-covid-view');
});

const syncStatus = document.querySelector<HTMLElement>('#sync-status')!;

/** Asks the sync server (proxied same-origin under /api) whether it answers. */
async function showSyncServerStatus(): Promise<void> {
  let online = false;
  try {
    const response = await fetch('/api/health', { cache: 'no-store' });
    online = response.ok && (await response.json()).status === 'ok';
  } catch {
    online = false;
  }
  const state = online ? 'online' : 'offline';
  if (syncStatus.dataset['state'] === state) return;
  syncStatus.dataset['state'] = state;
  syncStatus.textContent = `Serveur de synchronisation : ${online ? 'en ligne' : 'hors ligne'}`;
}

void showSyncServerStatus();
setInterval(showSyncServerStatus, 30_000);
