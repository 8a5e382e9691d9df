import type { Subscription } from 'rxjs';
import type { SyncStatus, TeleservicesProvider } from '../components/index.ts';
import { formatDateTime } from '../domain/index.ts';
import { hostLocale, onHostLocale, tr } from './demo-i18n.ts';

/**
 * The product's sync panel: what this device still has to send (the sync journal's pending
 * entries, by collection), what the server refused and what changed on both sides — the counts
 * from the runtime's sync status; the details and the actions are `<teleservices-sync-issues>`,
 * placed next to it in index.html. Everything comes from the provider's public services.
 */
interface PendingEntry {
  readonly collectionName: string;
  readonly documentId: string;
  readonly at: number;
}

const COLLECTIONS: Record<string, { fr: string; en: string }> = {
  fiches: { fr: 'Fiches Contact COVID', en: 'Contact COVID files' },
  'ems/threads': { fr: 'Échanges médicaux (nouveaux fils, marques de lecture)', en: 'Medical exchanges (new threads, read marks)' },
  'ems/messages': { fr: 'Messages des échanges médicaux', en: 'Medical exchange messages' },
  delegations: { fr: 'Délégations', en: 'Delegations' },
};

export function mountSyncPanel(provider: TeleservicesProvider, counts: HTMLElement, pendingList: HTMLElement): void {
  let status: SyncStatus | null = null;
  let pending: readonly PendingEntry[] = [];
  /** Names of the files on the device, to say which file waits rather than its id. */
  let ficheNames = new Map<string, string>();
  let subscription: Subscription | null = null;

  const connection = (state: SyncStatus['connection']) =>
    ({
      online: tr('en ligne', 'online'),
      offline: tr('hors ligne', 'offline'),
      error: tr('en erreur', 'in error'),
      unknown: tr('pas encore joint', 'not reached yet'),
    })[state];

  function draw(): void {
    if (!status) {
      counts.replaceChildren();
      pendingList.textContent = tr('Connectez-vous pour voir la synchronisation de cet appareil.', 'Sign in to see this device’s synchronisation.');
      return;
    }
    const rows: [string, string][] = [
      [tr('Serveur', 'Server'), connection(status.connection) + (status.error ? ` — ${status.error}` : '')],
      [tr('Modifications en attente d’envoi', 'Changes waiting to be sent'), String(status.pending)],
      [tr('Refusées par le serveur', 'Refused by the server'), String(status.refused)],
      [tr('Modifiées des deux côtés', 'Changed on both sides'), String(status.conflicts)],
    ];
    counts.replaceChildren(
      ...rows.flatMap(([term, value]) => {
        const dt = document.createElement('dt');
        dt.textContent = term;
        const dd = document.createElement('dd');
        dd.textContent = value;
        return [dt, dd];
      }),
    );
    if (pending.length === 0) {
      pendingList.textContent = tr('Rien n’attend : tout ce qui a été saisi sur cet appareil est sur le serveur.', 'Nothing waits: everything entered on this device is on the server.');
      return;
    }
    const table = document.createElement('table');
    const caption = table.createCaption();
    caption.textContent = tr('En attente d’envoi, par ordre de saisie', 'Waiting to be sent, in the order entered');
    const head = table.createTHead().insertRow();
    for (const label of [tr('Type', 'Kind'), tr('Quoi', 'What'), tr('Modifié le', 'Changed on')]) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = label;
      head.append(th);
    }
    const body = table.createTBody();
    for (const entry of pending) {
      const row = body.insertRow();
      const kind = COLLECTIONS[entry.collectionName];
      row.insertCell().textContent = kind ? tr(kind.fr, kind.en) : entry.collectionName;
      row.insertCell().textContent = (entry.collectionName === 'fiches' && ficheNames.get(entry.documentId)) || entry.documentId;
      row.insertCell().textContent = formatDateTime(new Date(entry.at).toISOString(), hostLocale());
    }
    pendingList.replaceChildren(table);
  }

  provider.addEventListener('session-started', () => {
    subscription?.unsubscribe();
    const services = provider.services!;
    subscription = services.syncStatus$.subscribe((next) => {
      status = next;
      draw();
    });
    subscription.add(
      services.fiches.all$().subscribe((fiches) => {
        ficheNames = new Map(fiches.map((fiche) => [fiche.id, `${fiche.lastName.toUpperCase()} ${fiche.firstName}`.trim()]));
        draw();
      }),
    );
    subscription.add(
      services.journal.entries$('pending').subscribe((entries) => {
        pending = entries;
        draw();
      }),
    );
  });
  provider.addEventListener('session-ended', () => {
    subscription?.unsubscribe();
    subscription = null;
    status = null;
    pending = [];
    ficheNames = new Map();
    draw();
  });
  onHostLocale(draw);
  draw();
}
