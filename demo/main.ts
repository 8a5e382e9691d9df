/// <reference types="vite/client" />
import '../components/styles/tokens.css';
import '../components/index.ts';
import type { TeleservicesProvider } from '../components/index.ts';
import { mountContactCovidFlow } from './contact-covid-flow.ts';
import { mountDemoMailbox } from './demo-mailbox.ts';

const provider = document.querySelector<TeleservicesProvider>('#teleservices')!;

// The e-mailed links lead here: #reinitialiser-mot-de-passe?token=… and #valider-adresse-email?token=…
function followLink(): void {
  const link = /^#(reinitialiser-mot-de-passe|valider-adresse-email)\?token=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!link) return;
  if (link[1] === 'reinitialiser-mot-de-passe') provider.resetToken = link[2]!;
  else provider.validationToken = link[2]!;
  history.replaceState(null, '', location.pathname + location.search);
}
followLink();
window.addEventListener('hashchange', followLink);

mountDemoMailbox(document.querySelector<HTMLElement>('#mailbox')!);

const accountSection = document.querySelector<HTMLElement>('#my-account')!;
document.querySelector('#account-toggle')!.addEventListener('click', (event) => {
  accountSection.hidden = !accountSection.hidden;
  (event.currentTarget as HTMLElement).setAttribute('aria-expanded', String(!accountSection.hidden));
});

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
  document.querySelector('#who')!.textContent = `${user.civility} ${user.firstName} ${user.lastName} (${user.email}) — ${user.structures.map((s) => s.name).join(', ') || 'sans structure'}`;
  countSubscription?.unsubscribe();
  countSubscription = services.fiches.all$().subscribe((fiches) => {
    document.querySelector('#local-count')!.textContent = `${fiches.length} fiche(s) Contact COVID sur cet appareil, dont ${fiches.filter((f) => !f.updatedAt).length} pas encore reçue(s) par le serveur.`;
  });
});

// A new session (another account) starts on the list, not on the previous user's screen.
const flow = mountContactCovidFlow(document.querySelector<HTMLElement>('#contact-covid')!);
provider.addEventListener('session-started', () => flow.reset());

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
