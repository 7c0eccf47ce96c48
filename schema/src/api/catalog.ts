// Catalog contract: categories, products (SPU) with spec dimensions and SKUs, inventory, bulk
// operations, CSV imports, and the shopper-facing catalog and search.
import { z } from "zod";
import { ZPage, ZPageQuery, ZUuid } from "./common.ts";

/**
 * Money in minor units (fen): a non-negative integer, at most 20 million yuan. Prices are stored as
 * PostgreSQL `integer`, so the bound stays below 2^31 (a larger value would be a 500, not a 422).
 */
export const MAX_FEN = 2_000_000_000;
export const ZFen = z
  .number({ message: "must be a number of fen" })
  .int("must be a whole number of fen")
  .min(0, "must not be negative")
  .max(MAX_FEN, `must be at most ${MAX_FEN} fen`);

export const LIMITS = {
  dimensions: 3,
  valuesPerDimension: 30,
  skusPerProduct: 30 * 30 * 30,
  imagesPerProduct: 15,
  tagsPerProduct: 20,
  detailHtmlBytes: 200_000,
  categoryDepth: 2,
  bulkIds: 500,
  csvBytes: 5 * 1024 * 1024,
  /** Data rows (the header not counted) in one CSV import. */
  csvRows: 10_000,
  /** Most units one SKU may hold; adjustments past it are refused. */
  stock: 10_000_000,
} as const;

const ZName = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

// Categories ----------------------------------------------------------------------------

export const ZCategory = z.object({
  id: ZUuid,
  parentId: ZUuid.nullable(),
  name: z.string(),
  iconMediaId: ZUuid.nullable(),
  iconUrl: z.string().nullable(),
  visible: z.boolean(),
  position: z.number().int(),
  productCount: z.number().int(),
});
export type TCategory = z.infer<typeof ZCategory>;

/** Top-level categories in order, each with its subcategories in order. `productCount` counts the
 * category's own products that are not in the recycle bin (a parent's count excludes its children's). */
export const ZCategoryTree = z.object({
  items: z.array(ZCategory.extend({ children: z.array(ZCategory) })),
});
export type TCategoryTree = z.infer<typeof ZCategoryTree>;

export const ZCreateCategoryRequest = z.strictObject({
  name: ZName(40),
  parentId: ZUuid.nullable().optional(),
  iconMediaId: ZUuid.nullable().optional(),
  visible: z.boolean().default(true),
});
export type TCreateCategoryRequest = z.infer<typeof ZCreateCategoryRequest>;

export const ZUpdateCategoryRequest = z.strictObject({
  name: ZName(40).optional(),
  parentId: ZUuid.nullable().optional(),
  iconMediaId: ZUuid.nullable().optional(),
  visible: z.boolean().optional(),
});
export type TUpdateCategoryRequest = z.infer<typeof ZUpdateCategoryRequest>;

/** The full order of one level after a drag: ids of the siblings under `parentId`, in order. */
export const ZReorderCategoriesRequest = z.strictObject({
  parentId: ZUuid.nullable(),
  ids: z.array(ZUuid).min(1).max(500),
});
export type TReorderCategoriesRequest = z.infer<typeof ZReorderCategoriesRequest>;

/** Deleting a category that has products needs a target for them, or it is refused (409 category_in_use). */
export const ZDeleteCategoryQuery = z.strictObject({ moveTo: ZUuid.optional() });
export type TDeleteCategoryQuery = z.infer<typeof ZDeleteCategoryQuery>;
export const ZDeleteCategoryResponse = z.object({
  ok: z.literal(true),
  /** Products moved to `moveTo` (those in the recycle bin included). */
  movedProducts: z.number().int(),
});

// Products and SKUs ---------------------------------------------------------------------

export const PRODUCT_STATUSES = ["draft", "on_shelf", "off_shelf"] as const;
export const ZProductStatus = z.enum(PRODUCT_STATUSES);
export type TProductStatus = z.infer<typeof ZProductStatus>;

export const ZDimension = z.strictObject({
  name: ZName(20),
  values: z
    .array(ZName(30))
    .min(1, "needs at least one value")
    .max(LIMITS.valuesPerDimension, `at most ${LIMITS.valuesPerDimension} values`)
    .refine((v) => new Set(v).size === v.length, "values must be distinct"),
});
export type TDimension = z.infer<typeof ZDimension>;

export const ZDimensions = z
  .array(ZDimension)
  .max(LIMITS.dimensions, `at most ${LIMITS.dimensions} dimensions`)
  .refine((d) => new Set(d.map((x) => x.name)).size === d.length, "dimension names must be distinct");

