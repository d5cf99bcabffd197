import type { AgentExecutor, ExecutionContext, TaskUpdater } from '@a2a-platform/a2a-server';

/**
 * Placeholder logic until the inventory MCP server is wired in: acknowledges the request and
 * echoes the SKUs it recognised. It streams a working status, one artifact, then completes.
 */
export class StockEchoExecutor implements AgentExecutor {
  async execute(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    await updater.working('Reading the request');
    const text = ctx.message.parts
      .map((p) => p.text ?? '')
      .join(' ')
      .trim();
    const skus = [...new Set(text.match(/\bSKU-\d+\b/gi) ?? [])].map((s) => s.toUpperCase());
    ctx.signal.throwIfAborted();
    await updater.artifact({
      name: 'request-summary',
      parts: [{ data: { skus, text } }, { text: skus.length ? `SKUs: ${skus.join(', ')}` : 'No SKU found' }],
    });
    await updater.complete(`Received ${skus.length} SKU(s)`);
  }
}
