/** A warehouse of the demo company. */
export interface DemoWarehouse {
  id: string;
  name: string;
  city: string;
  country: string;
}

/** A catalogue item; the ERP demo data uses the same SKUs. */
export interface DemoItem {
  sku: string;
  name: string;
  unit: string;
  unitCostCents: number;
}

/** `[onHand, reserved, reorderPoint, reorderQuantity]`, or null where a warehouse does not stock the item. */
type StockTuple = readonly [number, number, number, number] | null;

/** Demo warehouses: three sites of a German industrial distributor. */
export const DEMO_WAREHOUSES: readonly DemoWarehouse[] = [
  { id: 'WH-HAM', name: 'Hamburg Distribution Center', city: 'Hamburg', country: 'DE' },
  { id: 'WH-FRA', name: 'Frankfurt Central Warehouse', city: 'Frankfurt am Main', country: 'DE' },
  { id: 'WH-MUC', name: 'Munich Service Hub', city: 'Munich', country: 'DE' },
];

/** Demo items (industrial supplies, MRO). Costs are in euro cents. */
export const DEMO_ITEMS: readonly DemoItem[] = [
  {
    sku: 'BRG-6204-2RS',
    name: 'Deep groove ball bearing 6204-2RS, 20x47x14 mm',
    unit: 'pcs',
    unitCostCents: 485,
  },
  {
    sku: 'BRG-6305-ZZ',
    name: 'Deep groove ball bearing 6305-ZZ, 25x62x17 mm',
    unit: 'pcs',
    unitCostCents: 740,
  },
  {
    sku: 'BLT-M8X30-88',
    name: 'Hex bolt M8x30, grade 8.8, zinc plated (box of 100)',
    unit: 'box',
    unitCostCents: 990,
  },
  { sku: 'NUT-M8-8', name: 'Hex nut M8, grade 8, zinc plated (box of 100)', unit: 'box', unitCostCents: 420 },
  { sku: 'WSH-M8-A2', name: 'Flat washer M8, A2 stainless (box of 200)', unit: 'box', unitCostCents: 675 },
  {
    sku: 'GLV-NIT-L',
    name: 'Nitrile-coated work gloves, size L (12 pairs)',
    unit: 'pack',
    unitCostCents: 1850,
  },
  { sku: 'GLV-CUT5-M', name: 'Cut-resistant gloves level 5, size M', unit: 'pair', unitCostCents: 795 },
  { sku: 'SFG-ANSI-CLR', name: 'Safety glasses, clear lens, anti-fog', unit: 'pcs', unitCostCents: 360 },
  { sku: 'EAR-FOAM-200', name: 'Foam ear plugs, 200 pairs', unit: 'box', unitCostCents: 2400 },
  { sku: 'HYD-OIL-46-20L', name: 'Hydraulic oil ISO VG 46, 20 L pail', unit: 'pail', unitCostCents: 6800 },
  {
    sku: 'GRS-LIT-EP2-400',
    name: 'Lithium EP2 grease cartridge, 400 g',
    unit: 'cartridge',
    unitCostCents: 580,
  },
  {
    sku: 'FLT-HYD-10M',
    name: 'Hydraulic return filter element, 10 micron',
    unit: 'pcs',
    unitCostCents: 3250,
  },
  { sku: 'FLT-AIR-F7', name: 'Panel air filter F7, 592x592x48 mm', unit: 'pcs', unitCostCents: 2100 },
  { sku: 'VBT-SPA-1250', name: 'V-belt SPA 1250', unit: 'pcs', unitCostCents: 1120 },
  { sku: 'CHN-08B-5M', name: 'Roller chain 08B-1, 5 m', unit: 'roll', unitCostCents: 5400 },
  { sku: 'CBT-300-BLK', name: 'Cable ties 300x4.8 mm, black (bag of 100)', unit: 'bag', unitCostCents: 630 },
  {
    sku: 'TPE-PVC-19-YL',
    name: 'PVC insulating tape 19 mm x 20 m, yellow',
    unit: 'roll',
    unitCostCents: 145,
  },
  { sku: 'ABR-DSC-125-60', name: 'Flap disc 125 mm, grit 60', unit: 'pcs', unitCostCents: 390 },
  { sku: 'CUT-DSC-125-1', name: 'Cutting disc 125x1.0 mm, stainless steel', unit: 'pcs', unitCostCents: 125 },
  {
    sku: 'WLD-ROD-E6013-25',
    name: 'Welding electrodes E6013, 2.5 mm (5 kg pack)',
    unit: 'pack',
    unitCostCents: 2750,
  },
  {
    sku: 'SPR-MRK-RED',
    name: 'Marking spray paint, fluorescent red, 500 ml',
    unit: 'can',
    unitCostCents: 690,
  },
  {
    sku: 'ABS-PAD-50',
    name: 'Universal absorbent pads 40x50 cm (pack of 50)',
    unit: 'pack',
    unitCostCents: 3900,
  },
  { sku: 'ORG-NBR-KIT', name: 'NBR O-ring assortment kit, 382 pieces', unit: 'kit', unitCostCents: 2990 },
  { sku: 'FUS-GG-16A', name: 'Cartridge fuse 10x38 mm gG 16 A (box of 10)', unit: 'box', unitCostCents: 840 },
  { sku: 'LMP-LED-T8-18W', name: 'LED tube T8 120 cm, 18 W, 4000 K', unit: 'pcs', unitCostCents: 610 },
];

