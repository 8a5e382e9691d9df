import { defineMessages } from '../../i18n/messages.ts';

const fr = {
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
};

/** The French catalogue's keys, which `teleservices-sync-status.messages.en.ts` gives in English. */
export type SyncStatusFrench = typeof fr;

export const syncStatusMessages = defineMessages(fr, () => import('./teleservices-sync-status.messages.en.ts'));
