import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitServerSentEvents } from './server-sent-events.ts';

describe('reading the replication stream', () => {
  it('returns complete events and keeps the unfinished rest for the next chunk', () => {
    const first = splitServerSentEvents('data: {"a":1}\n\n: keep-alive\n\ndata: {"b"');
    assert.deepEqual(first.data, ['{"a":1}']);
    const second = splitServerSentEvents(first.rest + ':2}\n\n');
    assert.deepEqual(second.data, ['{"b":2}']);
    assert.equal(second.rest, '');
  });

  it('joins multi-line data, ignores other fields and accepts CRLF', () => {
    assert.deepEqual(splitServerSentEvents('event: x\r\ndata: "RES\r\ndata: YNC"\r\n\r\n').data, ['"RES\nYNC"']);
  });
});
