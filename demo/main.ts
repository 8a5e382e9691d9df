/// <reference types="vite/client" />
import '../components/styles/tokens.css';
import '../components/index.ts';

const passwordInput = document.querySelector<HTMLInputElement>('#new-password')!;
const checklist = document.querySelector('password-checklist')!;
passwordInput.addEventListener('input', () => {
  checklist.password = passwordInput.value;
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