export const ZSkuCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._\-/]+$/, "letters, digits and . _ - / only");

export const ZSkuInput = z.strictObject({
  /** One value per dimension, in dimension order; [] when the product has no dimensions. */
  specValues: z.array(z.string().trim().max(30)).max(LIMITS.dimensions),
  price: ZFen,
  compareAtPrice: ZFen.nullable().optional(),
  stock: z
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(0, "must not be negative")
    .max(LIMITS.stock, `must be at most ${LIMITS.stock}`),
  code: ZSkuCode.nullable().optional(),
  imageMediaId: ZUuid.nullable().optional(),
  weightGrams: z.number().int().min(0).max(1_000_000).nullable().optional(),
  lowStockThreshold: z.number().int().min(0).max(1_000_000).nullable().optional(),
});
export type TSkuInput = z.infer<typeof ZSkuInput>;

const productFields = {
  title: ZName(100),
  subtitle: z.string().trim().max(200).default(""),
  /** Rich text; sanitized on the server (no scripts, event handlers or javascript: links). */
  detailHtml: z.string().max(LIMITS.detailHtmlBytes).default(""),
  categoryId: ZUuid.nullable().optional(),
  status: ZProductStatus.default("draft"),
  tags: z.array(ZName(20)).max(LIMITS.tagsPerProduct).default([]),
  imageIds: z.array(ZUuid).max(LIMITS.imagesPerProduct).default([]),
  videoMediaId: ZUuid.nullable().optional(),
  dimensions: ZDimensions.default([]),
  /** Must cover every combination of the dimensions exactly once (one SKU when there are none). */
  skus: z.array(ZSkuInput).min(1).max(LIMITS.skusPerProduct),
};

export const ZCreateProductRequest = z.strictObject(productFields);
export type TCreateProductRequest = z.infer<typeof ZCreateProductRequest>;

/** A partial update; `dimensions` and `skus` go together (the matrix is replaced as a whole). */
export const ZUpdateProductRequest = z
  .strictObject({
    title: productFields.title.optional(),
    subtitle: z.string().trim().max(200).optional(),
    detailHtml: z.string().max(LIMITS.detailHtmlBytes).optional(),
    categoryId: ZUuid.nullable().optional(),
    status: ZProductStatus.optional(),
    tags: z.array(ZName(20)).max(LIMITS.tagsPerProduct).optional(),
    imageIds: z.array(ZUuid).max(LIMITS.imagesPerProduct).optional(),
    videoMediaId: ZUuid.nullable().optional(),
    dimensions: ZDimensions.optional(),
    skus: z.array(ZSkuInput).min(1).max(LIMITS.skusPerProduct).optional(),
  })
  .refine((v) => v.dimensions === undefined || v.skus !== undefined, {
    message: "changing dimensions needs the new skus",
    path: ["skus"],
  });
export type TUpdateProductRequest = z.infer<typeof ZUpdateProductRequest>;

export const STOCK_STATES = ["in_stock", "low_stock", "out_of_stock"] as const;
export const ZStockState = z.enum(STOCK_STATES);
export type TStockState = z.infer<typeof ZStockState>;

export const ZSku = z.object({
  id: ZUuid,
  specValues: z.array(z.string()),
  price: z.number().int(),
  compareAtPrice: z.number().int().nullable(),
  stock: z.number().int(),
  code: z.string().nullable(),
  imageMediaId: ZUuid.nullable(),
  weightGrams: z.number().int().nullable(),
  lowStockThreshold: z.number().int().nullable(),
  /** The threshold in force: the SKU's own, else safety stock from sales, else the store default. */
  effectiveLowStock: z.number().int(),
  stockState: ZStockState,
});
export type TSku = z.infer<typeof ZSku>;

export const ZMediaRef = z.object({ id: ZUuid, url: z.string(), thumbUrl: z.string().nullable() });

