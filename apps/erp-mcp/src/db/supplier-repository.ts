import type { Database } from 'better-sqlite3';

/** A supplier's price-list entry for one SKU. Prices are in the supplier's currency. */
export interface SupplierOffer {
  sku: string;
  itemName: string;
  unit: string;
  unitPrice: number;
  leadTimeDays: number;
  minOrderQuantity: number;
}

/** A supplier with (part of) its price list. */
export interface Supplier {
  supplierId: string;
  name: string;
  email: string;
  country: string;
  /** Supplier rating from 0 to 5. */
  rating: number;
  currency: string;
  offers: SupplierOffer[];
}

interface SupplierRow {
  id: string;
  name: string;
  email: string;
  country: string;
  rating: number;
  currency: string;
}

interface OfferRow {
  supplier_id: string;
  sku: string;
  item_name: string;
  unit: string;
  unit_price_cents: number;
  lead_time_days: number;
  min_order_quantity: number;
}

const SELECT_OFFERS = `
  SELECT p.supplier_id, p.sku, c.name AS item_name, c.unit, p.unit_price_cents, p.lead_time_days, p.min_order_quantity
    FROM supplier_prices p JOIN catalog_items c ON c.sku = p.sku`;

/** Reads suppliers, their price lists and the item catalogue. */
export class SupplierRepository {
  constructor(private readonly db: Database) {}

  /** True when the SKU is in the item catalogue. */
  isCatalogued(sku: string): boolean {
    return this.db.prepare('SELECT 1 FROM catalog_items WHERE sku = ?').get(sku) !== undefined;
  }

  /**
   * Without a SKU: every supplier with its whole price list, by id. With one: the suppliers that
   * offer it, each with that single offer, cheapest first (then shortest lead time, best rating).
   */
  list(sku?: string): Supplier[] {
    if (sku === undefined) {
      const offers = this.db.prepare(`${SELECT_OFFERS} ORDER BY p.sku`).all() as OfferRow[];
      const rows = this.db.prepare('SELECT * FROM suppliers ORDER BY id').all() as SupplierRow[];
      return rows.map((row) =>
        toSupplier(
          row,
          offers.filter((offer) => offer.supplier_id === row.id),
        ),
      );
    }
    const offers = this.db
      .prepare(
        `${SELECT_OFFERS} JOIN suppliers s ON s.id = p.supplier_id
          WHERE p.sku = ? ORDER BY p.unit_price_cents, p.lead_time_days, s.rating DESC`,
      )
      .all(sku) as OfferRow[];
    const find = this.db.prepare('SELECT * FROM suppliers WHERE id = ?');
    return offers.map((offer) => toSupplier(find.get(offer.supplier_id) as SupplierRow, [offer]));
  }

  /** One supplier with its whole price list. */
  find(supplierId: string): Supplier | undefined {
    const row = this.db.prepare('SELECT * FROM suppliers WHERE id = ?').get(supplierId) as
      | SupplierRow
      | undefined;
    if (!row) return undefined;
    const offers = this.db
      .prepare(`${SELECT_OFFERS} WHERE p.supplier_id = ? ORDER BY p.sku`)
      .all(supplierId) as OfferRow[];
    return toSupplier(row, offers);
  }
}

function toSupplier(row: SupplierRow, offers: OfferRow[]): Supplier {
  return {
    supplierId: row.id,
    name: row.name,
    email: row.email,
    country: row.country,
    rating: row.rating,
    currency: row.currency,
    offers: offers.map((offer) => ({
      sku: offer.sku,
      itemName: offer.item_name,
      unit: offer.unit,
      unitPrice: offer.unit_price_cents / 100,
      leadTimeDays: offer.lead_time_days,
      minOrderQuantity: offer.min_order_quantity,
    })),
  };
}
