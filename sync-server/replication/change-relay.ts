import type { NoticedChange, NoticeHandler } from '../db/postgres/change-notices.ts';
import type { ChangeHub } from './change-hub.ts';

/**
 * Feeds an instance's hub with the changes other instances made (their notices): only the
 * changes routed to a key one of its open streams listens to, their documents read from the
 * database by `load` (in the notice's order; null when the document is gone), published with the
 * keys they were routed to where they were made.
 */
export function relayToHub<Doc>(hub: ChangeHub<Doc>, load: (changes: readonly NoticedChange[]) => Promise<readonly (Doc | null)[]>): NoticeHandler {
  return async (changes) => {
    const wanted = changes.filter((change) => hub.listensTo(change.keys));
    if (wanted.length === 0) return;
    const documents = await load(wanted);
    hub.publish(wanted.flatMap((change, i) => (documents[i] ? [{ sequence: change.sequence, document: documents[i]!, keys: change.keys }] : [])));
  };
}
