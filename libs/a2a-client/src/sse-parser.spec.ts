import fc from 'fast-check';
import { readSseEvents, SseParser, type SseEvent } from './sse-parser.js';

function parseChunks(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  const events = chunks.flatMap((c) => parser.push(c));
  parser.end();
  return events;
}

function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const p of points) {
    chunks.push(text.slice(last, p));
    last = p;
  }
  chunks.push(text.slice(last));
  return chunks;
}

function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

describe('SseParser', () => {
  it('parses data, event, id and retry fields and dispatches on a blank line', () => {
    const events = parseChunks(['event: update\nid: 7\nretry: 1500\ndata: {"a":1}\n\n']);
    expect(events).toEqual([{ event: 'update', data: '{"a":1}', id: '7', retry: 1500 }]);
  });

  it('joins multi-line data with LF and strips only one leading space', () => {
    const events = parseChunks(['data: first\ndata:second\ndata:  third\n\n']);
    expect(events.map((e) => e.data)).toEqual(['first\nsecond\n third']);
  });

  it('accepts CRLF, CR and LF line endings, mixed', () => {
    const events = parseChunks(['data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d\r\ndata: e\n\r\n']);
    expect(events.map((e) => e.data)).toEqual(['a', 'b', 'c', 'd\ne']);
  });

  it('ignores comments (heartbeats) and unknown fields', () => {
    const events = parseChunks([': ping\n\n:\ndata: x\nfoo: bar\n: another\n\n: ping\n\n']);
    expect(events).toEqual([{ event: 'message', data: 'x', id: undefined, retry: undefined }]);
  });

  it('keeps the last id for later events, and lets an empty id reset it', () => {
    const events = parseChunks(['id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n']);
    expect(events.map((e) => e.id)).toEqual(['1', '1', undefined]);
  });

  it('records an id even from a block without data, and dispatches nothing for it', () => {
    const parser = new SseParser();
    expect(parser.push('id: 42\n\n')).toEqual([]);
    expect(parser.lastEventId).toBe('42');
    expect(parser.push('data: z\n\n')[0]?.id).toBe('42');
  });

  it('ignores an id containing NUL and a non-numeric retry', () => {
    const events = parseChunks(['id: ok\n\nid: bad\0id\nretry: 10s\ndata: x\n\n']);
    expect(events[0]).toMatchObject({ id: 'ok', retry: undefined });
  });

  it('dispatches an empty data field as an empty string', () => {
    expect(parseChunks(['data\n\ndata:\n\n']).map((e) => e.data)).toEqual(['', '']);
  });

  it('drops an event whose blank line never came', () => {
    expect(parseChunks(['data: complete\n\ndata: cut off'])).toHaveLength(1);
    expect(parseChunks(['data: cut off\n'])).toHaveLength(0);
  });

  it('strips a leading byte order mark', () => {
    expect(parseChunks(['\uFEFFdata: x\n\n'])[0]?.data).toBe('x');
  });

  it('gives the same events wherever a CRLF stream is split, a CR and its LF included', () => {
    const stream = 'event: a\r\nid: 1\r\ndata: one\r\ndata: two\r\n\r\n: hb\r\n\r\ndata: three\r\n\r\n';
    const whole = parseChunks([stream]);
    expect(whole.map((e) => e.data)).toEqual(['one\ntwo', 'three']);
    for (let i = 0; i <= stream.length; i++) {
      for (let j = i; j <= stream.length; j++) {
        expect(parseChunks([stream.slice(0, i), stream.slice(i, j), stream.slice(j)])).toEqual(whole);
      }
    }
  });

  it('gives the same events for any split of any stream (property)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
    const event = fc.record({
      type: fc.option(fc.constantFrom('update', 'error'), { nil: undefined }),
      id: fc.option(fc.stringMatching(/^[a-z0-9]{1,4}$/), { nil: undefined }),
      data: fc.array(line, { minLength: 1, maxLength: 3 }),
      comment: fc.boolean(),
    });
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(event, eol), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        (events, cuts) => {
          let text = '';
          let lastId: string | undefined;
          const expected: SseEvent[] = [];
          for (const [e, nl] of events) {
            if (e.comment) text += `: keep-alive${nl}`;
            if (e.type) text += `event: ${e.type}${nl}`;
            if (e.id) text += `id: ${e.id}${nl}`;
            for (const d of e.data) text += `data: ${d}${nl}`;
            text += nl;
            if (e.id) lastId = e.id;
            expected.push({
              event: e.type ?? 'message',
              data: e.data.join('\n'),
              id: lastId,
              retry: undefined,
            });
          }
          expect(parseChunks(splitAt(text, cuts))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('readSseEvents', () => {
  it('decodes UTF-8 split inside a character and reports activity per chunk', async () => {
    const bytes = new TextEncoder().encode('data: héllo 🌍\n\n: ping\n\ndata: ok\n\n');
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    let activity = 0;
    const events: SseEvent[] = [];
    for await (const e of readSseEvents(bodyOf(chunks), () => activity++)) events.push(e);
    expect(events.map((e) => e.data)).toEqual(['héllo 🌍', 'ok']);
    expect(activity).toBe(chunks.length);
  });

  it('cancels the body when the consumer stops early', async () => {
    let canceled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        canceled = true;
      },
    });
    for await (const e of readSseEvents(body)) {
      expect(e.data).toBe('1');
      break;
    }
    expect(canceled).toBe(true);
  });
});
