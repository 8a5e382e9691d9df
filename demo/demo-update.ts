/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * The installed page's updates (the built demo's service worker, vite-plugin-pwa in prompt mode):
 * a new version is announced (« Une nouvelle version est disponible — Recharger ») and waits for
 * the user's click. Nothing reloads by itself, so nobody loses what they are typing — not even
 * when another tab of the page took the new version first: this one then offers to reload too.
 * Under `npm run dev` there is no service worker and this does nothing.
 */
export function mountUpdatePrompt(banner: HTMLElement): void {
  let asked = false;
  /** Another tab already switched to the new version: reloading this one is all that is left. */
  let alreadyActive = false;
  const updateServiceWorker = registerSW({
    onNeedRefresh: () => {
      banner.hidden = false;
    },
    onNeedReload: () => {
      if (asked) location.reload();
      else {
        alreadyActive = true;
        banner.hidden = false;
      }
    },
  });
  banner.querySelector('button')!.addEventListener('click', () => {
    asked = true;
    if (alreadyActive) location.reload();
    else void updateServiceWorker(true);
  });
}
