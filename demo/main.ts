/// <reference types="vite/client" />
import type { Subscription } from 'rxjs';
import '../components/styles/tokens.css';
import '../components/index.ts';
import type { TeleservicesProvider } from '../components/index.ts';
import { toLocale } from '../domain/index.ts';
import { mountRoleSwitcher } from './demo-accounts.ts';
import { applyHostLocale, onHostLocale, tr } from './demo-i18n.ts';
import { mountDemoMailbox } from './demo-mailbox.ts';
import { mountPatientsOfTheDay } from './demo-patients.ts';
import { mountSyncPanel } from './demo-sync-panel.ts';
import { applyTheme, type DemoTheme } from './demo-theme.ts';
import { mountUpdatePrompt } from './demo-update.ts';
import { mountContactCovidFlow } from './contact-covid-flow.ts';

const provider = document.querySelector<TeleservicesProvider>('#teleservices')!;
mountUpdatePrompt(document.querySelector<HTMLElement>('#update-banner')!);

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
// The EMS notice e-mail leads to #ems: the inbox, at once when signed in, else at the next sign-in
// (once: the hash is consumed, so that the next account does not land on the exchanges too).
let emsRequested = false;

// The product's language: its own words, and the widgets' through the provider's locale.
const langSwitch = document.querySelector<HTMLSelectElement>('#lang-switch')!;
function setLanguage(lang: string): void {
  const locale = toLocale(lang);
  langSwitch.value = locale;
  provider.locale = locale;
  applyHostLocale(locale);
  localStorage.setItem('demo.lang', locale);
}
langSwitch.addEventListener('change', () => setLanguage(langSwitch.value));

// The product's theme; the contrast one also switches the widgets' tokens.
const themeSwitch = document.querySelector<HTMLSelectElement>('#theme-switch')!;
function setTheme(theme: DemoTheme): void {
  themeSwitch.value = theme;
  applyTheme(theme);
  localStorage.setItem('demo.theme', theme);
}
themeSwitch.addEventListener('change', () => setTheme(themeSwitch.value === 'contrast' ? 'contrast' : 'product'));
setTheme(localStorage.getItem('demo.theme') === 'contrast' ? 'contrast' : 'product');

mountRoleSwitcher(document.querySelector<HTMLFormElement>('#role-switcher')!, provider, document.querySelector<HTMLElement>('#switch-status')!);
mountDemoMailbox(document.querySelector<HTMLElement>('#mailbox')!);
mountSyncPanel(provider, document.querySelector<HTMLElement>('#sync-counts')!, document.querySelector<HTMLElement>('#sync-pending')!);

// The product's own navigation between the embedded services: one view at a time.
const viewButtons = Array.from(document.querySelectorAll<HTMLButtonElement>('nav.services button'));
function showView(id: string): void {
  for (const view of document.querySelectorAll<HTMLElement>('section.view')) view.hidden = view.id !== id;
  for (const button of viewButtons) button.setAttribute('aria-current', button.dataset['view'] === id ? 'page' : 'false');
}
for (const button of viewButtons) button.addEventListener('click', () => showView(button.dataset['view']!));

// « Signaler une erreur » in « Mon compte »: the insurer-contact form, addressed to the place's office.
document.addEventListener('account-error-report-requested', (event) => {
  const form = document.querySelector('#insurer-contact-view insurer-contact-form');
  if (form && event.detail.office) form.setAttribute('office', event.detail.office);
  showView('insurer-contact-view');
});

function followEmsLink(): void {
  if (location.hash !== '#ems') return;
  history.replaceState(null, '', location.pathname + location.search);
  emsRequested = !provider.services;
  if (provider.services) showView('ems-view');
}
followEmsLink();
window.addEventListener('hashchange', followEmsLink);

// Délégations: the dashboard asks for the creation form; the form goes back to the dashboard.
// (Listened to on the section: the elements are mounted afresh for each session, below.)
const delegationsView = document.querySelector<HTMLElement>('#delegations-view')!;
const dashboard = () => delegationsView.querySelector<HTMLElement>('delegation-dashboard')!;
const createForm = () => delegationsView.querySelector<HTMLElement>('delegation-create-form')!;
const showDashboard = () => {
  createForm().hidden = true;
  dashboard().hidden = false;
};
delegationsView.addEventListener('delegation-create-request', () => {
  dashboard().hidden = true;
  createForm().hidden = false;
});
delegationsView.addEventListener('delegation-create-cancelled', showDashboard);

/**
 * The embedded services keep what was typed in them (a new exchange, a message to the insurer,
 * a delegation half created) for as long as they live. The role switcher changes the person
 * in the same page, so each session gets fresh elements: nothing the previous user typed or
 * opened stays on screen. Acting for a délégant, "Mon compte" is not shown: that account is the
 * délégant's own (the server answers 403; the délégué's is back with « Revenir à mon compte »).
 */
const accountTab = document.querySelector<HTMLButtonElement>('nav.services button[data-view="my-account"]')!;
function mountServicesAfresh(acting: boolean): void {
  for (const old of document.querySelectorAll<HTMLElement>('section.view > :is(ems-inbox, delegation-dashboard, delegation-create-form, insurer-contact-form)')) {
    const fresh = document.createElement(old.localName);
    for (const { name, value } of Array.from(old.attributes)) fresh.setAttribute(name, value);
    old.replaceWith(fresh);
  }
  accountTab.hidden = acting;
  document.querySelector<HTMLElement>('#my-account')!.replaceChildren(...(acting ? [] : [document.createElement('account-settings')]));
}

