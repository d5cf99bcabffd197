import { callCheckedTool, type McpToolCaller } from '@a2a-platform/mcp-kit';
import { z } from 'zod';

// Only the fields the agent reads are checked; the rest pass through to the artifacts unchanged.
const OfferSchema = z.looseObject({
  sku: z.string(),
  unitPrice: z.number(),
  minOrderQuantity: z.number().int().positive(),
  leadTimeDays: z.number(),
});

const SupplierSchema = z.looseObject({
  supplierId: z.string(),
  name: z.string(),
  currency: z.string(),
  offers: z.array(OfferSchema),
});

const OrderSchema = z.looseObject({
  orderId: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  status: z.string(),
  currency: z.string(),
  total: z.number(),
  lines: z.array(z.looseObject({ sku: z.string(), quantity: z.number(), unitPrice: z.number() })),
});

const NotificationSchema = z.looseObject({
  notificationId: z.number(),
  orderId: z.string(),
  recipient: z.string(),
  status: z.string(),
});

/** A supplier with the offers list_suppliers returned (one, for the SKU asked about). */
export type Supplier = z.infer<typeof SupplierSchema>;
/** A purchase order as the ERP returns it. */
export type PurchaseOrder = z.infer<typeof OrderSchema>;
/** A queued notification of an approved order. */
export type OrderNotification = z.infer<typeof NotificationSchema>;

/** Arguments of `create_purchase_order`. */
export interface CreateOrderArgs {
  supplierId: string;
  lines: { sku: string; quantity: number }[];
  idempotencyKey: string;
  notes?: string;
  requestedBy?: string;
}

/** Typed calls of the erp-mcp tools the agent uses; outputs are checked at this edge. */
export class ErpTools {
  constructor(private readonly mcp: McpToolCaller) {}

  /** `list_suppliers {sku}`: the suppliers offering the SKU, cheapest first. */
  async suppliersOf(sku: string, signal: AbortSignal): Promise<Supplier[]> {
    const out = await this.call(
      'list_suppliers',
      { sku },
      signal,
      z.object({ suppliers: z.array(SupplierSchema) }),
    );
    return out.suppliers;
  }

  /** `create_purchase_order` (idempotent on `idempotencyKey`); new orders are `pending_approval`. */
  createOrder(args: CreateOrderArgs, signal: AbortSignal): Promise<PurchaseOrder> {
    return this.call('create_purchase_order', { ...args }, signal, OrderSchema);
  }

  /** `get_purchase_order`. */
  order(orderId: string, signal: AbortSignal): Promise<PurchaseOrder> {
    return this.call('get_purchase_order', { orderId }, signal, OrderSchema);
  }

  /** `approve_purchase_order` (idempotent once approved). */
  approve(orderId: string, approver: string, comment: string, signal: AbortSignal): Promise<PurchaseOrder> {
    return this.call('approve_purchase_order', { orderId, approver, comment }, signal, OrderSchema);
  }

  /** `send_po_notification` to the supplier's order address (idempotent). */
  notifySupplier(orderId: string, signal: AbortSignal): Promise<OrderNotification> {
    return this.call('send_po_notification', { orderId }, signal, NotificationSchema);
  }

  private call<T>(
    tool: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
    schema: z.ZodType<T>,
  ): Promise<T> {
    return callCheckedTool(this.mcp, tool, args, schema, { signal, server: 'erp-mcp' });
  }
}
