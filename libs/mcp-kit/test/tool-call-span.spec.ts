import { TelemetryAttributes as A, withMcpClientSpan } from '@a2a-platform/telemetry';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { FastifyInstance } from 'fastify';
import { buildMcpServiceApp } from '../src/index.js';
import { baseUrlOf, createSampleServer } from './support/sample-service.js';

describe('tool calls run in an MCP server span', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let app: FastifyInstance;
  let client: Client;
  let transport: StreamableHTTPClientTransport;

  const serverSpans = () => exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER);
  const callInClientSpan = (word: string) => {
    const meta: Record<string, unknown> = {};
    return withMcpClientSpan({ method: 'tools/call', toolName: 'count_letters', meta }, () =>
      client.callTool({ name: 'count_letters', arguments: { word }, _meta: meta }),
    );
  };

  beforeAll(async () => {
    provider.register();
    app = buildMcpServiceApp({ createServer: createSampleServer });
    await app.listen({ port: 0, host: '127.0.0.1' });
    client = new Client({ name: 'span-spec', version: '1.0.0' });
    transport = new StreamableHTTPClientTransport(new URL(`${baseUrlOf(app)}/mcp`));
    await client.connect(transport);
  });
  afterAll(async () => {
    await client.close();
    await app.close();
    await provider.shutdown();
  });
  afterEach(() => exporter.reset());

  it('is a child of the client span carried in params._meta, with the call attributes', async () => {
    await callInClientSpan('valve');
    const client = exporter.getFinishedSpans().find((span) => span.kind === SpanKind.CLIENT);
    const [server] = serverSpans();
    expect(server.name).toBe('tools/call count_letters');
    expect(server.spanContext().traceId).toBe(client?.spanContext().traceId);
    expect(server.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
    expect(server.parentSpanContext?.isRemote).toBe(true);
    expect(server.attributes).toMatchObject({
      [A.mcpMethodName]: 'tools/call',
      [A.genAiToolName]: 'count_letters',
      [A.mcpSessionId]: transport.sessionId,
      [A.mcpProtocolVersion]: '2025-11-25',
      [A.jsonRpcRequestId]: expect.any(String),
    });
    expect(server.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('marks refused and failed calls as tool errors', async () => {
    await callInClientSpan('forbidden');
    await callInClientSpan('crash');
    const spans = serverSpans();
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.attributes[A.errorType]).toBe('tool_error');
    }
  });

  it('starts its own trace when the request carries no trace context', async () => {
    await client.callTool({ name: 'count_letters', arguments: { word: 'gear' } });
    const [server] = serverSpans();
    expect(server.name).toBe('tools/call count_letters');
    expect(server.parentSpanContext).toBeUndefined();
  });
});