export const ZProduct = z.object({
  id: ZUuid,
  title: z.string(),
  subtitle: z.string(),
  detailHtml: z.string(),
  categoryId: ZUuid.nullable(),
  status: ZProductStatus,
  tags: z.array(z.string()),
  images: z.array(ZMediaRef),
  video: ZMediaRef.nullable(),
  dimensions: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  currency: z.string(),
  priceMin: z.number().int(),
  priceMax: z.number().int(),
  stockTotal: z.number().int(),
  salesCount: z.number().int(),
  skus: z.array(ZSku),
  onShelfAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TProduct = z.infer<typeof ZProduct>;
export type TMediaRef = z.infer<typeof ZMediaRef>;

/** What saving a product reports beside the product: SKUs dropped because their combination is gone. */
export const ZSaveProductResponse = z.object({
  product: ZProduct,
  removedSkus: z.array(z.object({ id: ZUuid, specValues: z.array(z.string()), code: z.string().nullable() })),
});
export type TSaveProductResponse = z.infer<typeof ZSaveProductResponse>;

export const ZProductListItem = z.object({
  id: ZUuid,
  title: z.string(),
  status: ZProductStatus,
  categoryId: ZUuid.nullable(),
  tags: z.array(z.string()),
  image: ZMediaRef.nullable(),
  priceMin: z.number().int(),
  priceMax: z.number().int(),
  stockTotal: z.number().int(),
  salesCount: z.number().int(),
  skuCount: z.number().int(),
  lowStock: z.boolean(),
  deletedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TProductListItem = z.infer<typeof ZProductListItem>;

export const ZListProductsQuery = ZPageQuery.extend({
  /** `deleted` is the recycle bin. */
  status: z.enum([...PRODUCT_STATUSES, "deleted"]).optional(),
  /** A top-level category also matches the products of its subcategories. */
  categoryId: ZUuid.optional(),
  tag: z.string().max(20).optional(),
  q: z.string().trim().max(100).optional(),
  lowStock: z.enum(["true", "false"]).optional(),
  sort: z
    .enum(["createdAt", "-createdAt", "price", "-price", "stock", "-stock", "sales", "-sales", "title", "-title"])
    .default("-createdAt"),
});
export type TListProductsQuery = z.infer<typeof ZListProductsQuery>;
export type TProductCounts = z.infer<typeof ZProductPage>["counts"];

export const ZProductPage = ZPage(ZProductListItem).extend({
  /**
   * Counts for the tabs: category, tag and q apply; status and lowStock do not, so the numbers stay
   * put while the merchant switches tabs. `all` is every product not in the bin; `lowStock` counts
   * products not in the bin with at least one SKU at or below its threshold (out of stock included).
   */
  counts: z.object({
    all: z.number().int(),
    draft: z.number().int(),
    on_shelf: z.number().int(),
    off_shelf: z.number().int(),
    deleted: z.number().int(),
    lowStock: z.number().int(),
  }),
});

export const ZBulkProductsRequest = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("on_shelf"), ids: z.array(ZUuid).min(1).max(LIMITS.bulkIds) }),
  z.strictObject({ action: z.literal("off_shelf"), ids: z.array(ZUuid).min(1).max(LIMITS.bulkIds) }),
  z.strictObject({ action: z.literal("delete"), ids: z.array(ZUuid).min(1).max(LIMITS.bulkIds) }),
  z.strictObject({ action: z.literal("restore"), ids: z.array(ZUuid).min(1).max(LIMITS.bulkIds) }),
  z.strictObject({
    action: z.literal("move_category"),
    ids: z.array(ZUuid).min(1).max(LIMITS.bulkIds),
    categoryId: ZUuid.nullable(),
  }),
  z.strictObject({
    action: z.literal("adjust_price"),
    ids: z.array(ZUuid).min(1).max(LIMITS.bulkIds),
    /**
     * `delta`: add fen; `percent`: change by a percentage (-10 = 10 % off, rounded to the fen);
     * `set`: one price for every SKU. A batch that would take any SKU below 0 is refused whole.
     */
    mode: z.enum(["delta", "percent", "set"]),
    value: z.number().int().min(-MAX_FEN).max(MAX_FEN),
  }),
  z.strictObject({
    action: z.literal("adjust_stock"),
    ids: z.array(ZUuid).min(1).max(LIMITS.bulkIds),
    /** Applied to every SKU of the products; a batch that would take any SKU below 0 is refused whole. */
    mode: z.enum(["delta", "set"]),
    value: z.number().int().min(-LIMITS.stock).max(LIMITS.stock),
  }),
]);
export type TBulkProductsRequest = z.infer<typeof ZBulkProductsRequest>;
export const ZBulkProductsResponse = z.object({ updated: z.number().int() });

// Inventory -----------------------------------------------------------------------------

export const INVENTORY_REASONS = ["initial", "manual", "import", "order", "cancel", "refund", "bulk"] as const;
export const ZInventoryReason = z.enum(INVENTORY_REASONS);
export type TInventoryReason = z.infer<typeof ZInventoryReason>;

