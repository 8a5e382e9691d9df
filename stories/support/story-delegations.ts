import type { Decorator } from '@storybook/web-components-vite';
import type { DelegationService } from '../../components/data/delegations/delegation-api.ts';
import { ApiRequestError } from '../../components/data/replication/api-client.ts';
import type { TeleservicesServices } from '../../components/data/teleservices-context.ts';
import type { TeleservicesRuntime } from '../../components/data/teleservices-runtime.ts';
import { openTestRuntime } from '../../components/testing/runtime-host.ts';
import { todayInParis, type DelegationDocument, type SessionStructure } from '../../domain/index.ts';
import type { StoryStep } from './story-accounts.ts';
import { showStoryRuntime } from './story-runtime.ts';

/** Dr Claire Martin's two practices: a remplaçant or a medical assistant takes both. */
export const STORY_DELEGANT_STRUCTURES: readonly SessionStructure[] = [
  { id: 's-cabinet-martin', kind: 'cabinet', name: 'Cabinet Martin', amNumber: '631994977', finess: null },
  { id: 's-cabinet-vincennes', kind: 'cabinet', name: 'Cabinet de la Porte de Vincennes', amNumber: '751234564', finess: null },
];

const ADDRESSES: Record<string, string> = {
  's-cabinet-martin': '24 avenue Daumesnil 75012 PARIS',
  's-cabinet-vincennes': '3 avenue de la Porte de Vincennes 75020 PARIS',
};

const asDelegationStructure = (s: SessionStructure) => ({ id: s.id, name: s.name, number: s.amNumber ?? s.finess ?? '', address: ADDRESSES[s.id] ?? '' });

