import { defineMessages } from '../i18n/messages.ts';

/** What every form says when a module it loads on demand (its validation) cannot be fetched. */
export const onDemandMessages = defineMessages({
  fr: {
    moduleUnavailable:
      'Le formulaire n’a pas pu être vérifié : une partie de la page n’a pas pu être chargée (connexion perdue ?). Rien n’a été envoyé ni enregistré, votre saisie est conservée : réessayez dans un instant ou une fois la connexion rétablie.',
  },
  en: {
    moduleUnavailable:
      'The form could not be checked: part of the page could not be loaded (connection lost?). Nothing was sent or saved and what you typed is kept: try again in a moment or once you are back online.',
  },
});
