import { context, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import {
  activeHttpServerCall,
  captureContext,
  currentTaskId,
  loggerMixin,
  runInContext,
  runInHttpServerCall,
  runWithTaskId,
  startA2AServerSpan,
} from '../src/index.js';
import { telemetryState } from '../src/telemetry-state.js';
import { startInMemoryTracing, type InMemoryTracing } from './support/in-memory-tracing.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the server span of an HTTP call', () => {
  let tracing: InMemoryTracing;
  beforeAll(() => {
    tracing = startInMemoryTracing();
  });
  afterEach(() => tracing.exporter.reset());
  afterAll(() => tracing.shutdown());

  it('records the HTTP facts the route put in the context', async () => {
    const http = { method: 'POST', route: '/tasks/:id' };
    await runInHttpServerCall(http, async () => {
      await tick();
      expect(activeHttpServerCall()).toEqual(http);
      const span = startA2AServerSpan('GetTask', { taskId: 't-1', http }, context.active());
      span.end();
    });
    expect(activeHttpServerCall()).toBeUndefined();

    const span = tracing.span('A2A GetTask');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toMatchObject({
      'a2a.method': 'GetTask',
      'a2a.task.id': 't-1',
      'http.request.method': 'POST',
      'http.route': '/tasks/:id',
    });
  });

  it('starts under the given parent, not the active span', () => {
    const parent = trace.getTracer('test').startSpan('parent');
    const span = startA2AServerSpan('SendMessage', {}, trace.setSpan(ROOT_CONTEXT, parent));
    span.end();
    parent.end();
    expect(tracing.span('A2A SendMessage').parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(tracing.span('A2A SendMessage').attributes['http.request.method']).toBeUndefined();
  });
});

describe('the task in scope, once the SDK carries it in the trace context', () => {
  let tracing: InMemoryTracing;
  beforeAll(() => {
    tracing = startInMemoryTracing();
    telemetryState().taskIdInTraceContext = true;
  });
  afterAll(async () => {
    telemetryState().taskIdInTraceContext = undefined;
    await tracing.shutdown();
  });

  it('follows async work and leaves with its scope, without a store of its own', async () => {
    await runWithTaskId('task-1', async () => {
      await tick();
      expect(currentTaskId()).toBe('task-1');
      expect(loggerMixin()).toMatchObject({ taskId: 'task-1' });
      runWithTaskId('task-2', () => expect(currentTaskId()).toBe('task-2'));
      expect(currentTaskId()).toBe('task-1');
    });
    expect(currentTaskId()).toBeUndefined();
    expect(telemetryState().taskScope).toBeUndefined();
  });

  it('is carried with the trace context to later work', async () => {
    const span = trace.getTracer('test').startSpan('call');
    const carried = context.with(trace.setSpan(ROOT_CONTEXT, span), () =>
      runWithTaskId('task-3', () => captureContext()),
    );
    span.end();
    expect(carried.taskId).toBe('task-3');
    await runInContext(carried, async () => {
      await tick();
      expect(currentTaskId()).toBe('task-3');
      expect(trace.getActiveSpan()?.spanContext().spanId).toBe(span.spanContext().spanId);
    });
    // A different task over the same trace context.
    runInContext({ otel: carried.otel, taskId: 'task-4' }, () => expect(currentTaskId()).toBe('task-4'));
  });
});
