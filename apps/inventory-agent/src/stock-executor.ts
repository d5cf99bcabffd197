import type { Part } from '@a2a-platform/a2a-protocol';
import type { AgentExecutor, ExecutionContext, TaskUpdater } from '@a2a-platform/a2a-server';
import { McpClientError, McpToolError, type McpToolCaller } from '@a2a-platform/mcp-kit';
import { readInventoryRequest, type InventoryRequest } from './inventory-request.js';
import { InventoryTools } from './inventory-tools.js';
import { describeLowStock, describeReservation, describeStockLevels } from './stock-report.js';

function resultParts(data: Record<string, unknown>, text: string): Part[] {
  return [
    { data, mediaType: 'application/json' },
    { text, mediaType: 'text/plain' },
  ];
}

function where(warehouseId: string | undefined): string {
  return warehouseId ? ` in ${warehouseId}` : '';
}

/**
 * The inventory agent: low-stock reports, stock levels and reservations through inventory-mcp. Each
 * message is one skill (see {@link readInventoryRequest}); the executor streams a working status, adds one
 * artifact with a data part and a text part, and completes. It keeps no state between tasks.
 */
export class StockExecutor implements AgentExecutor {
  private readonly tools: InventoryTools;

  constructor(inventory: McpToolCaller) {
    this.tools = new InventoryTools(inventory);
  }

  async execute(ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const request = readInventoryRequest(ctx.message);
    if ('declined' in request) return updater.reject(request.declined);
    try {
      await this.run(request, ctx, updater);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      // A refusal is about the request (unknown SKU, not enough stock): the caller can fix it.
      if (err instanceof McpToolError) return updater.reject(`The inventory service refused: ${err.text}`);
      if (err instanceof McpClientError) return updater.fail(`Inventory data is unavailable: ${err.message}`);
      throw err;
    }
  }

  private async run(request: InventoryRequest, ctx: ExecutionContext, updater: TaskUpdater): Promise<void> {
    const { signal } = ctx;
    switch (request.skill) {
      case 'low-stock-report': {
        const { warehouseId } = request;
        await updater.working(`Looking up items below their reorder point${where(warehouseId)}`);
        const items = await this.tools.lowStockItems({ warehouseId }, signal);
        const text = describeLowStock(items, warehouseId);
        await updater.artifact({
          name: 'low-stock-items',
          parts: resultParts({ items, count: items.length, ...(warehouseId ? { warehouseId } : {}) }, text),
        });
        return updater.complete(
          `Found ${items.length} item(s) below their reorder point${where(warehouseId)}`,
        );
      }
      case 'stock-levels': {
        const { skus, warehouseId } = request;
        await updater.working(
          `Reading stock levels${skus ? ` of ${skus.join(', ')}` : ''}${where(warehouseId)}`,
        );
        const items = await this.tools.stockLevels({ skus, warehouseId }, signal);
        const text = describeStockLevels(items, warehouseId);
        await updater.artifact({
          name: 'stock-levels',
          parts: resultParts({ items, count: items.length }, text),
        });
        return updater.complete(`Reported ${items.length} stock level(s)`);
      }
      case 'reserve-stock': {
        const { sku, warehouseId, quantity } = request;
        // One reservation per task: a retried task finds its reservation instead of making a second one.
        const reservationId = request.reservationId ?? `a2a-task:${ctx.taskId}`;
        await updater.working(`Reserving ${quantity} of ${sku} in ${warehouseId}`);
        const reservation = await this.tools.reserveStock(
          { reservationId, sku, warehouseId, quantity },
          signal,
        );
        const text = describeReservation(reservation);
        await updater.artifact({ name: 'reservation', parts: resultParts(reservation, text) });
        return updater.complete(text);
      }
    }
  }
}
