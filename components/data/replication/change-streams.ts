import { filter, map, share, startWith, type Observable } from 'rxjs';
import type { ApiClient } from './api-client.ts';
import { eventStream } from './event-stream.ts';

interface TaggedEvent {
  readonly collection: string;
  readonly event: unknown;
}

const isTagged = (value: unknown): value is TaggedEvent => typeof value === 'object' && value !== null && typeof (value as TaggedEvent).collection === 'string';

/**
 * The live changes of all the collections a runtime replicates, on one connection
 * (`/api/replication/stream?collections=…`): browsers open at most six HTTP/1.1 connections per
 * host, and one stream per collection would leave too few for pulls, pushes and a second
 * provider on the page. The connection opens with the first replication that listens and closes
 * with the last; each collection gets its own events, and "RESYNC" on every (re)connection and
 * when it starts listening (it may have missed the connection's own).
 */
export class ChangeStreams {
  readonly #shared: Observable<unknown>;

  constructor(api: ApiClient, readonly collections: readonly string[], { retryMs = 3000 } = {}) {
    const query = new URLSearchParams({ collections: collections.join(',') });
    this.#shared = eventStream(api, `/api/replication/stream?${query}`, { retryMs }).pipe(share());
  }

  of(collection: string): Observable<unknown> {
    if (!this.collections.includes(collection)) throw new Error(`${collection} is not one of this stream's collections (${this.collections.join(', ')}).`);
    return this.#shared.pipe(
      filter((event) => event === 'RESYNC' || (isTagged(event) && event.collection === collection)),
      map((event) => (isTagged(event) ? event.event : event)),
      startWith('RESYNC'),
    );
  }
}
