import { defineMessages } from '../../i18n/messages.ts';

const fr = {
  opening: 'Ouverture de vos données…',
  loading: 'Chargement…',
  acting: 'Vous agissez pour le compte de {who} — profil {profile}, jusqu’au {until}. Chaque action est enregistrée à votre nom et au sien.',
  stopActing: 'Revenir à mon compte',
  actFailed: 'Impossible d’agir pour le compte du délégant : {reason}',
  loadFailed: 'Cette partie du service n’a pas pu être chargée ({reason}). Vérifiez la connexion.',
  retryLoad: 'Réessayer',
  'sessionExpired.one': 'Votre session a expiré : reconnectez-vous. {count} saisie en attente sur cet appareil partira dès votre reconnexion.',
  'sessionExpired.other': 'Votre session a expiré : reconnectez-vous. Les {count} saisies en attente sur cet appareil partiront dès votre reconnexion.',
  sessionExpiredNothing: 'Votre session a expiré : reconnectez-vous.',
  'unsentWarning.one': '{count} saisie n’a pas encore été acceptée par le serveur (en attente d’envoi ou refusée).',
  'unsentWarning.other': '{count} saisies n’ont pas encore été acceptées par le serveur (en attente d’envoi ou refusées).',
  unsentHint: 'Sans attendre, elles restent sur cet appareil, à votre nom, et partiront à votre prochaine connexion ici ; personne d’autre ne peut les envoyer. Une fois tout envoyé, la déconnexion efface vos données de cet appareil.',
  waitAndSignOut: 'Attendre l’envoi puis me déconnecter',
  signOutNow: 'Me déconnecter sans attendre',
  cancelSignOut: 'Annuler',
  'waiting.one': 'Envoi en cours : vous serez déconnecté(e) dès que la dernière saisie sera acceptée par le serveur ({count} restante).',
  'waiting.other': 'Envoi en cours : vous serez déconnecté(e) dès que tout sera accepté par le serveur ({count} restantes).',
  'othersWaiting.one': '{count} saisie de {name} attend sur cet appareil : elle partira quand {name} se reconnectera ici, jamais sous une autre session.',
  'othersWaiting.other': '{count} saisies de {name} attendent sur cet appareil : elles partiront quand {name} se reconnectera ici, jamais sous une autre session.',
  discard: 'Supprimer ces saisies…',
  discardConfirm: 'Supprimer définitivement les saisies non envoyées de {name} et ses données sur cet appareil ? Elles n’ont jamais atteint le serveur : elles seront perdues.',
  discardConfirmButton: 'Supprimer définitivement',
  discardCancel: 'Garder',
};

/** The French catalogue's keys, which `teleservices-provider.messages.en.ts` gives in English. */
export type TeleservicesProviderFrench = typeof fr;

export const teleservicesProviderMessages = defineMessages(fr, () => import('./teleservices-provider.messages.en.ts'));
