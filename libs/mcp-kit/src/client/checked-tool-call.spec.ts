import { z } from 'zod';
import { callCheckedTool } from './checked-tool-call.js';
import { McpClientError, McpToolError } from './mcp-client-errors.js';
import type { McpCallOptions, McpToolCaller, McpToolResult } from './tool-result.js';

/** A caller that answers every call with `result` and remembers the options it was given. */
function answering(result: McpToolResult): McpToolCaller & { options: McpCallOptions[] } {
  const options: McpCallOptions[] = [];
  return {
    options,
    callTool: async (_name, _args, callOptions) => {
      options.push(callOptions ?? {});
      return result;
    },
  };
}

const Levels = z.object({ levels: z.array(z.object({ sku: z.string(), available: z.number() })) });

describe('callCheckedTool', () => {
  it('returns the output as the schema parses it, dropping fields it does not know', async () => {
    const caller = answering({
      structuredContent: { levels: [{ sku: 'A-1', available: 4, extra: true }], note: 'x' },
      isError: false,
      text: '',
    });
    await expect(callCheckedTool(caller, 'get_stock_levels', {}, Levels)).resolves.toEqual({
      levels: [{ sku: 'A-1', available: 4 }],
    });
  });

  it('passes the call options on, without the server name', async () => {
    const caller = answering({ structuredContent: { levels: [] }, isError: false, text: '' });
    const signal = new AbortController().signal;
    await callCheckedTool(caller, 'get_stock_levels', {}, Levels, { signal, timeoutMs: 5, server: 'inv' });
    expect(caller.options).toEqual([{ signal, timeoutMs: 5 }]);
  });

  it('names each mismatching field in a PROTOCOL error from the named server', async () => {
    const caller = answering({
      structuredContent: { levels: [{ sku: 7, available: 'many' }] },
      isError: false,
      text: '',
    });
    const error = await callCheckedTool(caller, 'get_stock_levels', {}, Levels, { server: 'inv' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(McpClientError);
    expect(error).toMatchObject({ code: 'PROTOCOL', server: 'inv', retryable: false });
    expect((error as Error).message).toMatch(/^get_stock_levels returned unexpected content: /);
    expect((error as Error).message).toContain('levels.0.sku');
    expect((error as Error).message).toContain('levels.0.available');
  });

  it('throws a PROTOCOL error when the tool sent no structured output', async () => {
    const caller = answering({ structuredContent: undefined, isError: false, text: 'done' });
    await expect(callCheckedTool(caller, 'reserve_stock', {}, Levels)).rejects.toMatchObject({
      code: 'PROTOCOL',
      server: 'mcp',
    });
  });

  it('throws the tool refusal as an McpToolError with its field and code', async () => {
    const caller = answering({
      structuredContent: undefined,
      isError: true,
      text: 'Invalid argument "quantity" (NOT_POSITIVE): must be above 0',
    });
    const error = await callCheckedTool(caller, 'reserve_stock', {}, Levels).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpToolError);
    expect(error).toMatchObject({ toolName: 'reserve_stock', field: 'quantity', code: 'NOT_POSITIVE' });
  });
});
