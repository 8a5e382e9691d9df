import { Observable } from 'rxjs';
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
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data !== '') {
        try {
          emit(JSON.parse(data));
        } catch {
          // a malformed event is skipped; the next pull catches up
        }
      }
    }
  }
}
