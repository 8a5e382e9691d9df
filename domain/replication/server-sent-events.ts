/**
 * The wire format of the replication stream (server-sent events), read incrementally: feed it
 * the text as it arrives, get back the `data:` payload of every complete event and the
 * unfinished rest to keep for the next chunk. Used by the browser client and the server tests.
 */
export function splitServerSentEvents(buffer: string): { data: string[]; rest: string } {
  const normalized = buffer.replace(/\r\n/g, '\n');
  const data: string[] = [];
  let rest = normalized;
  let boundary: number;
  while ((boundary = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, boundary);
    rest = rest.slice(boundary + 2);
    const payload = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (payload !== '') data.push(payload);
  }
  return { data, rest };
}
