import { ERROR_INFO_TYPE } from '@a2a-platform/a2a-protocol';
import type { LightMyRequestResponse } from 'fastify';

/** What a client may be answered, by binding: the assertions the property tests share. */

/** The JSON-RPC codes a bad request may get (-32007: this agent has no extended card). */
export const RPC_CODES = new Set([-32700, -32600, -32601, -32602, -32001, -32004, -32007, -32009]);
/** The HTTP statuses a bad HTTP+JSON request may get. */
export const REST_STATUSES = new Set([400, 404, 413, 415]);
/** A JSON-RPC id as a response may carry it. */
export function isRpcId(id: unknown): boolean {
  return id === null || typeof id === 'string' || typeof id === 'number';
}

/** One JSON-RPC response object: a result, or an error from the allowed set. */
export function checkRpcObject(body: Record<string, unknown>, allowResult: boolean): void {
  expect(body['jsonrpc']).toBe('2.0');
  expect(isRpcId(body['id'])).toBe(true);
  const error = body['error'] as { code: number; message: unknown; data?: unknown } | undefined;
  if (error) {
    if (!RPC_CODES.has(error.code)) throw new Error(`unexpected JSON-RPC error ${JSON.stringify(error)}`);
    expect(typeof error.message).toBe('string');
    if (error.data !== undefined) expect(Array.isArray(error.data)).toBe(true);
  } else {
    if (!allowResult) throw new Error(`expected an error, got ${JSON.stringify(body).slice(0, 300)}`);
    expect(body).toHaveProperty('result');
  }
}

/** Checks a JSON-RPC answer (JSON or an SSE stream of responses) and returns its JSON body, if any. */
export function checkRpc(
  res: LightMyRequestResponse,
  allowResult = true,
): Record<string, unknown> | undefined {
  if (res.statusCode !== 200 && res.statusCode !== 413) {
    throw new Error(`JSON-RPC answered HTTP ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
  if (String(res.headers['content-type']).startsWith('text/event-stream')) {
    if (!allowResult) throw new Error('expected an error, got a stream');
    const data = res.body.split('\n').filter((l) => l.startsWith('data:'));
    expect(data.length).toBeGreaterThan(0);
    for (const line of data) checkRpcObject(JSON.parse(line.slice(5)), true);
    return undefined;
  }
  const body = res.json() as Record<string, unknown>;
  checkRpcObject(body, allowResult);
  if (res.statusCode === 413) expect(body['error']).toBeDefined();
  return body;
}

/** Checks an HTTP+JSON answer: a success, or an allowed status with a google.rpc.Status body. */
export function checkRest(res: LightMyRequestResponse, allowOk = true, statuses = REST_STATUSES): void {
  if (res.statusCode < 400) {
    if (!allowOk) throw new Error(`expected an error, got HTTP ${res.statusCode}: ${res.body.slice(0, 200)}`);
    return;
  }
  if (!statuses.has(res.statusCode)) {
    throw new Error(`HTTP+JSON answered HTTP ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
  const { error } = res.json() as {
    error: { code: unknown; status: unknown; message: unknown; details: { '@type': string }[] };
  };
  expect(error.code).toBe(res.statusCode);
  expect(typeof error.status).toBe('string');
  expect(typeof error.message).toBe('string');
  expect(error.details[0]?.['@type']).toBe(ERROR_INFO_TYPE);
}

/** A JSON-RPC 2.0 request body. */
export function rpcBody(method: unknown, params: unknown, id: unknown = 1): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}

/** One entry of `error.details` / `error.data`. */
export interface WireDetail {
  '@type': string;
  reason?: string;
  fieldViolations?: { field: string; description: string }[];
}

/** A response body as the tests read it: the JSON-RPC members, or the google.rpc.Status `error`. */
export interface WireBody {
  jsonrpc?: string;
  id?: unknown;
  result?: { task: { id: string; status: { state: string } } };
  error?: { code: number; status?: string; message: string; details?: WireDetail[]; data?: WireDetail[] };
}
