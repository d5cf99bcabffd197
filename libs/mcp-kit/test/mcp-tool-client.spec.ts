import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { McpClientError, McpToolClient, McpToolError, unwrapToolResult } from '../src/index.js';
import { TinyMcpServer } from './support/tiny-mcp-server.js';

const FAST_BACKOFF = { initialDelayMs: 20, maxDelayMs: 100 };

async function eventually(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('McpToolClient against an MCP server over Streamable HTTP', () => {
  let server: TinyMcpServer;
  let client: McpToolClient;

  beforeEach(async () => {
    server = new TinyMcpServer();
    await server.start(0);
    client = new McpToolClient({ url: server.url, name: 'tiny', backoff: FAST_BACKOFF });
  });
  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  it('connects, calls a tool and returns its structured content and text', async () => {
    expect(client.connected).toBe(false);
    await client.connect();
    expect(client.connected).toBe(true);
    expect(client.sessionId).toBe(server.record.opened[0]);

    const result = await client.callTool('echo', { value: 'hello' });

    expect(result).toEqual({ structuredContent: { value: 'hello' }, isError: false, text: 'echo hello' });
    expect(unwrapToolResult('echo', result)).toEqual({ value: 'hello' });
  });

  it('connects on the first call when connect() was not called', async () => {
    const result = await client.callTool('echo', { value: 'lazy' });
    expect(result.structuredContent).toEqual({ value: 'lazy' });
    expect(server.record.opened).toHaveLength(1);
  });

  it('returns tool errors instead of throwing, and unwrapToolResult turns them into McpToolError', async () => {
    const result = await client.callTool('refuse', { sku: 'NOPE-1' });

    expect(result.isError).toBe(true);
    expect(result.text).toBe('Invalid argument "sku" (UNKNOWN_SKU): unknown sku NOPE-1');
    let thrown: unknown;
    try {
      unwrapToolResult('refuse', result);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(McpToolError);
    expect(thrown).toMatchObject({ toolName: 'refuse', field: 'sku', code: 'UNKNOWN_SKU' });
  });

  it('returns a call of an unknown tool as a tool error (SDK 1.32 servers answer it with isError)', async () => {
    const result = await client.callTool('no_such_tool', {});
    expect(result).toMatchObject({ isError: true, structuredContent: undefined });
    expect(result.text).toContain('no_such_tool not found');
  });

  it('cancels the MCP request when the signal aborts mid-call', async () => {
    const controller = new AbortController();
    const started = server.nextSlowCall();
    const call = client.callTool('slow', { value: 'a' }, { signal: controller.signal });
    await started;
    const reason = new Error('task canceled');
    controller.abort(reason);

    await expect(call).rejects.toBe(reason);
    await eventually(() => server.record.cancelled.includes('a'), 'the server to see the cancellation');
    // The session survives a cancelled call.
    expect((await client.callTool('echo', { value: 'after' })).structuredContent).toEqual({ value: 'after' });
    expect(server.record.opened).toHaveLength(1);
  });

  it('rejects with TIMEOUT when the server does not answer in time', async () => {
    const call = client.callTool('slow', { value: 't' }, { timeoutMs: 150 });
    await expect(call).rejects.toMatchObject({ name: 'McpClientError', code: 'TIMEOUT' });
  });

  it('opens a new session and retries the call after the server restarted', async () => {
    await client.callTool('echo', { value: 'one' });
    const first = client.sessionId;
    await server.stop();
    await server.start();

    const result = await client.callTool('echo', { value: 'two' });

    expect(result.structuredContent).toEqual({ value: 'two' });
    expect(client.sessionId).not.toBe(first);
    expect(server.record.opened).toHaveLength(2);
  });

  it('opens a new session and retries the call when the server answers 404 for its session', async () => {
    await client.callTool('echo', { value: 'one' });
    const first = client.sessionId;
    server.forgetSessions();

    const result = await client.callTool('echo', { value: 'two' });

    expect(result.structuredContent).toEqual({ value: 'two' });
    expect(client.sessionId).not.toBe(first);
    expect(server.record.calls).toEqual(['echo', 'echo']);
  });

  it('recovers after the server crashed (sockets destroyed) and came back', async () => {
    await client.callTool('echo', { value: 'one' });
    await server.crash();
    await server.start();

    expect((await client.callTool('echo', { value: 'two' })).structuredContent).toEqual({ value: 'two' });
  });

  it('fails fast with UNAVAILABLE when the server is down, and the readiness check says so', async () => {
    await client.connect();
    const check = client.dependencyCheck();
    expect(check.name).toBe('tiny');
    expect(await check.check()).toBe(true);
    await server.stop();

    const error = await client.callTool('echo', { value: 'x' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(McpClientError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect((error as Error).message).toContain('MCP server tiny');
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(await check.check()).toBe(false);
    expect(client.connected).toBe(false);

    await server.start();
    expect(await check.check()).toBe(true);
    expect(client.connected).toBe(true);
  });

  it('rejects a call in flight when the server dies, instead of hanging', async () => {
    const started = server.nextSlowCall();
    const call = client.callTool('slow', { value: 'in-flight' }, { timeoutMs: 20_000 });
    await started;
    await server.crash();

    await expect(call).rejects.toMatchObject({ name: 'McpClientError', code: 'UNAVAILABLE' });
  });

  it('keeps retrying connect() until the server is up', async () => {
    await server.stop();
    const connecting = client.connect();
    await new Promise((r) => setTimeout(r, 150));
    expect(client.connected).toBe(false);
    await server.start();

    await connecting;
    expect(client.connected).toBe(true);
  });

  it('stops retrying connect() when its signal aborts', async () => {
    await server.stop();
    const controller = new AbortController();
    const connecting = client.connect({ signal: controller.signal });
    await new Promise((r) => setTimeout(r, 100));
    controller.abort(new Error('gave up'));

    await expect(connecting).rejects.toThrow('gave up');
    await server.start();
  });

  it('startConnecting reports whether it connected within the wait, and keeps trying after it', async () => {
    await server.stop();
    expect(await client.startConnecting(100)).toBe(false);
    await server.start();
    await eventually(() => client.connected, 'the background connection');
  });

  it('close() deletes the session on the server and refuses later calls', async () => {
    await client.connect();
    const sessionId = client.sessionId;

    await client.close();

    expect(server.record.deleted).toEqual([sessionId]);
    expect(client.connected).toBe(false);
    await expect(client.callTool('echo', { value: 'x' })).rejects.toMatchObject({ code: 'CLOSED' });
    expect(await client.dependencyCheck().check()).toBe(false);
  });

  it('close() ends a pending connect() loop', async () => {
    await server.stop();
    const connecting = client.connect();
    await client.close();
    await expect(connecting).rejects.toMatchObject({ code: 'CLOSED' });
    await server.start();
  });
});

describe('McpToolClient trace context', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let server: TinyMcpServer;
  let client: McpToolClient;

  beforeAll(async () => {
    provider.register();
    server = new TinyMcpServer();
    await server.start(0);
    client = new McpToolClient({ url: server.url, name: 'tiny' });
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
    await provider.shutdown();
    trace.disable();
  });

  it('sends traceparent in params._meta from a tools/call client span', async () => {
    await client.callTool('echo', { value: 'traced' });

    const span = exporter.getFinishedSpans().find((s) => s.name === 'tools/call echo');
    if (!span) throw new Error('no tools/call echo span');
    const { traceId, spanId } = span.spanContext();
    expect(server.record.metas.at(-1)).toMatchObject({ traceparent: `00-${traceId}-${spanId}-01` });
    expect(span.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'echo',
      'mcp.session.id': client.sessionId,
    });
  });

  it('marks the span of a tool error with error.type=tool_error', async () => {
    await client.callTool('refuse', { sku: 'X-1' });
    const span = exporter.getFinishedSpans().find((s) => s.name === 'tools/call refuse');
    expect(span?.attributes['error.type']).toBe('tool_error');
  });
});
