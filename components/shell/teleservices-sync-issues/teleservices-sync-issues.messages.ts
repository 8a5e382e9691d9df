import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  title: 'À vérifier avant synchronisation',
  none: 'Aucune fiche à vérifier : tout ce que le serveur a reçu est conforme à vos saisies.',
  refusedTitle: 'Fiche refusée par le serveur',
  refusedHelp: 'Cette version reste sur cet appareil. Corrigez la fiche : elle repartira au serveur.',
  conflictTitle: 'Fiche modifiée en même temps par quelqu’un d’autre',
  conflictHelp: 'La valeur enregistrée sur le serveur a été conservée. Votre saisie est affichée ci-dessous : vous pouvez la reprendre.',
  field: 'Champ',
  yours: 'Votre saisie',
  kept: 'Valeur conservée',
  reapply: 'Reprendre ma saisie',
  keep: 'Garder la valeur conservée',
  dismiss: 'Masquer',
  empty: '(vide)',
  yes: 'Oui',
  no: 'Non',
  unknownFile: 'Fiche {id}',
  reapplyFailed: 'Votre saisie n’a pas pu être reprise : {reason}',
};

/** The French catalogue's keys, which `teleservices-sync-issues.messages.en.ts` gives in English. */
export type SyncIssuesFrench = typeof fr;

export const syncIssuesMessages = defineMessages(fr, () => import('./teleservices-sync-issues.messages.en.ts'));
