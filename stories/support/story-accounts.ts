import type { Decorator } from '@storybook/web-components-vite';
import type { AccountCreationService, NumberLookup, StrongStart } from '../../components/data/session/account-api.ts';

/**
 * Stories only: a stand-in for the server's account-creation API with the demo directory's
 * answers, so each step of `<account-create>` shows without a server. Tests use the real one.
 */
const identity: StrongStart['identity'] = {
  civility: 'Dr',
  firstName: 'Julie',
  lastName: 'Lambert',
  rpps: '10007890121',
  specialty: 'Médecine générale',
  accountKind: 'liberal',
  structures: [{ name: 'Cabinet Lambert', number: '940123409', kind: 'cabinet' }],
};

const lookups: Record<string, NumberLookup> = {
  '750078909': {
    structure: { name: 'Pharmacie du Marché', kind: 'pharmacie', number: '750078909', postcode: '75011', commune: 'Paris' },
    accountKind: 'administratif',
    paths: ['post'],
  },
  '930045604': {
    structure: { name: 'Centre de santé des Lilas', kind: 'centre_sante', number: '930045604', postcode: '93260', commune: 'Les Lilas' },
    accountKind: 'directeur',
    paths: ['post'],
  },
};

export const storyAccountCreation: AccountCreationService = {
  lookup: async (number) =>
    lookups[number.replace(/\s/g, '')] ?? {
      structure: { name: 'Cabinet Lambert', kind: 'cabinet', number: '940123409', postcode: '94000', commune: 'Créteil' },
      accountKind: 'liberal',
      paths: ['security_key', 'post'],
    },
  startWithCps: async () => ({ ticket: 'ticket-de-demonstration-0000000000', identity }),
  startWithSecurityKey: async () => ({ ticket: 'ticket-de-demonstration-0000000000', identity }),
  createStrong: async () => ({
    token: 'story',
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { id: 'u-story', email: 'julie.lambert@exemple.fr', role: 'medecin', civility: 'Dr', firstName: 'Julie', lastName: 'Lambert', strongAuth: true, structures: [], accountKind: 'liberal', emailVerified: false, firstSignIn: true, passwordChangeRequired: false },
    message: 'Votre compte est créé. Un e-mail vous a été envoyé : cliquez sur « Valider adresse e-mail » pour que votre adresse devienne votre identifiant.',
  }),
  createByPost: async () => ({
    postalAddress: '40 boulevard Voltaire, 75011 Paris',
    message:
      'Votre compte a bien été créé. Pour des raisons de sécurité, un mot de passe provisoire vous sera transmis par courrier postal à l’adresse : 40 boulevard Voltaire, 75011 Paris. À la réception de votre courrier, vous devez procéder à votre première connexion dans le délai indiqué. Si vous n’avez rien reçu dans un délai de 15 jours, veuillez contacter l’assistance technique.',
  }),
  validateEmail: async () => ({ email: 'julie.lambert@exemple.fr', purpose: 'creation', message: 'Votre adresse julie.lambert@exemple.fr est validée : vous pouvez l’utiliser pour vous connecter.' }),
};

/**
 * After the story renders, plays a few steps in the element's shadow root: type into named
 * fields, tick boxes, click named buttons, submit the form of a section.
 */
export type StoryStep = { type: Record<string, string> } | { tick: string } | { click: string } | { submit: string };

export function playSteps(selector: string, steps: readonly StoryStep[]): Decorator {
  return (story) => {
    setTimeout(async () => {
      const pause = () => new Promise((resolve) => setTimeout(resolve, 60));
      const root = () => document.querySelector(selector)?.shadowRoot ?? null;
      const find = async (query: string) => {
        for (let i = 0; i < 60; i++) {
          const found = root()?.querySelector<HTMLElement>(query);
          if (found) return found;
          await pause();
        }
        return null;
      };
      for (const step of steps) {
        if ('type' in step) {
          for (const [name, value] of Object.entries(step.type)) {
            const input = (await find(`[name="${name}"]`)) as HTMLInputElement | null;
            if (!input) return;
            input.value = value;
            input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          }
        } else if ('tick' in step) {
          const box = (await find(`[name="${step.tick}"]`)) as HTMLInputElement | null;
          if (box) box.checked = true;
        } else if ('click' in step) {
          (await find(`button[name="${step.click}"]`))?.click();
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
