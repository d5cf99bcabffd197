/**
 * Telemetry of the A2A server, in process: spans (in memory), log lines (pino with the telemetry mixin)
 * and metrics (telemetry's /metrics route), for calls made over real HTTP by a "client" that does what
 * the platform's A2A client does: an `invoke_agent` CLIENT span and a W3C `traceparent` header.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { AgentCard, Task } from '@a2a-platform/a2a-protocol';
import { MemoryTaskStore, TaskStoreError, type TaskScope } from '@a2a-platform/task-store';
import {
  injectTraceMeta,
  metricsRoute,
  TelemetryAttributes as A,
  withInvokeAgentSpan,
} from '@a2a-platform/telemetry';
import Fastify, { type FastifyInstance } from 'fastify';
import type pino from 'pino';
import {
  A2ARequestHandler,
  a2aPlugin,
  type AgentExecutor,
  type ExecutionContext,
  type TaskUpdater,
} from '../src/index.js';
import { collect, openSse } from './support/sse-client.js';
import { captureLogs, captureSpans, sample, type SpanCapture } from './support/telemetry-capture.js';

const AGENT = 'Telemetry Agent';

function card(url: string): AgentCard {
  return {
    name: AGENT,
    description: 'Completes, waits, asks and fails on request',
    version: '1.0.0',
    supportedInterfaces: [
      { url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0' },
    ],
    capabilities: { streaming: true },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      { id: 'check-stock', name: 'Check stock', description: 'first skill', tags: [] },
      { id: 'reorder', name: 'Reorder', description: 'second skill', tags: [] },
    ],
  };
}

/** A promise per key, resolved by `open` whether or not anyone waits yet. */
class Gates {
  private readonly gates = new Map<string, { promise: Promise<void>; open: () => void }>();
  private gate(key: string) {
    let gate = this.gates.get(key);
    if (!gate) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
      this.gates.set(key, gate);
    }
    return gate;
  }
  wait(key: string): Promise<void> {
    return this.gate(key).promise;
  }
  open(key: string): void {
    this.gate(key).open();
  }
}

/** `done` completes, `gated` works until released, `ask` wants input, `fail` throws; all log. */
class ScriptedExecutor implements AgentExecutor {
  readonly held = new Gates();
  private readonly released = new Gates();

  constructor(private readonly log: pino.Logger) {}

  release(taskId: string): void {
    this.released.open(taskId);
  }

  async execute(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const text = ctx.message.parts.find((p) => 'text' in p)?.text ?? '';
    this.log.info({ command: text }, 'executor started');
    if (ctx.resumed) return updater.complete('thanks');
    switch (text) {
      case 'done':
        return updater.complete('done');
      case 'gated':
        await updater.working('waiting');
        this.held.open(ctx.taskId);
        await this.released.wait(ctx.taskId);
        this.log.info('executor released');
        return updater.complete('released');
      case 'ask':
        return updater.requireInput('Which warehouse?');
      default:
        throw new Error('the executor was told to fail');
    }
  }
}

/** A store whose reads of one task id fail as if Redis were down. */
class FlakyStore extends MemoryTaskStore {
  static readonly BROKEN = 'broken-task';
  override get(taskId: string, scope: TaskScope) {
    if (taskId === FlakyStore.BROKEN) {
      return Promise.reject(new TaskStoreError('UNAVAILABLE', 'store down', { taskId }));
    }
    return super.get(taskId, scope);
  }
}

interface Served {
  url: string;
  app: FastifyInstance;
  handler: A2ARequestHandler;
  executor: ScriptedExecutor;
  close(): Promise<void>;
}

