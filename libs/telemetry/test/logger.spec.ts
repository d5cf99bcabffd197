import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import {
  bindToCurrentContext,
  captureContext,
  currentTaskId,
  loggerMixin,
  runInContext,
  runWithTaskId,
  withA2AServerSpan,
} from '../src/index.js';
import { startInMemoryTracing, type InMemoryTracing } from './support/in-memory-tracing.js';

/** A pino logger using the mixin, writing parsed lines into an array. */
function capturingLogger(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ mixin: loggerMixin }, sink), lines };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('log correlation', () => {
  let tracing: InMemoryTracing;
  beforeAll(() => {
    tracing = startInMemoryTracing();
  });
  afterEach(() => tracing.exporter.reset());
  afterAll(() => tracing.shutdown());

  it('adds nothing outside spans and task scopes', () => {
    expect(loggerMixin()).toEqual({});
    expect(currentTaskId()).toBeUndefined();
  });

  it('adds traceId and spanId of the active span and the taskId in scope to pino lines', async () => {
    const { log, lines } = capturingLogger();
    let spanIds: { traceId: string; spanId: string } | undefined;

    await withA2AServerSpan('SendMessage', {}, async (span) => {
      spanIds = span.spanContext();
      log.info('before task');
      await runWithTaskId('task-42', async () => {
        await tick();
        log.info('inside task');
      });
      log.info('after task');
    });
    log.info('outside');

    expect(lines.map((l) => l['msg'])).toEqual(['before task', 'inside task', 'after task', 'outside']);
    const [before, inside, after, outside] = lines;
    expect(before).toMatchObject({ traceId: spanIds?.traceId, spanId: spanIds?.spanId });
    expect(before['taskId']).toBeUndefined();
    expect(inside).toMatchObject({ traceId: spanIds?.traceId, spanId: spanIds?.spanId, taskId: 'task-42' });
    expect(after['taskId']).toBeUndefined();
    expect(outside).not.toHaveProperty('traceId');
    expect(outside).not.toHaveProperty('spanId');
    expect(outside).not.toHaveProperty('taskId');
  });

  it('keeps background work in the request trace and task after the request returned', async () => {
    const { log, lines } = capturingLogger();
    let resume: (() => Promise<void>) | undefined;
    let requestTraceId = '';
    let requestSpanId = '';

    await withA2AServerSpan('SendMessage', {}, async (span) => {
      requestTraceId = span.spanContext().traceId;
      requestSpanId = span.spanContext().spanId;
      runWithTaskId('task-7', () => {
        const carried = captureContext();
        resume = () =>
          runInContext(carried, async () => {
            log.info('executor step');
            await withA2AServerSpan('executor', {}, async () => undefined);
          });
      });
    });
    // The request span has ended; the executor runs later from a clean context.
    expect(trace.getActiveSpan()).toBeUndefined();
    await resume?.();

    expect(lines[0]).toMatchObject({ traceId: requestTraceId, spanId: requestSpanId, taskId: 'task-7' });
    const executor = tracing.span('A2A executor');
    expect(executor.spanContext().traceId).toBe(requestTraceId);
    expect(executor.parentSpanContext?.spanId).toBe(requestSpanId);
  });

  it('binds a callback to the context it was created in', async () => {
    let bound: (() => Record<string, unknown>) | undefined;
    await withA2AServerSpan('SubscribeToTask', {}, async () =>
      runWithTaskId('task-9', () => {
        bound = bindToCurrentContext(() => ({ ...loggerMixin() }));
      }),
    );
    expect(loggerMixin()).toEqual({});
    expect(bound?.()).toMatchObject({ taskId: 'task-9', traceId: expect.any(String) });
  });
});