/** A date `days` from today (Paris), `YYYY-MM-DD`: keeps a story's validity windows around today. */
export function daysFromToday(days: number): string {
  const [year, month, day] = todayInParis().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

let counter = 0;

/** A delegation as the server would replicate it, given by Dr Claire Martin unless told otherwise. */
export function storyDelegation(overrides: Partial<DelegationDocument> & Pick<DelegationDocument, 'delegantId'>): DelegationDocument {
  counter += 1;
  return {
    id: `d-story-${counter}`,
    delegantName: 'Dr Claire Martin',
    delegateId: '',
    delegateEmail: `delegue${counter}@exemple.fr`,
    delegateCivility: '',
    delegateFirstName: '',
    delegateLastName: '',
    profile: 'remplacant',
    cpeCardId: '',
    validFrom: daysFromToday(-20),
    validUntil: daysFromToday(70),
    status: 'en_cours',
    statusSince: '2026-03-09T09:00:00.000Z',
    structures: STORY_DELEGANT_STRUCTURES.map(asDelegationStructure),
    createdAt: `2026-03-${String((counter % 28) + 1).padStart(2, '0')}T09:00:00.000Z`,
    updatedAt: '2026-03-09T09:00:00.000Z',
    ...overrides,
  };
}

/**
 * A real runtime (in-memory, offline) for Dr Claire Martin — or a délégué with role `delegue` —
 * with her two practices (none with `withoutPractice`: a substitute), `strongAuth` as told (the CPS card), holding the delegations
 * `documents(userId)` returns as if the server had replicated them (the previous story's runtime
 * is closed first, see `showStoryRuntime`).
 */
export async function openDelegationRuntime(
  options: { role?: string; strongAuth?: boolean; documents?: (userId: string) => DelegationDocument[]; withoutPractice?: boolean } = {},
): Promise<TeleservicesRuntime> {
  const { role = 'medecin', strongAuth = true, documents, withoutPractice = false } = options;
  const delegue = role === 'delegue';
  const runtime = await showStoryRuntime(() => openTestRuntime(role, {
    strongAuth: delegue ? false : strongAuth,
    email: delegue ? 'remplacant@demo.test' : 'dr.martin@demo.test',
    firstName: delegue ? 'Lucas' : 'Claire',
    lastName: delegue ? 'Garnier' : 'Martin',
    accountKind: delegue ? 'delegue' : 'liberal',
    structures: delegue || withoutPractice ? [] : STORY_DELEGANT_STRUCTURES,
  }));
  for (const document of documents?.(runtime.services.session.user.id) ?? []) await runtime.db.delegations.upsert(document);
  return runtime;
}

const wait = () => new Promise((resolve) => setTimeout(resolve, 300));

/**
 * Stories only: the delegation commands answered in the page as the server would (seed 003's
 * words), each answer applied to the runtime's repository as `DelegationApi` does, so VALIDER,
 * the deletion, the answers and the creation show without a server. Tests use the real one.
 * `remplacant@demo.test` names Lucas Garnier's account; any other address names none.
 */
export function storyDelegationCommands(runtime: TeleservicesRuntime): DelegationService {
  const repository = runtime.services.delegations;
  const user = runtime.services.session.user;
  const current = async (id: string) => (await runtime.db.delegations.findOne(id).exec())!.toJSON() as DelegationDocument;
  const move = async (id: string, status: DelegationDocument['status']) => {
    const at = new Date().toISOString();
    const moved = { ...(await current(id)), status, statusSince: at, updatedAt: at };
    await repository.apply(moved);
    return moved;
  };
  return {
    lookup: async (email) => {
      await wait();
      return email.toLowerCase() === 'remplacant@demo.test' ? { exists: true, firstName: 'Lucas', lastName: 'Garnier', email: 'remplacant@demo.test' } : { exists: false };
    },
    create: async (input) => {
      await wait();
      // As the server: Dr Pierre Durand works in a practice, so he is no exclusive substitute.
      if (input.profile === 'remplacant' && input.delegateEmail.toLowerCase() === 'dr.durand@demo.test') {
        const message = 'Seuls les remplaçants exclusifs, sans activité libérale par ailleurs, peuvent recevoir le profil Remplaçant : cette personne exerce dans un cabinet libéral.';
        throw new ApiRequestError('refused', 422, message, { reason: 'delegation_not_eligible', fields: { profile: message } });
      }
      const found = input.delegateEmail.toLowerCase() === 'remplacant@demo.test';
      const at = new Date().toISOString();
      const created = storyDelegation({
        delegantId: user.id,
        delegantName: [user.civility, user.firstName, user.lastName].filter(Boolean).join(' '),
        delegateId: found ? 'u-remplacant' : '',
        delegateEmail: input.delegateEmail,
        delegateCivility: found ? 'Dr' : '',
        delegateFirstName: found ? 'Lucas' : '',
        delegateLastName: found ? 'Garnier' : '',
        profile: input.profile,
        cpeCardId: input.cpeCardId ?? '',
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        status: 'en_cours',
        statusSince: at,
        structures: user.structures.filter((s) => input.structureIds.includes(s.id)).map(asDelegationStructure),
        createdAt: at,
        updatedAt: at,
      });
      await repository.apply(created);
      return created;
    },
    update: async (id, input) => {
      await wait();
      const before = await current(id);
      if (before.validFrom === input.validFrom && before.validUntil === input.validUntil && before.structures.map((s) => s.id).sort().join() === [...input.structureIds].sort().join()) {
        throw new ApiRequestError('refused', 422, 'Aucune modification : les dates et les structures sont déjà celles de la délégation.', { reason: 'nothing_changed' });
      }
      const updated = { ...before, validFrom: input.validFrom, validUntil: input.validUntil, structures: user.structures.filter((s) => input.structureIds.includes(s.id)).map(asDelegationStructure), updatedAt: new Date().toISOString() };
      await repository.apply(updated);
      return updated;
    },
    validate: async (id) => {
      await wait();
      return move(id, 'validee');
    },
    remove: async (id) => {
      await wait();
      await repository.forget(id);
      return 'La délégation a bien été supprimée.';
    },
    answer: async (id, action) => {
      await wait();
      return move(id, action === 'accept' ? 'validee' : 'refusee');
    },
    actFor: async () => ({ token: 'story-delegated', expiresAt: '2099-01-01T00:00:00.000Z' }),
  };
}

/** The runtime's services, with the commands answered in the page (`simulated`) or the real ones, offline. */
export function storyDelegationServices(runtime: TeleservicesRuntime, commands: 'simulated' | 'offline'): TeleservicesServices {
  return commands === 'offline' ? runtime.services : { ...runtime.services, delegationCommands: storyDelegationCommands(runtime) };
}

/**
 * `playSteps`' steps, plus: `choose` a radio (`{profile: 'comptable'}`), `select` an option,
 * `press` (click what a selector finds), `submitForm` (the form a selector finds; `submit`
 * finds a section by its heading's text). Each step waits for its target to render.
 */
export type DelegationStoryStep =
  | StoryStep
  | { choose: Record<string, string> }
  | { select: Record<string, string> }
  | { press: string }
  | { submitForm: string };

export function playDelegationSteps(selector: string, steps: readonly DelegationStoryStep[]): Decorator {
  return (story) => {
    setTimeout(async () => {
      const pause = () => new Promise((resolve) => setTimeout(resolve, 60));
      const root = () => document.querySelector(selector)?.shadowRoot ?? null;
      const find = async <E extends HTMLElement>(query: string) => {
        for (let i = 0; i < 60; i++) {
          const found = root()?.querySelector<E>(query);
          if (found) return found;
          await pause();
        }
        return null;
      };
      const change = (control: HTMLElement) => control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      for (const step of steps) {
        if ('type' in step) {
          for (const [name, value] of Object.entries(step.type)) {
            const input = await find<HTMLInputElement>(`[name="${name}"]`);
            if (!input) return;
            input.value = value;
            input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          }
        } else if ('tick' in step) {
          const box = await find<HTMLInputElement>(`[name="${step.tick}"]`);
          if (box) box.checked = true;
        } else if ('click' in step) {
          (await find(`button[name="${step.click}"]`))?.click();
        } else if ('choose' in step) {
          for (const [name, value] of Object.entries(step.choose)) {
            const radio = await find<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
            if (!radio) return;
            radio.checked = true;
            change(radio);
          }
        } else if ('select' in step) {
          for (const [name, value] of Object.entries(step.select)) {
            const select = await find<HTMLSelectElement>(`select[name="${name}"]`);
            if (!select) return;
            select.value = value;
            change(select);
          }
        } else if ('press' in step) {
          (await find(step.press))?.click();
        } else if ('submitForm' in step) {
          (await find<HTMLFormElement>(step.submitForm))?.requestSubmit();
        } else {
          const section = Array.from(root()?.querySelectorAll('section') ?? []).find((s) => s.textContent?.includes(step.submit));
          section?.querySelector('form')?.requestSubmit();
        }
        await pause();
      }
    }, 100);
    return story();
  };
}
