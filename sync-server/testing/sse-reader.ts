import { splitServerSentEvents } from '../../domain/index.ts';

/**
 * Reads a server-sent-events response the way the browser client does (fetch + stream), and
 * collects the `data:` payloads.
 */
export function readServerSentEvents(response: Response) {
  const events: unknown[] = [];
  const waiters: (() => void)[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { value, done: finished } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (finished) return;
      const { data, rest } = splitServerSentEvents(buffer + decoder.decode(value, { stream: true }));
      buffer = rest;
      for (const payload of data) {
        events.push(JSON.parse(payload));
        waiters.splice(0).forEach((wake) => wake());
      }
    }
  })();
  return {
    events,
    /** Resolves when the server has closed the stream (or it was cancelled). */
    closed: done,
    /** Resolves once at least `count` events arrived, or rejects after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 5000): Promise<unknown[]> {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} events, got ${events.length}: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return events;
    },
    async close() {
      await reader.cancel().catch(() => undefined);
      await done;
    },
  };
}
