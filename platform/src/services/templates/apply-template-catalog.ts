// Puts a template's sample catalog into a store through the same services a merchant uses:
// images are rendered and uploaded to the media library, then categories, then products.
// Returns which id each category key and product code prefix got, for the template's pages.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type TCreateProductRequest, type TSkuInput, ZFen } from "@mallwright/schema";
import { z } from "zod";
import type { Database } from "../../db/types.ts";
import type { Env } from "../../env.ts";
import type { Storage } from "../../integrations/storage/index.ts";
import type { CatalogActor } from "../catalog/actor.ts";
import { createCategory } from "../catalog/manage-categories.ts";
import { createProduct } from "../catalog/save-product.ts";
import { findTemplate, TEMPLATES_DIR } from "../platform/templates.ts";
import { type TTemplateImage, ZTemplateImage } from "./render-image.ts";
import { uploadTemplateImage } from "./upload-template-image.ts";

const ZTemplateCategory = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/, "a key is lowercase letters, digits and -"),
  name: z.string(),
  icon: ZTemplateImage.optional(),
});

const ZTemplateProduct = z.strictObject({
  title: z.string(),
  subtitle: z.string().default(""),
  category: z.string(),
  tags: z.array(z.string()).default([]),
  images: z.array(ZTemplateImage).min(1),
  detailHtml: z.string().default(""),
  dimensions: z.array(z.strictObject({ name: z.string(), values: z.array(z.string()) })),
  price: ZFen,
  compareAtPrice: ZFen.nullable(),
  /** Stock of every SKU (unless an override says otherwise). */
  stock: z.number().int().min(0),
  /** Weight of every SKU in grams, for shipping (unless an override says otherwise). */
  weightGrams: z.number().int().min(0).nullable().default(null),
  /** SKU codes are `<codePrefix>-01`, `-02`…; pages refer to the product as `@product:<codePrefix>`. */
  codePrefix: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, "a code prefix is uppercase letters, digits and -"),
  /** Shown as units sold, so sorting by sales has something to sort. */
  sales: z.number().int().min(0).default(0),
  /**
   * Per-SKU changes, applied in order to every SKU whose spec values include all of `values`
   * (1 kg costs more than 500 g; one shade is sold out).
   */
  overrides: z
    .array(
      z.strictObject({
        values: z.array(z.string()).min(1),
        price: ZFen.optional(),
        compareAtPrice: ZFen.nullable().optional(),
        stock: z.number().int().min(0).optional(),
        weightGrams: z.number().int().min(0).nullable().optional(),
      }),
    )
    .default([]),
});
export type TTemplateProduct = z.infer<typeof ZTemplateProduct>;

export const ZTemplateCatalog = z
  .strictObject({
    categories: z.array(ZTemplateCategory.extend({ children: z.array(ZTemplateCategory).default([]) })),
    products: z.array(ZTemplateProduct),
  })
  .superRefine((catalog, ctx) => {
    const keys = new Set<string>();
    const addKey = (key: string, path: (string | number)[]) => {
      if (keys.has(key)) ctx.addIssue({ code: "custom", path, message: `category key ${key} is used twice` });
      keys.add(key);
    };
    catalog.categories.forEach((top, i) => {
      addKey(top.key, ["categories", i, "key"]);
      top.children.forEach((c, j) => {
        addKey(c.key, ["categories", i, "children", j, "key"]);
      });
    });
    const prefixes = new Set<string>();
    catalog.products.forEach((p, i) => {
      if (!keys.has(p.category)) {
        ctx.addIssue({
          code: "custom",
          path: ["products", i, "category"],
          message: `no category has the key ${p.category}`,
        });
      }
      if (prefixes.has(p.codePrefix)) {
        ctx.addIssue({
          code: "custom",
          path: ["products", i, "codePrefix"],
          message: `code prefix ${p.codePrefix} is used twice`,
        });
      }
      prefixes.add(p.codePrefix);
      const values = new Set(p.dimensions.flatMap((d) => d.values));
      p.overrides.forEach((o, j) => {
        for (const v of o.values.filter((v) => !values.has(v))) {
          ctx.addIssue({
            code: "custom",
            path: ["products", i, "overrides", j, "values"],
            message: `no dimension has the value ${v}`,
          });
        }
      });
    });
  });