/**
 * Stock per SKU in WH-HAM, WH-FRA and WH-MUC (in that order). Eight rows are below their reorder
 * point on purpose, so the low-stock tool has something to report.
 */
const STOCK: Readonly<Record<string, readonly [StockTuple, StockTuple, StockTuple]>> = {
  'BRG-6204-2RS': [
    [180, 20, 80, 200],
    [38, 12, 60, 150],
    [95, 0, 40, 100],
  ],
  'BRG-6305-ZZ': [[64, 4, 30, 80], [72, 10, 30, 80], null],
  'BLT-M8X30-88': [
    [45, 5, 15, 40],
    [60, 0, 20, 50],
    [30, 2, 10, 30],
  ],
  'NUT-M8-8': [
    [52, 0, 15, 40],
    [70, 8, 20, 50],
    [28, 0, 10, 30],
  ],
  'WSH-M8-A2': [[33, 0, 10, 30], [40, 5, 12, 30], null],
  'GLV-NIT-L': [
    [14, 4, 40, 120],
    [85, 10, 40, 120],
    [60, 0, 25, 60],
  ],
  'GLV-CUT5-M': [
    [120, 20, 50, 150],
    [90, 0, 40, 100],
    [55, 5, 20, 60],
  ],
  'SFG-ANSI-CLR': [
    [140, 10, 50, 150],
    [110, 0, 40, 120],
    [22, 10, 30, 80],
  ],
  'EAR-FOAM-200': [
    [25, 0, 8, 20],
    [30, 3, 10, 24],
    [12, 0, 5, 12],
  ],
  'HYD-OIL-46-20L': [
    [24, 4, 10, 20],
    [18, 2, 8, 16],
    [3, 1, 8, 16],
  ],
  'GRS-LIT-EP2-400': [
    [200, 24, 60, 240],
    [150, 0, 60, 240],
    [90, 12, 40, 120],
  ],
  'FLT-HYD-10M': [
    [30, 2, 10, 24],
    [5, 0, 12, 24],
    [16, 0, 6, 12],
  ],
  'FLT-AIR-F7': [[48, 0, 20, 48], [36, 6, 16, 40], null],
  'VBT-SPA-1250': [
    [40, 0, 15, 30],
    [26, 4, 10, 20],
    [18, 0, 8, 16],
  ],
  'CHN-08B-5M': [[12, 0, 4, 10], [9, 1, 4, 8], null],
  'CBT-300-BLK': [
    [300, 40, 100, 300],
    [260, 0, 100, 300],
    [150, 20, 60, 150],
  ],
  'TPE-PVC-19-YL': [
    [400, 0, 120, 400],
    [350, 50, 120, 400],
    [180, 0, 60, 200],
  ],
  'ABR-DSC-125-60': [
    [260, 30, 100, 250],
    [210, 0, 80, 200],
    [90, 10, 40, 100],
  ],
  'CUT-DSC-125-1': [
    [120, 30, 250, 500],
    [640, 60, 200, 500],
    [300, 0, 100, 250],
  ],
  'WLD-ROD-E6013-25': [
    [20, 2, 8, 20],
    [16, 0, 6, 15],
    [2, 0, 6, 12],
  ],
  'SPR-MRK-RED': [
    [96, 12, 36, 96],
    [72, 0, 24, 72],
    [48, 6, 24, 48],
  ],
  'ABS-PAD-50': [
    [18, 0, 6, 12],
    [14, 2, 6, 12],
    [9, 0, 4, 8],
  ],
  'ORG-NBR-KIT': [
    [11, 1, 4, 8],
    [8, 0, 3, 6],
    [6, 0, 3, 6],
  ],
  'FUS-GG-16A': [
    [40, 0, 12, 30],
    [0, 0, 10, 30],
    [25, 5, 10, 20],
  ],
  'LMP-LED-T8-18W': [
    [150, 25, 60, 150],
    [130, 0, 50, 120],
    [70, 10, 30, 80],
  ],
};

/** One stock row of the demo data. */
export interface DemoStockLevel {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  reorderPoint: number;
  reorderQuantity: number;
}

/** Flattens the stock table into rows, skipping warehouses that do not stock an item. */
export function demoStockLevels(): DemoStockLevel[] {
  return Object.entries(STOCK).flatMap(([sku, perWarehouse]) =>
    perWarehouse.flatMap((tuple, index) => {
      const warehouse = DEMO_WAREHOUSES[index];
      if (!tuple || !warehouse) return [];
      const [onHand, reserved, reorderPoint, reorderQuantity] = tuple;
      return [{ sku, warehouseId: warehouse.id, onHand, reserved, reorderPoint, reorderQuantity }];
    }),
  );
}
