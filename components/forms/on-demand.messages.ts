import { defineMessages } from '../i18n/messages.ts';

const fr = {
  moduleUnavailable:
    'Le formulaire n’a pas pu être vérifié : une partie de la page n’a pas pu être chargée (connexion perdue ?). Rien n’a été envoyé ni enregistré, votre saisie est conservée : réessayez dans un instant ou une fois la connexion rétablie.',
};

/** The French catalogue's keys, which `on-demand.messages.en.ts` gives in English. */
export type OnDemandFrench = typeof fr;

/** What every form says when a module it loads on demand (its validation) cannot be fetched. */
export const onDemandMessages = defineMessages(fr, () => import('./on-demand.messages.en.ts'));