export const ZAdjustStockRequest = z.strictObject({
  skuId: ZUuid,
  /** `delta` adds `value` (negative takes away); `set` makes the stock `value` (a counted stocktake). */
  mode: z.enum(["delta", "set"]),
  value: z.number().int().min(-LIMITS.stock).max(LIMITS.stock),
  note: z.string().trim().max(200).optional(),
});
export type TAdjustStockRequest = z.infer<typeof ZAdjustStockRequest>;

export const ZInventoryLedgerEntry = z.object({
  id: ZUuid,
  /** null once the SKU was removed by a dimension edit; `specValues` still says which it was. */
  skuId: ZUuid.nullable(),
  specValues: z.array(z.string()),
  delta: z.number().int(),
  stockAfter: z.number().int(),
  reason: ZInventoryReason,
  note: z.string().nullable(),
  ref: z.string().nullable(),
  actorId: ZUuid.nullable(),
  createdAt: z.string(),
});
export type TInventoryLedgerEntry = z.infer<typeof ZInventoryLedgerEntry>;

/** The SKU after an adjustment and the ledger entry that explains it (null when nothing changed). */
export const ZAdjustStockResponse = z.object({ productId: ZUuid, sku: ZSku, entry: ZInventoryLedgerEntry.nullable() });

/** A product's stock ledger, newest first; `skuId` narrows it to one SKU. */
export const ZInventoryLedgerQuery = ZPageQuery.extend({ skuId: ZUuid.optional() });
export type TInventoryLedgerQuery = z.infer<typeof ZInventoryLedgerQuery>;
export const ZInventoryLedgerPage = ZPage(ZInventoryLedgerEntry);

export const ZCatalogSettings = z.object({
  lowStockDefault: z.number().int().min(0).max(1_000_000),
  replenishmentDays: z.number().int().min(1).max(365),
});
export type TCatalogSettings = z.infer<typeof ZCatalogSettings>;
export const ZUpdateCatalogSettingsRequest = ZCatalogSettings.partial().strict();
export type TUpdateCatalogSettingsRequest = z.infer<typeof ZUpdateCatalogSettingsRequest>;

// CSV import ----------------------------------------------------------------------------

/** The columns of the catalog CSV (docs/csv-format.md), in the order an export writes them. */
export const CATALOG_CSV_COLUMNS = [
  "handle",
  "title",
  "subtitle",
  "category",
  "tags",
  "status",
  "option1_name",
  "option1_value",
  "option2_name",
  "option2_value",
  "option3_name",
  "option3_value",
  "sku_code",
  "price",
  "compare_at_price",
  "stock",
  "weight_grams",
] as const;
export type TCatalogCsvColumn = (typeof CATALOG_CSV_COLUMNS)[number];

export const CATALOG_IMPORT_STATUSES = ["queued", "running", "done", "failed"] as const;

/**
 * A CSV import and its progress. `totalRows` is known once the job has read the file; rows are
 * validated first (`processedRows` climbs to `totalRows`), then applied all at once: `done` wrote
 * every row, `failed` wrote nothing and `errorCount` problems are in the error report.
 * `createdCount`: rows that created a SKU; `updatedCount`: rows that changed their SKU or product.
 */
