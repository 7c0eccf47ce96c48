// Test fixtures for pages: documents and blocks, catalog rows made directly (many at once, long
// titles for the size budget) and media rows of a chosen weight.
import { CURRENT_SCHEMA_VERSION } from "@mallwright/schema";
import { expect } from "vitest";
import type { Harness, TenantFixture } from "../../test/harness.ts";

let n = 0;
/** Strictly increasing creation times, so "newest" has one right answer. */
let clock = Date.now();
const tick = () => {
  clock += 1000;
  return clock;
};

export type Block = { id: string; type: string; name?: string; props: Record<string, unknown>; children?: Block[] };

export function doc(blocks: Block[] = [], title = "Page"): Record<string, unknown> {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, title, blocks };
}

export const grid = (id: string, source: Record<string, unknown>, props: Record<string, unknown> = {}): Block => ({
  id,
  type: "product-grid",
  props: { source, limit: 6, ...props },
});

export const image = (id: string, props: Record<string, unknown>): Block => ({ id, type: "image", props });

export const imageRef = (mediaId: string | null) => ({
  mediaId,
  url: `https://cdn.mallwright.test/m/${mediaId ?? "x"}.jpg`,
});

/** Products made directly (no SKUs unless `stock`), `on_shelf` unless told; returns their ids in order. */
export async function insertProducts(
  h: Harness,
  t: TenantFixture,
  count: number,
  over: {
    status?: string;
    title?: (i: number) => string;
    subtitle?: string;
    categoryId?: string;
    tags?: string[];
  } = {},
): Promise<string[]> {
  return h.db.withTenant(t.id, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const p = await tx.product.create({
        data: {
          tenantId: t.id,
          title: over.title?.(i) ?? `Product ${++n}`,
          subtitle: over.subtitle ?? "",
          status: over.status ?? "on_shelf",
          categoryId: over.categoryId ?? null,
          tags: over.tags ?? [],
          priceMin: 1000,
          priceMax: 1000,
          stockTotal: 5,
          salesCount: i,
          createdAt: new Date(tick()),
        },
        select: { id: true },
      });
      await tx.sku.create({ data: { tenantId: t.id, productId: p.id, specKey: "", price: 1000, stock: 5 } });
      ids.push(p.id);
    }
    return ids;
  });
}

export async function createCategory(h: Harness, t: TenantFixture, name: string, parentId?: string): Promise<string> {
  const res = await h.call("POST", "/merchant/v1/categories", {
    token: t.tokens.owner,
    body: { name, ...(parentId ? { parentId } : {}) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
}

/** An image row of `bytes`, with a `medium` variant of `mediumBytes` when given. */
export async function insertImage(h: Harness, t: TenantFixture, bytes: number, mediumBytes?: number): Promise<string> {
  return h.db.withTenant(t.id, async (tx) => {
    const key = `${t.id}/page-test-${Date.now()}-${++n}`;
    const m = await tx.media.create({
      data: {
        tenantId: t.id,
        kind: "image",
        mime: "image/jpeg",
        name: `img-${n}.jpg`,
        storageKey: `${key}.jpg`,
        bytes,
        width: 1500,
        height: 1000,
        sha256: "0".repeat(64),
        variants:
          mediumBytes === undefined
            ? {}
            : {
                medium: { key: `${key}-medium.webp`, width: 750, height: 500, bytes: mediumBytes, mime: "image/webp" },
              },
      },
      select: { id: true },
    });
    return m.id;
  });
}

/** Creates a page through the API (asserting 201) and returns its id. */
export async function createPageVia(h: Harness, token: string, body: Record<string, unknown>): Promise<string> {
  const res = await h.call("POST", "/merchant/v1/pages", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
}

/** Saves a draft at the page's current revision (asserting 200). */
export async function saveDraftVia(h: Harness, token: string, id: string, document: unknown) {
  const page = await h.call("GET", `/merchant/v1/pages/${id}`, { token });
  const res = await h.call("PUT", `/merchant/v1/pages/${id}/draft`, {
    token,
    body: document,
    headers: { "if-match": page.headers.get("etag") ?? "" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res;
}
