import { defineMessages } from '../../i18n/messages.ts';

export const teleservicesProviderMessages = defineMessages({
  fr: {
    opening: 'Ouverture de vos données…',
    loading: 'Chargement…',
    acting: 'Vous agissez pour le compte de {who} — profil {profile}, jusqu’au {until}. Chaque action est enregistrée à votre nom et au sien.',
    stopActing: 'Revenir à mon compte',
    actFailed: 'Impossible d’agir pour le compte du délégant : {reason}',
    loadFailed: 'Cette partie du service n’a pas pu être chargée ({reason}). Vérifiez la connexion.',
    retryLoad: 'Réessayer',
  },
  en: {
    opening: 'Opening your data…',
    loading: 'Loading…',
    acting: 'You act on behalf of {who} — {profile} profile, until {until}. Every action is recorded in your name and theirs.',
    stopActing: 'Back to my account',
    actFailed: 'Cannot act on behalf of the delegator: {reason}',
    loadFailed: 'This part of the service could not be loaded ({reason}). Check the connection.',
    retryLoad: 'Try again',
  },
});