export type TTemplateCatalog = z.infer<typeof ZTemplateCatalog>;

export interface TemplateDeps {
  db: Database;
  env: Env;
  storage: Storage;
}

/** Category key -> id and product code prefix -> id, as the catalog was created. */
export interface TemplateCatalogIds {
  categories: Record<string, string>;
  products: Record<string, string>;
}

export function readTemplateCatalog(name: string, dir = TEMPLATES_DIR): TTemplateCatalog | null {
  const manifest = findTemplate(name, dir);
  if (!manifest?.catalog) return null;
  return ZTemplateCatalog.parse(JSON.parse(readFileSync(path.join(dir, name, manifest.catalog), "utf8")));
}

/** Every combination of the dimension values, in order (one empty combination without dimensions). */
function combinations(dimensions: { values: string[] }[]): string[][] {
  return dimensions.reduce<string[][]>((acc, d) => acc.flatMap((c) => d.values.map((v) => [...c, v])), [[]]);
}

/** The create request for a template product (CI parses these against the API schema). */
export function templateProductRequest(
  p: TTemplateProduct,
  categoryId: string | null,
  imageIds: string[],
): TCreateProductRequest {
  const skus: TSkuInput[] = combinations(p.dimensions).map((specValues, i) => {
    const sku: TSkuInput = {
      specValues,
      price: p.price,
      compareAtPrice: p.compareAtPrice,
      stock: p.stock,
      code: `${p.codePrefix}-${String(i + 1).padStart(2, "0")}`,
      weightGrams: p.weightGrams,
    };
    for (const o of p.overrides) {
      if (!o.values.every((v) => specValues.includes(v))) continue;
      if (o.price !== undefined) sku.price = o.price;
      if (o.compareAtPrice !== undefined) sku.compareAtPrice = o.compareAtPrice;
      if (o.stock !== undefined) sku.stock = o.stock;
      if (o.weightGrams !== undefined) sku.weightGrams = o.weightGrams;
    }
    return sku;
  });
  return {
    title: p.title,
    subtitle: p.subtitle,
    detailHtml: p.detailHtml,
    categoryId,
    status: "on_shelf",
    tags: p.tags,
    imageIds,
    dimensions: p.dimensions,
    skus,
  };
}

export async function applyTemplateCatalog(
  deps: TemplateDeps,
  actor: CatalogActor,
  name: string,
): Promise<{ categories: number; products: number; ids: TemplateCatalogIds }> {
  const ids: TemplateCatalogIds = { categories: {}, products: {} };
  const catalog = readTemplateCatalog(name);
  if (!catalog) return { categories: 0, products: 0, ids };
  const upload = async (img: TTemplateImage, label: string) =>
    (await uploadTemplateImage(deps, actor.tenantId, img, label)).id;

  for (const top of catalog.categories) {
    const parent = await createCategory(deps.db, deps.env, actor.tenantId, {
      name: top.name,
      parentId: null,
      iconMediaId: top.icon ? await upload(top.icon, top.name) : null,
      visible: true,
    });
    ids.categories[top.key] = parent.id;
    for (const child of top.children) {
      const c = await createCategory(deps.db, deps.env, actor.tenantId, {
        name: child.name,
        parentId: parent.id,
        iconMediaId: child.icon ? await upload(child.icon, child.name) : null,
        visible: true,
      });
      ids.categories[child.key] = c.id;
    }
  }

  for (const p of catalog.products) {
    const imageIds: string[] = [];
    for (const [i, img] of p.images.entries()) imageIds.push(await upload(img, `${p.title}-${i + 1}`));
    const input = templateProductRequest(p, ids.categories[p.category] ?? null, imageIds);
    const saved = await createProduct(deps.db, deps.env, actor, input);
    ids.products[p.codePrefix] = saved.product.id;
    if (p.sales > 0) {
      await deps.db.withTenant(actor.tenantId, (tx) =>
        tx.product.update({ where: { id: saved.product.id }, data: { salesCount: p.sales } }),
      );
    }
  }
  return { categories: Object.keys(ids.categories).length, products: catalog.products.length, ids };
}
