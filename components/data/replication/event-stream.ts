import { Observable } from 'rxjs';
import { splitServerSentEvents } from '../../../domain/replication/server-sent-events.ts';
import type { ApiClient } from './api-client.ts';

/**
 * A server-sent-events stream read with fetch, so the session goes in the Authorization
 * header (EventSource cannot send headers, and a token in the URL ends up in logs).
 * Emits each `data:` payload parsed as JSON; reconnects after `retryMs`. Emits 'RESYNC' on every
 * connection, the first included: a change committed between the replication's last pull and
 * the moment the stream is open would otherwise be skipped by the next event's checkpoint.
 */
export function eventStream(api: ApiClient, path: string, { retryMs = 3000 } = {}): Observable<unknown> {
  return new Observable<unknown>((subscriber) => {
    const controller = new AbortController();
    const run = async () => {
      while (!controller.signal.aborted) {
        try {
          const response = await api.send(path, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
          if (response.ok && response.body) {
            subscriber.next('RESYNC');
            await readEvents(response.body, (data) => subscriber.next(data), controller.signal);
          }
        } catch {
          // unreachable or cut: wait, reconnect, resync
        }
        if (controller.signal.aborted) break;
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    };
    void run();
    return () => controller.abort();
  });
}

async function readEvents(body: ReadableStream<Uint8Array>, emit: (data: unknown) => void, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const { data, rest } = splitServerSentEvents(buffer + decoder.decode(value, { stream: true }));
    buffer = rest;
    for (const payload of data) {
      try {
        emit(JSON.parse(payload));
      } catch {
        // a malformed event is skipped; the next pull catches up
      }
    }
  }
}