const offlineSwitch = document.querySelector<HTMLInputElement>('#offline-switch')!;
offlineSwitch.addEventListener('change', () => {
  provider.offline = offlineSwitch.checked;
  localStorage.setItem('demo.offline', String(offlineSwitch.checked));
});
offlineSwitch.checked = localStorage.getItem('demo.offline') === 'true';
provider.offline = offlineSwitch.checked;

// « Se déconnecter »: warns when entries are not yet accepted by the server (wait, or leave them in this person's name).
document.querySelector('#sign-out')!.addEventListener('click', () => void provider.requestSignOut());

// Contact COVID, chained by the elements' events; a patient of the day searches their files.
const flow = mountContactCovidFlow(document.querySelector<HTMLElement>('#contact-covid')!);
const patients = mountPatientsOfTheDay(document.querySelector<HTMLElement>('#patients')!, (patient) => {
  flow.searchPatient(patient?.nir ?? '');
  showView('contact-covid-view');
});

let countSubscription: Subscription | null = null;
function describeSession(): void {
  const services = provider.services;
  const who = document.querySelector('#who')!;
  if (!services) {
    who.textContent = tr('Personne n’est connecté : choisissez un compte de démonstration en haut de la page.', 'Nobody is signed in: choose a demo account at the top of the page.');
    document.querySelector('#local-count')!.textContent = '';
    return;
  }
  const { user, actor } = services.session;
  const structures = user.structures.map((s) => s.name).join(', ') || tr('sans structure', 'no structure');
  who.textContent = [
    `${user.civility} ${user.firstName} ${user.lastName} (${user.email}) — ${structures}`,
    actor ? tr(`par ${actor.firstName} ${actor.lastName}, délégué(e)`, `by ${actor.firstName} ${actor.lastName}, delegate`) : '',
    user.strongAuth ? tr('connexion par carte CPS', 'signed in with the CPS card') : '',
  ]
    .filter(Boolean)
    .join(' — ');
}
let fiches: { total: number; unsent: number } | null = null;
function describeFiches(): void {
  if (!fiches) return;
  document.querySelector('#local-count')!.textContent = tr(
    `${fiches.total} fiche(s) Contact COVID sur cet appareil, dont ${fiches.unsent} avec des saisies pas encore reçues par le serveur.`,
    `${fiches.total} Contact COVID file(s) on this device, ${fiches.unsent} with changes not yet received by the server.`,
  );
}
provider.addEventListener('session-started', () => {
  const services = provider.services!;
  describeSession();
  countSubscription?.unsubscribe();
  // What has not reached the server: new files (no server stamp yet) and files changed since
  // (the sync journal's pending entries) — a file changed offline keeps its old stamp.
  let all: readonly { id: string; updatedAt?: string }[] = [];
  let waiting = new Set<string>();
  const count = () => {
    fiches = { total: all.length, unsent: all.filter((f) => !f.updatedAt || waiting.has(f.id)).length };
    describeFiches();
  };
  countSubscription = services.fiches.all$().subscribe((list) => {
    all = list;
    count();
  });
  countSubscription.add(
    services.journal.entries$('pending').subscribe((entries) => {
      waiting = new Set(entries.filter((e) => e.collectionName === 'fiches').map((e) => e.documentId));
      count();
    }),
  );
  // A new session (another account) starts on the list, not on the previous user's screen.
  mountServicesAfresh(Boolean(services.session.actor));
  flow.reset();
  patients.clear();
  showDashboard();
  // A délégué lands on their delegations, the médecin conseil on the exchanges; everyone else on Contact COVID.
  const role = services.session.user.role;
  showView(emsRequested || role === 'medecin_conseil' ? 'ems-view' : role === 'delegue' ? 'delegations-view' : 'contact-covid-view');
  emsRequested = false;
});
provider.addEventListener('session-ended', () => {
  countSubscription?.unsubscribe();
  countSubscription = null;
  fiches = null;
  describeSession();
});
onHostLocale(() => {
  describeSession();
  describeFiches();
});

const syncStatus = document.querySelector<HTMLElement>('#sync-status')!;
let serverOnline: boolean | null = null;
function describeServer(): void {
  syncStatus.textContent =
    serverOnline === null
      ? tr('Serveur de synchronisation : vérification…', 'Sync server: checking…')
      : tr(`Serveur de synchronisation : ${serverOnline ? 'en ligne' : 'hors ligne'}`, `Sync server: ${serverOnline ? 'online' : 'offline'}`);
}
onHostLocale(describeServer);

/** Asks the sync server (proxied same-origin under /api) whether it answers. */
async function showSyncServerStatus(): Promise<void> {
  let online = false;
  try {
    const response = await fetch('/api/health', { cache: 'no-store' });
    online = response.ok && (await response.json()).status === 'ok';
  } catch {
    online = false;
  }
  if (serverOnline === online) return;
  serverOnline = online;
  syncStatus.dataset['state'] = online ? 'online' : 'offline';
  describeServer();
}

setLanguage(localStorage.getItem('demo.lang') ?? 'fr');
void showSyncServerStatus();
setInterval(showSyncServerStatus, 30_000);