export const ZCatalogImport = z.object({
  id: ZUuid,
  status: z.enum(CATALOG_IMPORT_STATUSES),
  filename: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  errorCount: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TCatalogImport = z.infer<typeof ZCatalogImport>;
/** One problem of an import: `row` is the CSV line the record starts on (the header is line 1). */
export const ZCsvRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type TCsvRowError = z.infer<typeof ZCsvRowError>;

export const ZCatalogImportPage = ZPage(ZCatalogImport);
export const ZListCatalogImportsQuery = ZPageQuery;
export type TListCatalogImportsQuery = z.infer<typeof ZListCatalogImportsQuery>;

/** For a raw `text/csv` upload, which has no file name of its own. */
export const ZImportCatalogQuery = z.strictObject({ filename: z.string().trim().min(1).max(200).optional() });

/** Which products an export writes (never those in the recycle bin); the same filters as the list. */
export const ZExportCatalogQuery = z.strictObject({
  status: ZProductStatus.optional(),
  /** A top-level category also matches the products of its subcategories. */
  categoryId: ZUuid.optional(),
  q: z.string().trim().max(100).optional(),
});
export type TExportCatalogQuery = z.infer<typeof ZExportCatalogQuery>;

// Shopper catalog -----------------------------------------------------------------------

/** A visible top-level category with its visible subcategories, both in the merchant's order. */
export const ZStoreCategory = z.object({
  id: ZUuid,
  name: z.string(),
  iconUrl: z.string().nullable(),
  children: z.array(z.object({ id: ZUuid, name: z.string(), iconUrl: z.string().nullable() })),
});
export type TStoreCategory = z.infer<typeof ZStoreCategory>;
export const ZStoreCategoryTree = z.object({ items: z.array(ZStoreCategory) });
export type TStoreCategoryTree = z.infer<typeof ZStoreCategoryTree>;

export const ZStoreProductCard = z.object({
  id: ZUuid,
  title: z.string(),
  subtitle: z.string(),
  /** The first gallery image (its thumbnail when there is one). */
  image: z.string().nullable(),
  priceMin: z.number().int(),
  priceMax: z.number().int(),
  /** The struck-through price of the cheapest SKU, when it has one above its price. */
  compareAtPrice: z.number().int().nullable(),
  currency: z.string(),
  /** `in_stock` when some SKU is above its low-stock threshold, `low_stock` when some SKU has stock. */
  stockState: ZStockState,
  salesCount: z.number().int(),
});
export type TStoreProductCard = z.infer<typeof ZStoreProductCard>;

export const STORE_PRODUCT_SORTS = ["newest", "price", "-price", "sales", "relevance"] as const;
export type TStoreProductSort = (typeof STORE_PRODUCT_SORTS)[number];

export const ZStoreProductsQuery = ZPageQuery.extend({
  /** A top-level category also matches the products of its subcategories. */
  category: ZUuid.optional(),
  /** Exact tag. */
  tag: z.string().trim().min(1).max(20).optional(),
  /** Words to find in title, subtitle or tags (every word must match somewhere); Chinese and Latin. */
  q: z.string().trim().max(100).optional(),
  /** Price range in fen; a product matches when its price range overlaps it. */
  minPrice: z.coerce.number().int().min(0).max(MAX_FEN).optional(),
  maxPrice: z.coerce.number().int().min(0).max(MAX_FEN).optional(),
  /** `true`: only products with stock; `false` or absent: all. */
  inStock: z.enum(["true", "false"]).optional(),
  /** Default: `relevance` when `q` is given, else `newest`. `price` sorts by the lowest price. */
  sort: z.enum(STORE_PRODUCT_SORTS).optional(),
})
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    message: "must not be below minPrice",
    path: ["maxPrice"],
  })
  .refine((v) => v.sort !== "relevance" || (v.q ?? "") !== "", {
    message: "relevance needs a search query (q)",
    path: ["sort"],
  });
export type TStoreProductsQuery = z.infer<typeof ZStoreProductsQuery>;
export const ZStoreProductPage = ZPage(ZStoreProductCard);
export type TStoreProductPage = z.infer<typeof ZStoreProductPage>;

export const ZStoreProductDetail = z.object({
  id: ZUuid,
  title: z.string(),
  subtitle: z.string(),
  detailHtml: z.string(),
  images: z.array(z.string()),
  video: z.string().nullable(),
  currency: z.string(),
  priceMin: z.number().int(),
  priceMax: z.number().int(),
  salesCount: z.number().int(),
  categoryId: ZUuid.nullable(),
  /** The SKU picker's matrix: dimensions, each value's availability, and every SKU by its values. */
  dimensions: z.array(
    z.object({
      name: z.string(),
      /** `available`: some SKU with this value has stock. */
      values: z.array(z.object({ value: z.string(), available: z.boolean() })),
    }),
  ),
  skus: z.array(
    z.object({
      id: ZUuid,
      specValues: z.array(z.string()),
      price: z.number().int(),
      compareAtPrice: z.number().int().nullable(),
      image: z.string().nullable(),
      stockState: ZStockState,
      /** Exact stock only when low, as shops show "only 3 left". */
      stockLeft: z.number().int().nullable(),
    }),
  ),
});
export type TStoreProductDetail = z.infer<typeof ZStoreProductDetail>;

/** What has been typed so far; empty (the box was cleared) gives no suggestions rather than an error. */
export const ZSearchSuggestQuery = z.strictObject({ q: z.string().trim().max(50).default("") });
export type TSearchSuggestQuery = z.infer<typeof ZSearchSuggestQuery>;
/** Up to 8: tags (productId null) and product titles that start with or contain q, prefix matches first. */
export const ZSearchSuggestions = z.object({
  suggestions: z.array(z.object({ text: z.string(), productId: ZUuid.nullable() })),
});
export type TSearchSuggestions = z.infer<typeof ZSearchSuggestions>;
/** The store's most searched words of the last 30 days (trimmed, lower-cased), searches that found something. */
export const ZHotSearchWords = z.object({ words: z.array(z.object({ text: z.string(), count: z.number().int() })) });
export type THotSearchWords = z.infer<typeof ZHotSearchWords>;
