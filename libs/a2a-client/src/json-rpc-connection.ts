import { A2AError, A2A_VERSION_HEADER, type JsonRpcErrorObject } from '@a2a-platform/a2a-protocol';
import { A2ATransportError } from './client-errors.js';
import type { CallOptions, HttpChannel } from './http-channel.js';
import { excerpt, tryParseJson } from './transport.js';

/** One result of a JSON-RPC stream and the SSE id it came with. */
export interface JsonRpcStreamResult {
  result: unknown;
  id: string | undefined;
}

/** JSON-RPC 2.0 over HTTP POST, answering either JSON or an SSE stream of JSON-RPC responses. */
export class JsonRpcConnection {
  private nextId = 1;

  constructor(
    private readonly channel: HttpChannel,
    readonly url: string,
    /** Sent as `A2A-Version`; v0.3 peers get none. */
    private readonly protocolVersion: string | undefined,
  ) {}

  /** Calls `method` and returns its `result`; a JSON-RPC error becomes an `A2AError`. */
  async call(method: string, params: unknown, call?: CallOptions, operation = method): Promise<unknown> {
    const { response, text } = await this.channel.exchange({
      url: this.url,
      method: 'POST',
      operation,
      headers: this.headers('application/json'),
      body: this.envelope(method, params),
      call,
    });
    return this.unwrap(response.status, text);
  }

  /** Calls a streaming method and yields each event's `result`. */
  async *stream(
    method: string,
    params: unknown,
    call?: CallOptions,
    operation = method,
    lastEventId?: string,
  ): AsyncGenerator<JsonRpcStreamResult, void, undefined> {
    const headers = this.headers('text/event-stream');
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const opened = await this.channel.openStream({
      url: this.url,
      method: 'POST',
      operation,
      headers,
      body: this.envelope(method, params),
      call,
    });
    if (!opened.events) {
      // Errors before the first event come back as a plain JSON-RPC response.
      yield { result: this.unwrap(opened.response.status, opened.text ?? ''), id: undefined };
      return;
    }
    for await (const sse of opened.events) {
      const body = tryParseJson(sse.data);
      if (!isEnvelope(body)) {
        throw new A2ATransportError(
          'INVALID_RESPONSE',
          `${this.url} sent a stream event that is not a JSON-RPC response: ${excerpt(sse.data)}`,
          { url: this.url },
        );
      }
      if (body.error) throw A2AError.fromJsonRpc(body.error);
      yield { result: body.result, id: sse.id };
    }
  }

  private envelope(method: string, params: unknown): string {
    return JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method, params });
  }

  private headers(accept: string): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: accept };
    if (this.protocolVersion !== undefined) headers[A2A_VERSION_HEADER] = this.protocolVersion;
    return headers;
  }

  private unwrap(status: number, text: string): unknown {
    const body = tryParseJson(text);
    if (isEnvelope(body)) {
      if (body.error) throw A2AError.fromJsonRpc(body.error);
      if ('result' in body) return body.result;
    }
    if (status < 200 || status >= 300) {
      throw new A2ATransportError('HTTP_ERROR', `${this.url} answered HTTP ${status}: ${excerpt(text)}`, {
        url: this.url,
        status,
      });
    }
    throw new A2ATransportError(
      'INVALID_RESPONSE',
      `${this.url} answered something that is not a JSON-RPC response: ${excerpt(text)}`,
      { url: this.url, status },
    );
  }
}

interface Envelope {
  jsonrpc: '2.0';
  result?: unknown;
  error?: JsonRpcErrorObject;
}

function isEnvelope(body: unknown): body is Envelope {
  if (typeof body !== 'object' || body === null || (body as Envelope).jsonrpc !== '2.0') return false;
  const error = (body as Envelope).error;
  if (error === undefined) return 'result' in body;
  return typeof error === 'object' && error !== null && typeof error.code === 'number';
}
