/** A catalogue item; the SKUs are those of the inventory service's demo data. */
export interface DemoCatalogItem {
  sku: string;
  name: string;
  unit: string;
}

/** `[sku, unitPriceCents, leadTimeDays, minOrderQuantity]` */
type Offer = readonly [string, number, number, number];

/** A supplier with its price list. */
export interface DemoSupplier {
  id: string;
  name: string;
  email: string;
  country: string;
  rating: number;
  offers: readonly Offer[];
}

/** The item catalogue (industrial supplies, MRO). */
export const DEMO_CATALOG: readonly DemoCatalogItem[] = [
  { sku: 'BRG-6204-2RS', name: 'Deep groove ball bearing 6204-2RS, 20x47x14 mm', unit: 'pcs' },
  { sku: 'BRG-6305-ZZ', name: 'Deep groove ball bearing 6305-ZZ, 25x62x17 mm', unit: 'pcs' },
  { sku: 'BLT-M8X30-88', name: 'Hex bolt M8x30, grade 8.8, zinc plated (box of 100)', unit: 'box' },
  { sku: 'NUT-M8-8', name: 'Hex nut M8, grade 8, zinc plated (box of 100)', unit: 'box' },
  { sku: 'WSH-M8-A2', name: 'Flat washer M8, A2 stainless (box of 200)', unit: 'box' },
  { sku: 'GLV-NIT-L', name: 'Nitrile-coated work gloves, size L (12 pairs)', unit: 'pack' },
  { sku: 'GLV-CUT5-M', name: 'Cut-resistant gloves level 5, size M', unit: 'pair' },
  { sku: 'SFG-ANSI-CLR', name: 'Safety glasses, clear lens, anti-fog', unit: 'pcs' },
  { sku: 'EAR-FOAM-200', name: 'Foam ear plugs, 200 pairs', unit: 'box' },
  { sku: 'HYD-OIL-46-20L', name: 'Hydraulic oil ISO VG 46, 20 L pail', unit: 'pail' },
  { sku: 'GRS-LIT-EP2-400', name: 'Lithium EP2 grease cartridge, 400 g', unit: 'cartridge' },
  { sku: 'FLT-HYD-10M', name: 'Hydraulic return filter element, 10 micron', unit: 'pcs' },
  { sku: 'FLT-AIR-F7', name: 'Panel air filter F7, 592x592x48 mm', unit: 'pcs' },
  { sku: 'VBT-SPA-1250', name: 'V-belt SPA 1250', unit: 'pcs' },
  { sku: 'CHN-08B-5M', name: 'Roller chain 08B-1, 5 m', unit: 'roll' },
  { sku: 'CBT-300-BLK', name: 'Cable ties 300x4.8 mm, black (bag of 100)', unit: 'bag' },
  { sku: 'TPE-PVC-19-YL', name: 'PVC insulating tape 19 mm x 20 m, yellow', unit: 'roll' },
  { sku: 'ABR-DSC-125-60', name: 'Flap disc 125 mm, grit 60', unit: 'pcs' },
  { sku: 'CUT-DSC-125-1', name: 'Cutting disc 125x1.0 mm, stainless steel', unit: 'pcs' },
  { sku: 'WLD-ROD-E6013-25', name: 'Welding electrodes E6013, 2.5 mm (5 kg pack)', unit: 'pack' },
  { sku: 'SPR-MRK-RED', name: 'Marking spray paint, fluorescent red, 500 ml', unit: 'can' },
  { sku: 'ABS-PAD-50', name: 'Universal absorbent pads 40x50 cm (pack of 50)', unit: 'pack' },
  { sku: 'ORG-NBR-KIT', name: 'NBR O-ring assortment kit, 382 pieces', unit: 'kit' },
  { sku: 'FUS-GG-16A', name: 'Cartridge fuse 10x38 mm gG 16 A (box of 10)', unit: 'box' },
  { sku: 'LMP-LED-T8-18W', name: 'LED tube T8 120 cm, 18 W, 4000 K', unit: 'pcs' },
];

/**
 * Specialists with low prices and minimum order quantities, plus one generalist (SUP-ALLROUND)
 * that is dearer but fast and sells single units, so suppliers can be compared per SKU.
 */
