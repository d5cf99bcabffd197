import {
  context,
  createTraceState,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
import {
  extractTraceMeta,
  injectTraceMeta,
  TelemetryAttributes as A,
  withMcpClientSpan,
  withMcpServerSpan,
} from '../src/index.js';
import { startInMemoryTracing, type InMemoryTracing } from './support/in-memory-tracing.js';

describe('MCP spans and _meta trace context', () => {
  let tracing: InMemoryTracing;
  beforeAll(() => {
    tracing = startInMemoryTracing();
  });
  afterEach(() => tracing.exporter.reset());
  afterAll(() => tracing.shutdown());

  it('parents the server span on the client span through params._meta', async () => {
    const params = { name: 'get_stock', arguments: { sku: 'A-1' }, _meta: {} as Record<string, unknown> };

    await withMcpClientSpan(
      { method: 'tools/call', toolName: 'get_stock', sessionId: 'sess-1', meta: params._meta },
      async () => {
        // What the server receives: the serialized request, read outside the client's context.
        const received = JSON.parse(JSON.stringify(params)) as typeof params;
        await context.with(ROOT_CONTEXT, () =>
          withMcpServerSpan(
            { method: 'tools/call', toolName: 'get_stock', sessionId: 'sess-1', meta: received._meta },
            async () => ({ content: [], structuredContent: { sku: 'A-1', onHand: 3 } }),
          ),
        );
      },
    );

    const [server, client] = tracing.spans();
    expect(client.name).toBe('tools/call get_stock');
    expect(client.kind).toBe(SpanKind.CLIENT);
    expect(server.name).toBe('tools/call get_stock');
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(params._meta['traceparent']).toBe(
      `00-${client.spanContext().traceId}-${client.spanContext().spanId}-01`,
    );
    expect(server.spanContext().traceId).toBe(client.spanContext().traceId);
    expect(server.parentSpanContext?.spanId).toBe(client.spanContext().spanId);
    expect(server.parentSpanContext?.isRemote).toBe(true);
    for (const span of [client, server]) {
      expect(span.attributes).toMatchObject({
        [A.mcpMethodName]: 'tools/call',
        [A.mcpSessionId]: 'sess-1',
        [A.genAiToolName]: 'get_stock',
        [A.genAiOperationName]: 'execute_tool',
      });
      expect(span.attributes[A.errorType]).toBeUndefined();
    }
  });

  it('prefers _meta over the HTTP context and links the HTTP span', async () => {
    const meta: Record<string, unknown> = {};
    await withMcpClientSpan({ method: 'tools/call', toolName: 'create_po', meta }, async () => undefined);
    const client = tracing.span('tools/call create_po');

    // The server's HTTP span, in another trace (e.g. a proxy that did not forward traceparent).
    const http = trace.getTracer('test').startSpan('POST /mcp', { kind: SpanKind.SERVER }, ROOT_CONTEXT);
    await context.with(trace.setSpan(ROOT_CONTEXT, http), () =>
      withMcpServerSpan({ method: 'tools/call', toolName: 'create_po', meta }, async () => undefined),
    );
    http.end();

    const server = tracing
      .spans()
      .find((s) => s.kind === SpanKind.SERVER && s.name === 'tools/call create_po');
    expect(server?.spanContext().traceId).toBe(client.spanContext().traceId);
    expect(server?.parentSpanContext?.spanId).toBe(client.spanContext().spanId);
    expect(server?.links.map((l) => l.context.spanId)).toEqual([http.spanContext().spanId]);
  });

  it('falls back to the HTTP context when _meta carries no trace context', async () => {
    const http = trace.getTracer('test').startSpan('POST /mcp', {}, ROOT_CONTEXT);
    await context.with(trace.setSpan(ROOT_CONTEXT, http), () =>
      withMcpServerSpan({ method: 'tools/list', meta: { progressToken: 1 } }, async () => undefined),
    );
    http.end();

    const server = tracing.span('tools/list');
    expect(server.parentSpanContext?.spanId).toBe(http.spanContext().spanId);
    expect(server.links).toHaveLength(0);
    expect(server.attributes[A.genAiOperationName]).toBeUndefined();
  });

  it('marks an isError tool result as tool_error without throwing', async () => {
    const result = await withMcpServerSpan({ method: 'tools/call', toolName: 'create_po' }, async () => ({
      content: [{ type: 'text', text: 'supplier unknown' }],
      isError: true,
    }));

    expect(result.isError).toBe(true);
    const span = tracing.span('tools/call create_po');
    expect(span.attributes[A.errorType]).toBe('tool_error');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('records a thrown JSON-RPC error by its code', async () => {
    const invalidParams = Object.assign(new Error('Invalid params'), { code: -32602 });
    await expect(
      withMcpClientSpan({ method: 'tools/call', toolName: 'get_stock' }, async () => {
        throw invalidParams;
      }),
    ).rejects.toBe(invalidParams);

    const span = tracing.span('tools/call get_stock');
    expect(span.attributes[A.errorType]).toBe('-32602');
    expect(span.attributes[A.rpcResponseStatusCode]).toBe('-32602');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('round-trips traceparent and tracestate through a _meta object', () => {
    const parent = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: false,
    };
    const withState = trace.setSpanContext(ROOT_CONTEXT, {
      ...parent,
      traceState: createTraceState('vendor=abc'),
    });

    const meta = injectTraceMeta({ progressToken: 'p1' }, withState);
    expect(meta).toEqual({
      progressToken: 'p1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'vendor=abc',
    });

    const extracted = trace.getSpanContext(extractTraceMeta(meta, ROOT_CONTEXT));
    expect(extracted).toMatchObject({ traceId: parent.traceId, spanId: parent.spanId, isRemote: true });
    expect(extracted?.traceState?.serialize()).toBe('vendor=abc');
  });

  it('ignores a malformed traceparent and keeps the base context', () => {
    const base = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '11111111111111111111111111111111',
      spanId: '2222222222222222',
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(extractTraceMeta({ traceparent: 'not-a-traceparent' }, base)).toBe(base);
    expect(extractTraceMeta(undefined, base)).toBe(base);
    expect(injectTraceMeta({}, ROOT_CONTEXT)).toEqual({});
  });
});
