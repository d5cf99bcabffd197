import { defineTool, ToolRefusalError } from '@a2a-platform/mcp-kit';
import { z } from 'zod';
import type { SupplierRepository } from '../db/supplier-repository.js';
import { SkuSchema } from './purchase-order-schemas.js';

const SupplierSchema = z.object({
  supplierId: z.string(),
  name: z.string(),
  email: z.string(),
  country: z.string().describe('ISO 3166-1 alpha-2 country code'),
  rating: z.number().min(0).max(5),
  currency: z.string(),
  offers: z.array(
    z.object({
      sku: z.string(),
      itemName: z.string(),
      unit: z.string(),
      unitPrice: z.number().positive(),
      leadTimeDays: z.number().int().nonnegative(),
      minOrderQuantity: z.number().int().positive(),
    }),
  ),
});

/** `list_suppliers`: suppliers with price lists, or the offers for one SKU, cheapest first. */
export function listSuppliersTool(suppliers: SupplierRepository) {
  return defineTool({
    name: 'list_suppliers',
    title: 'List suppliers',
    description:
      'Lists suppliers with their price lists (unit price, lead time in days, minimum order quantity). With a ' +
      'sku, returns only the suppliers offering it, each with that one offer, cheapest first.',
    inputSchema: z.object({ sku: SkuSchema.optional().describe('Only suppliers offering this SKU') }),
    outputSchema: z.object({ suppliers: z.array(SupplierSchema), count: z.number().int().nonnegative() }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: ({ sku }) => {
      if (sku !== undefined && !suppliers.isCatalogued(sku)) {
        throw new ToolRefusalError('UNKNOWN_SKU', 'sku', `unknown sku ${sku}`);
      }
      const list = suppliers.list(sku);
      const summary =
        sku === undefined
          ? `${list.length} suppliers: ${list.map((s) => `${s.supplierId} (${s.offers.length} SKUs, rating ${s.rating})`).join(', ')}`
          : list.length === 0
            ? `No supplier offers ${sku}.`
            : `${list.length} suppliers offer ${sku}: ` +
              list
                .map(({ supplierId, currency, offers: [o] }) => {
                  return `${supplierId} ${o?.unitPrice.toFixed(2)} ${currency}, ${o?.leadTimeDays} days, MOQ ${o?.minOrderQuantity}`;
                })
                .join('; ');
      return { data: { suppliers: list, count: list.length }, summary };
    },
  });
}