/** The agent on 127.0.0.1 and a free port, bound first so that its card names the real URL. */
async function serve(log: pino.Logger): Promise<Served> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executor = new ScriptedExecutor(log);
  const store = new FlakyStore();
  const handler = new A2ARequestHandler({ card: card(url), executor, store, logger: log });
  const app = Fastify({ logger: false, serverFactory: (handle) => server.on('request', handle) });
  await app.register(a2aPlugin, { handler });
  await app.register(metricsRoute);
  await app.ready();
  return {
    url,
    app,
    handler,
    executor,
    async close() {
      await app.close();
      await store.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function message(text: string, extra: Record<string, unknown> = {}) {
  return { messageId: randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...extra };
}

/** What the platform's client does: an invoke_agent span, and its context as `traceparent`. */
async function asClient<T>(send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  return withInvokeAgentSpan({ agentName: AGENT }, () => send(injectTraceMeta<Record<string, string>>({})));
}

interface RpcAnswer {
  result?: { task?: Task } & Partial<Task>;
  error?: { code: number; message: string };
}

describe('A2A server telemetry', () => {
  let spans: SpanCapture;
  let lines: Record<string, unknown>[];
  let server: Served;

  const rpc = (method: string, params: unknown, headers: Record<string, string> = {}) =>
    fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'a2a-version': '1.0', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }),
    }).then((r) => r.json() as Promise<RpcAnswer>);

  const metrics = async () => (await server.app.inject({ method: 'GET', url: '/metrics' })).body;

  const client = () => spans.named(`invoke_agent ${AGENT}`);
  const childOf = (parent: ReadableSpan) => (span: ReadableSpan) =>
    span.parentSpanContext?.spanId === parent.spanContext().spanId &&
    span.spanContext().traceId === parent.spanContext().traceId;

  beforeAll(async () => {
    spans = captureSpans();
    const logs = captureLogs();
    lines = logs.lines;
    server = await serve(logs.log);
  });
  afterEach(async () => {
    await server.handler.drain(5_000);
    spans.reset();
    lines.length = 0;
  });
  afterAll(async () => {
    await server.close();
    await spans.shutdown();
  });

  it('makes the JSON-RPC call a SERVER span under the caller, with the task it ran', async () => {
    const answer = await asClient((headers) => rpc('SendMessage', { message: message('done') }, headers));
    const task = answer.result?.task;
    expect(task?.status.state).toBe('TASK_STATE_COMPLETED');

    const [caller] = client();
    const call = await spans.waitFor((s) => s.name === 'A2A SendMessage');
    expect(call.kind).toBe(SpanKind.SERVER);
    expect(childOf(caller)(call)).toBe(true);
    expect(call.attributes).toMatchObject({
      [A.a2aMethod]: 'SendMessage',
      [A.genAiAgentName]: AGENT,
      [A.a2aTaskId]: task?.id,
      [A.a2aContextId]: task?.contextId,
      [A.a2aTaskState]: 'TASK_STATE_COMPLETED',
      [A.a2aBinding]: 'jsonrpc',
      [A.jsonRpcRequestId]: '7',
    });

    // One span per call: the executor ran inside it, with no span of its own.
    expect(call.attributes).toMatchObject({
      'a2a.skill.id': 'check-stock',
      'http.request.method': 'POST',
      'http.route': '/',
    });
    const inTrace = spans.spans().filter((s) => s.spanContext().traceId === call.spanContext().traceId);
    expect(inTrace.map((s) => s.name).sort()).toEqual(['A2A SendMessage', `invoke_agent ${AGENT}`]);
  });

  it('keeps a non-blocking send in its trace: the executor logs in the call after the response', async () => {
    const answer = await asClient((headers) =>
      rpc('SendMessage', { message: message('gated'), configuration: { returnImmediately: true } }, headers),
    );
    const taskId = answer.result?.task?.id ?? '';
    expect(answer.result?.task?.status.state).not.toBe('TASK_STATE_COMPLETED');
    const call = await spans.waitFor((s) => s.name === 'A2A SendMessage');

    await server.executor.held.wait(taskId);
    server.executor.release(taskId);
    await server.handler.drain(5_000);

    const { traceId, spanId } = call.spanContext();
    const released = lines.find((l) => l['msg'] === 'executor released');
    expect(released).toMatchObject({ traceId, spanId, taskId });
    expect(lines.find((l) => l['msg'] === 'executor started')).toMatchObject({ traceId, taskId });
    expect(spans.spans().filter((s) => s.spanContext().traceId === traceId)).toHaveLength(2);
  });

  it("puts the runner's own log lines about a task in its trace and task", async () => {
    const answer = await asClient((headers) => rpc('SendMessage', { message: message('fail') }, headers));
    const task = answer.result?.task;
    expect(task?.status.state).toBe('TASK_STATE_FAILED');

    const failed = lines.find((l) => l['msg'] === 'executor failed');
    const call = await spans.waitFor((s) => s.name === 'A2A SendMessage');
    expect(failed).toMatchObject({ traceId: call.spanContext().traceId, taskId: task?.id });
    // A blocking call waits for the executor: its exception is recorded on the call's span.
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.events.map((e) => e.name)).toContain('exception');
  });

  it('records protocol errors with their JSON-RPC code on both bindings', async () => {
    const missing = randomUUID();
    const answer = await rpc('GetTask', { id: missing });
    expect(answer.error?.code).toBe(-32001);
    const res = await fetch(`${server.url}/tasks/${missing}`, { headers: { 'a2a-version': '1.0' } });
    expect(res.status).toBe(404);

    const calls = await Promise.all(
      ['jsonrpc', 'http+json'].map((binding) =>
        spans.waitFor((s) => s.name === 'A2A GetTask' && s.attributes[A.a2aBinding] === binding),
      ),
    );
    for (const call of calls) {
      expect(call.status.code).toBe(SpanStatusCode.ERROR);
      expect(call.attributes).toMatchObject({
        [A.a2aTaskId]: missing,
        [A.rpcResponseStatusCode]: '-32001',
        [A.errorType]: 'TASK_NOT_FOUND',
      });
    }
  });

  it('traces REST calls under the caller and names their task', async () => {
    const created = await asClient((headers) =>
      fetch(`${server.url}/message:send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'a2a-version': '1.0', ...headers },
        body: JSON.stringify({ message: message('done') }),
      }).then((r) => r.json() as Promise<{ task: Task }>),
    );
    const call = await spans.waitFor((s) => s.name === 'A2A SendMessage');
    expect(childOf(client()[0])(call)).toBe(true);
    expect(call.attributes).toMatchObject({
      [A.a2aBinding]: 'http+json',
      [A.a2aTaskId]: created.task.id,
      [A.a2aTaskState]: 'TASK_STATE_COMPLETED',
    });

    const res = await fetch(`${server.url}/tasks/${created.task.id}:cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'a2a-version': '1.0' },
      body: '{}',
    });
    expect(res.ok).toBe(false);
    const cancel = await spans.waitFor((s) => s.name === 'A2A CancelTask');
    expect(cancel.attributes[A.a2aTaskId]).toBe(created.task.id);
    expect(cancel.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('keeps a stream span open until the stream ends and counts the open stream meanwhile', async () => {
    const gauge = 'a2a_server_sse_active{method="SendStreamingMessage"';
    const stream = await openSse(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'a2a-version': '1.0' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'stream-1',
        method: 'SendStreamingMessage',
        params: { message: message('gated') },
      }),
    });
    const first = await stream.events.next();
    const taskId = (first.value?.data as { result: { task: Task } }).result.task.id;
    await server.executor.held.wait(taskId);
    expect(sample(await metrics(), gauge)).toBe(1);
    expect(spans.named('A2A SendStreamingMessage')).toHaveLength(0);

    server.executor.release(taskId);
    await collect(stream.events);
    const call = await spans.waitFor((s) => s.name === 'A2A SendStreamingMessage');
    expect(call.attributes).toMatchObject({
      [A.a2aTaskId]: taskId,
      [A.a2aTaskState]: 'TASK_STATE_COMPLETED',
    });
    expect(sample(await metrics(), gauge)).toBe(0);
  });

  it('counts started and finished tasks by skill and state on /metrics', async () => {
    const started = (skill: string) => sample(text, `a2a_server_tasks_started_total{skill="${skill}"`);
    const finished = (state: string, skill: string) =>
      sample(text, `a2a_server_tasks_finished_total{state="${state}",skill="${skill}"`);
    const durations = (state: string, skill: string) =>
      sample(text, `a2a_server_task_duration_count{state="${state}",skill="${skill}"`);
    let text = await metrics();
    const before = {
      checkStock: started('check-stock'),
      reorder: started('reorder'),
      completed: finished('TASK_STATE_COMPLETED', 'reorder'),
      failed: finished('TASK_STATE_FAILED', 'check-stock'),
      canceled: finished('TASK_STATE_CANCELED', 'check-stock'),
      durations: durations('TASK_STATE_COMPLETED', 'reorder'),
    };

    await rpc('SendMessage', { message: message('done'), metadata: { skill: 'reorder' } });
    await rpc('SendMessage', { message: message('done', { metadata: { skill: 'reorder' } }) });
    // A skill the card does not list counts under the card's first skill.
    await rpc('SendMessage', { message: message('fail'), metadata: { skill: 'not-a-skill' } });
    const asked = await rpc('SendMessage', { message: message('ask') });
    const askedId = asked.result?.task?.id ?? '';
    await server.handler.drain(5_000);
    // An interrupted task has no execution running: canceling it still counts as finished.
    await rpc('CancelTask', { id: askedId });

    text = await metrics();
    expect(started('reorder')).toBe(before.reorder + 2);
    expect(started('check-stock')).toBe(before.checkStock + 2);
    expect(finished('TASK_STATE_COMPLETED', 'reorder')).toBe(before.completed + 2);
    expect(durations('TASK_STATE_COMPLETED', 'reorder')).toBe(before.durations + 2);
    expect(finished('TASK_STATE_FAILED', 'check-stock')).toBe(before.failed + 1);
    expect(finished('TASK_STATE_CANCELED', 'check-stock')).toBe(before.canceled + 1);
    expect(finished('TASK_STATE_INPUT_REQUIRED', 'check-stock')).toBe(0);
  });

  it('counts task store failures by code', async () => {
    const series = 'task_store_errors_total{code="UNAVAILABLE"';
    const before = sample(await metrics(), series);
    const answer = await rpc('GetTask', { id: FlakyStore.BROKEN });
    expect(answer.error).toBeDefined();
    expect(sample(await metrics(), series)).toBe(before + 1);
  });
});
