// Puts a template's sample catalog into a store through the same services a merchant uses:
// images are rendered and uploaded to the media library, then categories, then products.
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
import { uploadMedia } from "../media/upload-media.ts";
import { findTemplate, TEMPLATES_DIR } from "../platform/templates.ts";
import { renderTemplateImage, ZTemplateImage } from "./render-image.ts";

const ZTemplateCategory = z.strictObject({
  key: z.string(),
  name: z.string(),
  icon: ZTemplateImage.optional(),
});

export const ZTemplateCatalog = z.strictObject({
  categories: z.array(ZTemplateCategory.extend({ children: z.array(ZTemplateCategory).default([]) })),
  products: z.array(
    z.strictObject({
      title: z.string(),
      subtitle: z.string().default(""),
      category: z.string(),
      tags: z.array(z.string()).default([]),
      images: z.array(ZTemplateImage).min(1),
      detailHtml: z.string().default(""),
      dimensions: z.array(z.strictObject({ name: z.string(), values: z.array(z.string()) })),
      price: ZFen,
      compareAtPrice: ZFen.nullable(),
      /** Stock of every SKU. */
      stock: z.number().int().min(0),
      codePrefix: z.string(),
      /** Shown as units sold, so sorting by sales has something to sort. */
      sales: z.number().int().min(0).default(0),
    }),
  ),
});
export type TTemplateCatalog = z.infer<typeof ZTemplateCatalog>;

export interface TemplateDeps {
  db: Database;
  env: Env;
  storage: Storage;
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

export async function applyTemplateCatalog(deps: TemplateDeps, actor: CatalogActor, name: string) {
  const catalog = readTemplateCatalog(name);
  if (!catalog) return { categories: 0, products: 0 };
  const upload = async (img: z.infer<typeof ZTemplateImage>, label: string) =>
    (
      await uploadMedia(deps, actor.tenantId, {
        bytes: await renderTemplateImage(img),
        filename: "template.jpg",
        name: label.replace(/[/\\]/g, "-"),
        folder: "template",
      })
    ).id;

  const categoryIds = new Map<string, string>();
  for (const top of catalog.categories) {
    const parent = await createCategory(deps.db, deps.env, actor.tenantId, {
      name: top.name,
      parentId: null,
      iconMediaId: top.icon ? await upload(top.icon, top.name) : null,
      visible: true,
    });
    categoryIds.set(top.key, parent.id);
    for (const child of top.children) {
      const c = await createCategory(deps.db, deps.env, actor.tenantId, {
        name: child.name,
        parentId: parent.id,
        iconMediaId: child.icon ? await upload(child.icon, child.name) : null,
        visible: true,
      });
      categoryIds.set(child.key, c.id);
    }
  }

  for (const p of catalog.products) {
    const imageIds: string[] = [];
    for (const [i, img] of p.images.entries()) imageIds.push(await upload(img, `${p.title}-${i + 1}`));
    const skus: TSkuInput[] = combinations(p.dimensions).map((specValues, i) => ({
      specValues,
      price: p.price,
      compareAtPrice: p.compareAtPrice,
      stock: p.stock,
      code: `${p.codePrefix}-${String(i + 1).padStart(2, "0")}`,
    }));
    const input: TCreateProductRequest = {
      title: p.title,
      subtitle: p.subtitle,
      detailHtml: p.detailHtml,
      categoryId: categoryIds.get(p.category) ?? null,
      status: "on_shelf",
      tags: p.tags,
      imageIds,
      dimensions: p.dimensions,
      skus,
    };
    const saved = await createProduct(deps.db, deps.env, actor, input);
    if (p.sales > 0) {
      await deps.db.withTenant(actor.tenantId, (tx) =>
        tx.product.update({ where: { id: saved.product.id }, data: { salesCount: p.sales } }),
      );
    }
  }
  return { categories: categoryIds.size, products: catalog.products.length };
}
