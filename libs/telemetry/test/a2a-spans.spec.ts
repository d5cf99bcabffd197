import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  recordA2AError,
  setA2ATaskAttributes,
  TelemetryAttributes as A,
  withA2AServerSpan,
  withInvokeAgentSpan,
} from '../src/index.js';
import { startInMemoryTracing, type InMemoryTracing } from './support/in-memory-tracing.js';

/** Shaped like a2a-protocol's A2AError: a JSON-RPC code and an ErrorInfo reason. */
function taskNotFound(): Error & { code: number; kind: { reason: string } } {
  return Object.assign(new Error('Task not found'), { code: -32001, kind: { reason: 'TASK_NOT_FOUND' } });
}

describe('A2A spans', () => {
  let tracing: InMemoryTracing;
  beforeAll(() => {
    tracing = startInMemoryTracing();
  });
  afterEach(() => tracing.exporter.reset());
  afterAll(() => tracing.shutdown());

  it('names the server span after the method, as a SERVER span with the A2A attributes', async () => {
    const result = await withA2AServerSpan(
      'SendMessage',
      {
        agentName: 'inventory',
        contextId: 'ctx-1',
        binding: 'jsonrpc',
        requestId: 7,
        protocolVersion: '1.0',
      },
      async () => {
        setA2ATaskAttributes({ taskId: 'task-1', taskState: 'TASK_STATE_WORKING' });
        return 'answer';
      },
    );

    expect(result).toBe('answer');
    const span = tracing.span('A2A SendMessage');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toMatchObject({
      [A.a2aMethod]: 'SendMessage',
      [A.genAiAgentName]: 'inventory',
      [A.a2aContextId]: 'ctx-1',
      [A.a2aTaskId]: 'task-1',
      [A.a2aTaskState]: 'TASK_STATE_WORKING',
      [A.a2aBinding]: 'jsonrpc',
      [A.jsonRpcRequestId]: '7',
      [A.a2aProtocolVersion]: '1.0',
    });
    // Each value once: no attribute repeats the method or the context id.
    for (const repeat of ['rpc.method', 'rpc.system', A.genAiConversationId, 'url.path']) {
      expect(span.attributes).not.toHaveProperty([repeat]);
    }
    expect(span.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('records a thrown A2A error with its JSON-RPC code and reason, and rethrows it', async () => {
    const err = taskNotFound();
    await expect(
      withA2AServerSpan('GetTask', { taskId: 'missing' }, async () => {
        throw err;
      }),
    ).rejects.toBe(err);

    const span = tracing.span('A2A GetTask');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Task not found' });
    expect(span.attributes[A.rpcResponseStatusCode]).toBe('-32001');
    expect(span.attributes[A.errorType]).toBe('TASK_NOT_FOUND');
    // A protocol error is an expected answer, not an exception.
    expect(span.events.filter((e) => e.name === 'exception')).toHaveLength(0);
  });

  it('records an unexpected error as an exception with its type', async () => {
    await expect(
      withA2AServerSpan('SendMessage', {}, async () => {
        throw new TypeError('boom');
      }),
    ).rejects.toThrow('boom');

    const span = tracing.span('A2A SendMessage');
    expect(span.attributes[A.errorType]).toBe('TypeError');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((e) => e.name)).toContain('exception');
  });

  it('records an error answered without throwing on the active span', async () => {
    await withA2AServerSpan('CancelTask', {}, async () => {
      recordA2AError({ code: -32002, message: 'Task cannot be canceled', reason: 'TASK_NOT_CANCELABLE' });
    });
    const span = tracing.span('A2A CancelTask');
    expect(span.attributes[A.errorType]).toBe('TASK_NOT_CANCELABLE');
    expect(span.attributes[A.rpcResponseStatusCode]).toBe('-32002');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('makes invoke_agent a CLIENT child of the server span that started it', async () => {
    await withA2AServerSpan('SendMessage', {}, async () => {
      await withInvokeAgentSpan(
        {
          agentName: 'procurement',
          contextId: 'ctx-9',
          method: 'SendMessage',
          url: 'http://127.0.0.1:3002/a2a',
        },
        async () => {
          setA2ATaskAttributes({ taskId: 'remote-task' });
        },
      );
    });

    const server = tracing.span('A2A SendMessage');
    const client = tracing.span('invoke_agent procurement');
    expect(client.kind).toBe(SpanKind.CLIENT);
    expect(client.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(client.attributes).toMatchObject({
      [A.genAiOperationName]: 'invoke_agent',
      [A.genAiAgentName]: 'procurement',
      [A.genAiConversationId]: 'ctx-9',
      [A.a2aTaskId]: 'remote-task',
      [A.serverAddress]: '127.0.0.1',
      [A.serverPort]: 3002,
    });
  });

  it('sets error.type on a failed agent call and rethrows', async () => {
    await expect(
      withInvokeAgentSpan({ agentName: 'procurement' }, async () => {
        throw taskNotFound();
      }),
    ).rejects.toThrow('Task not found');
    await expect(
      withInvokeAgentSpan({ agentName: 'inventory' }, async () => {
        throw new RangeError('connect ECONNREFUSED');
      }),
    ).rejects.toThrow('ECONNREFUSED');

    expect(tracing.span('invoke_agent procurement').attributes[A.errorType]).toBe('TASK_NOT_FOUND');
    expect(tracing.span('invoke_agent inventory').attributes[A.errorType]).toBe('RangeError');
    expect(tracing.span('invoke_agent inventory').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('leaves no span active once the helper returned', async () => {
    await withA2AServerSpan('GetTask', {}, async () => undefined);
    expect(trace.getActiveSpan()).toBeUndefined();
  });
});