export const DEMO_SUPPLIERS: readonly DemoSupplier[] = [
  {
    id: 'SUP-NORDBEAR',
    name: 'Nordic Bearings & Transmission AB',
    email: 'orders@nordic-bearings.example',
    country: 'SE',
    rating: 4.6,
    offers: [
      ['BRG-6204-2RS', 455, 7, 50],
      ['BRG-6305-ZZ', 705, 7, 40],
      ['VBT-SPA-1250', 1050, 10, 10],
      ['CHN-08B-5M', 5150, 14, 5],
      ['GRS-LIT-EP2-400', 560, 7, 48],
    ],
  },
  {
    id: 'SUP-FASTFIX',
    name: 'FastFix Fasteners GmbH',
    email: 'vertrieb@fastfix.example',
    country: 'DE',
    rating: 4.2,
    offers: [
      ['BLT-M8X30-88', 940, 3, 10],
      ['NUT-M8-8', 395, 3, 10],
      ['WSH-M8-A2', 640, 3, 10],
      ['CBT-300-BLK', 590, 4, 20],
      ['ORG-NBR-KIT', 2850, 5, 2],
    ],
  },
  {
    id: 'SUP-SAFEWORK',
    name: 'SafeWork PPE Supplies Ltd',
    email: 'trade@safework-ppe.example',
    country: 'GB',
    rating: 4.4,
    offers: [
      ['GLV-NIT-L', 1790, 6, 24],
      ['GLV-CUT5-M', 760, 6, 24],
      ['SFG-ANSI-CLR', 340, 6, 50],
      ['EAR-FOAM-200', 2290, 6, 5],
      ['ABS-PAD-50', 3790, 8, 4],
    ],
  },
  {
    id: 'SUP-HYDROLUB',
    name: 'HydroLub Industrial Fluids BV',
    email: 'orders@hydrolub.example',
    country: 'NL',
    rating: 4.1,
    offers: [
      ['HYD-OIL-46-20L', 6550, 5, 4],
      ['GRS-LIT-EP2-400', 545, 5, 120],
      ['FLT-HYD-10M', 3120, 9, 6],
      ['FLT-AIR-F7', 2040, 9, 12],
      ['ABS-PAD-50', 3690, 5, 6],
    ],
  },
  {
    id: 'SUP-ELEKTRA',
    name: 'Elektra Electrical Wholesale GmbH',
    email: 'bestellung@elektra-wholesale.example',
    country: 'AT',
    rating: 3.9,
    offers: [
      ['FUS-GG-16A', 810, 4, 10],
      ['LMP-LED-T8-18W', 585, 4, 25],
      ['TPE-PVC-19-YL', 135, 4, 50],
      ['CBT-300-BLK', 610, 4, 10],
    ],
  },
  {
    id: 'SUP-WELDTEC',
    name: 'WeldTec Abrasives & Welding s.r.o.',
    email: 'export@weldtec.example',
    country: 'CZ',
    rating: 4.3,
    offers: [
      ['ABR-DSC-125-60', 360, 8, 50],
      ['CUT-DSC-125-1', 112, 8, 200],
      ['WLD-ROD-E6013-25', 2600, 8, 4],
      ['SPR-MRK-RED', 650, 8, 12],
    ],
  },
  {
    id: 'SUP-ALLROUND',
    name: 'Allround Industrial Supply SA',
    email: 'commandes@allround-industrial.example',
    country: 'FR',
    rating: 3.7,
    offers: [
      ['BRG-6204-2RS', 540, 2, 1],
      ['BLT-M8X30-88', 1090, 2, 1],
      ['GLV-NIT-L', 2050, 2, 1],
      ['SFG-ANSI-CLR', 410, 2, 1],
      ['HYD-OIL-46-20L', 7400, 2, 1],
      ['FLT-HYD-10M', 3590, 2, 1],
      ['ABR-DSC-125-60', 420, 2, 1],
      ['CUT-DSC-125-1', 139, 2, 1],
      ['WLD-ROD-E6013-25', 2950, 2, 1],
      ['SPR-MRK-RED', 740, 2, 1],
      ['FUS-GG-16A', 920, 2, 1],
      ['LMP-LED-T8-18W', 680, 2, 1],
      ['TPE-PVC-19-YL', 160, 2, 1],
    ],
  },
];

/** A purchase order of the demo history, and the state it is left in. */
export interface DemoOrder {
  supplierId: string;
  lines: { sku: string; quantity: number }[];
  idempotencyKey: string;
  requestedBy: string;
  notes?: string;
  /** Days before the seeding time the order was created. */
  ageDays: number;
  outcome: 'pending_approval' | 'approved_and_sent' | 'cancelled';
}

/** Three past orders: one approved and sent to the supplier, one awaiting approval, one cancelled. */
export const DEMO_ORDERS: readonly DemoOrder[] = [
  {
    supplierId: 'SUP-FASTFIX',
    lines: [
      { sku: 'BLT-M8X30-88', quantity: 40 },
      { sku: 'NUT-M8-8', quantity: 40 },
      { sku: 'WSH-M8-A2', quantity: 30 },
    ],
    idempotencyKey: 'demo-seed-0001',
    requestedBy: 'procurement-agent',
    notes: 'Quarterly fastener replenishment for WH-FRA',
    ageDays: 12,
    outcome: 'approved_and_sent',
  },
  {
    supplierId: 'SUP-SAFEWORK',
    lines: [
      { sku: 'GLV-NIT-L', quantity: 120 },
      { sku: 'SFG-ANSI-CLR', quantity: 80 },
    ],
    idempotencyKey: 'demo-seed-0002',
    requestedBy: 'procurement-agent',
    notes: 'PPE restock for WH-HAM',
    ageDays: 2,
    outcome: 'pending_approval',
  },
  {
    supplierId: 'SUP-HYDROLUB',
    lines: [{ sku: 'HYD-OIL-46-20L', quantity: 16 }],
    idempotencyKey: 'demo-seed-0003',
    requestedBy: 'j.keller',
    notes: 'Replaced by a framework contract',
    ageDays: 20,
    outcome: 'cancelled',
  },
];

/** Who approved the demo order that was approved. */
export const DEMO_APPROVER = 'm.schneider@nordwerk.example';
