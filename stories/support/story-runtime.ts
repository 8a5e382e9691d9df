import type { Decorator } from '@storybook/web-components-vite';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { openTestRuntime } from '../../components/testing/runtime-host.ts';

/**
 * Stories only: a real runtime (in-memory database, offline, no server) that a story fills with
 * the state it shows; `<test-runtime-provider>` hands its services to the widgets inside.
 */
export async function openStoryRuntime(role = 'medecin'): Promise<TeleservicesRuntime> {
  return showStoryRuntime(() => openTestRuntime(role, { structures: structuresFor(role) }));
}

/** The runtime of the story shown last: closed when the next one opens. */
let shown: TeleservicesRuntime | null = null;

/**
 * Opens the runtime of the story being shown, closing the previous story's first: RxDB's
 * open-source build allows 16 collections at once in a page, and Storybook keeps one page while
 * you go from story to story.
 */
export async function showStoryRuntime(open: () => Promise<TeleservicesRuntime>): Promise<TeleservicesRuntime> {
  const previous = shown;
  shown = null;
  await previous?.close().catch(() => undefined);
  shown = await open();
  return shown;
}

function structuresFor(role: string) {
  return role === 'pharmacien'
    ? [{ id: 's-pharmacie-centrale', kind: 'pharmacie', name: 'Pharmacie Centrale', amNumber: null, finess: '750043218' }]
    : [{ id: 's-cabinet-martin', kind: 'cabinet', name: 'Cabinet Martin', amNumber: '631994977', finess: null }];
}

/** Puts a file on the story's device as if the server had sent it (declared by someone else). */
export async function receiveFromServer(runtime: TeleservicesRuntime, fiche: Record<string, unknown>): Promise<void> {
  const at = '2020-11-25T00:02:00.000Z';
  await runtime.db.fiches.upsert({
    nir: '',
    lastName: '',
    firstName: '',
    indexCaseId: '',
    declarantId: 'u-martin',
    structureId: 's-cabinet-martin',
    createdAt: at,
    statusSince: at,
    updatedAt: at,
    ...fiche,
  } as never);
}

/** After the story renders: clicks the element's submit button, to show the validation errors. */
export function submitAfterRender(selector: string): Decorator {
  return (story) => {
    setTimeout(async () => {
      const element = document.querySelector(selector) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
      for (let i = 0; i < 50 && !element?.shadowRoot?.querySelector('form'); i++) await new Promise((r) => setTimeout(r, 50));
      element?.shadowRoot?.querySelector('form')?.requestSubmit();
    });
    return story();
  };
}
