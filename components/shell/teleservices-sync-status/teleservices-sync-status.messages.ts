import { defineMessages } from '../../i18n/messages.ts';

export const syncStatusMessages = defineMessages({
  fr: {
    noSession: 'Synchronisation : pas de session ouverte',
    unknown: 'Connexion au serveur de synchronisation…',
    online: 'En ligne',
    offline: 'Hors ligne',
    error: 'Erreur de synchronisation',
    upToDate: 'tout est synchronisé',
    offlineNothingWaiting: 'vos saisies restent sur cet appareil',
    'pending.one': '{count} modification en attente d’envoi',
    'pending.other': '{count} modifications en attente d’envoi',
    'refused.one': '{count} fiche refusée par le serveur',
    'refused.other': '{count} fiches refusées par le serveur',
    'conflicts.one': '{count} fiche modifiée en même temps ailleurs',
    'conflicts.other': '{count} fiches modifiées en même temps ailleurs',
  },
  en: {
    noSession: 'Sync: no session open',
    unknown: 'Connecting to the sync server…',
    online: 'Online',
    offline: 'Offline',
    error: 'Sync error',
    upToDate: 'everything is in sync',
    offlineNothingWaiting: 'your entries stay on this device',
    'pending.one': '{count} change waiting to be sent',
    'pending.other': '{count} changes waiting to be sent',
    'refused.one': '{count} file refused by the server',
    'refused.other': '{count} files refused by the server',
    'conflicts.one': '{count} file changed elsewhere at the same time',
    'conflicts.other': '{count} files changed elsewhere at the same time',
  },
});
