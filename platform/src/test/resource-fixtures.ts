// One tenant-owned row per resource kind, made directly (admin client) in a given tenant, so the
// route security suite can aim tenant A's requests at tenant B's ids for every route.
import type { ResourceKind } from "../http/access.ts";
import type { Harness, TenantFixture } from "./harness.ts";

type Maker = (h: Harness, t: TenantFixture) => Promise<string>;

export const RESOURCE_FIXTURES: Record<ResourceKind, Maker> = {
  membership: async (_h, t) => t.members.staff,
  invite: (h, t) =>
    h.admin.withAdmin(async (tx) => {
      const invite = await tx.staffInvite.create({
        data: {
          tenantId: t.id,
          email: `pending-${Date.now()}@${t.key}.test`,
          role: "staff",
          tokenHash: new Uint8Array(32).map(() => Math.floor(Math.random() * 256)),
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      return invite.id;
    }),
  media: (h, t) =>
    h.admin.withAdmin(async (tx) => {
      const m = await tx.media.create({
        data: {
          tenantId: t.id,
          kind: "image",
          mime: "image/png",
          name: "fixture.png",
          storageKey: `${t.id}/fixture-${Date.now()}-${Math.random().toString(36).slice(2)}.png`,
          bytes: 1,
          width: 1,
          height: 1,
          sha256: "0".repeat(64),
        },
      });
      return m.id;
    }),
  category: (h, t) =>
    h.admin.withAdmin(async (tx) => (await tx.category.create({ data: { tenantId: t.id, name: "Fixture" } })).id),
  product: (h, t) =>
    h.admin.withAdmin(async (tx) => {
      const p = await tx.product.create({
        data: {
          tenantId: t.id,
          title: "Fixture product",
          status: "on_shelf",
          priceMin: 100,
          priceMax: 100,
          stockTotal: 5,
        },
      });
      await tx.sku.create({ data: { tenantId: t.id, productId: p.id, specKey: "", price: 100, stock: 5 } });
      return p.id;
    }),
  page: (h, t) =>
    h.admin.withAdmin(async (tx) => {
      const document = { schemaVersion: 2, title: "Fixture page", blocks: [] };
      const p = await tx.page.create({ data: { tenantId: t.id, title: "Fixture page", draft: document } });
      await tx.pageVersion.create({ data: { tenantId: t.id, pageId: p.id, version: 1, document } });
      // Home too when the store has none, so GET /store/v1/pages/home has something to serve.
      const isHome = (await tx.page.count({ where: { tenantId: t.id, isHome: true } })) === 0;
      await tx.page.update({ where: { id: p.id }, data: { publishedVersion: 1, publishedAt: new Date(), isHome } });
      return p.id;
    }),
  "cart-item": (h, t) =>
    h.admin.withAdmin(async (tx) => {
      const shopper = await tx.shopper.create({
        data: { tenantId: t.id, provider: "dev", subject: `fixture-${Math.random().toString(36).slice(2)}` },
      });
      const p = await tx.product.create({
        data: {
          tenantId: t.id,
          title: "Cart fixture",
          status: "on_shelf",
          priceMin: 100,
          priceMax: 100,
          stockTotal: 5,
        },
      });
      const sku = await tx.sku.create({ data: { tenantId: t.id, productId: p.id, specKey: "", price: 100, stock: 5 } });
      const line = await tx.cartItem.create({
        data: { tenantId: t.id, shopperId: shopper.id, skuId: sku.id, quantity: 1, priceSeen: 100, titleSeen: p.title },
      });
      return line.id;
    }),
  address: (h, t) =>
    h.admin.withAdmin(async (tx) => {
      const shopper = await tx.shopper.create({
        data: { tenantId: t.id, provider: "dev", subject: `fixture-${Math.random().toString(36).slice(2)}` },
      });
      const a = await tx.address.create({
        data: {
          tenantId: t.id,
          shopperId: shopper.id,
          // Not decryptable: the suite only checks that no one else can reach it.
          recipientEnc: "v1.x.a.b.c",
          phoneEnc: "v1.x.a.b.c",
          phoneTail: "0000",
          province: "浙江省",
          city: "杭州市",
          district: "西湖区",
          detailEnc: "v1.x.a.b.c",
        },
      });
      return a.id;
    }),
  order: (h, t) =>
    h.admin.withAdmin(async (tx) => {
      const shopper = await tx.shopper.create({
        data: { tenantId: t.id, provider: "dev", subject: `fixture-${Math.random().toString(36).slice(2)}` },
      });
      const o = await tx.order.create({
        data: {
          tenantId: t.id,
          number: `F${Date.now()}${Math.floor(Math.random() * 1e6)}`,
          shopperId: shopper.id,
          status: "pending_payment",
          delivery: "pickup",
          pickupName: "Fixture point",
          pickupCode: "123456",
          itemsTotal: 100,
          shippingFee: 0,
          total: 100,
          itemCount: 1,
          payBy: new Date(Date.now() + 3_600_000),
        },
      });
      return o.id;
    }),
  "after-sale": async (h, t) => {
    const orderId = await RESOURCE_FIXTURES.order(h, t);
    return h.admin.withAdmin(async (tx) => {
      const o = await tx.order.findUniqueOrThrow({ where: { id: orderId } });
      const a = await tx.afterSale.create({
        data: {
          tenantId: t.id,
          orderId,
          shopperId: o.shopperId,
          kind: "refund",
          status: "requested",
          reason: "fixture",
          amount: 100,
        },
      });
      return a.id;
    });
  },
  "order-export": (h, t) =>
    h.admin.withAdmin(
      async (tx) =>
        (await tx.orderExport.create({ data: { tenantId: t.id, masked: false, status: "done", content: "x" } })).id,
    ),
  "catalog-import": (h, t) =>
    h.admin.withAdmin(
      async (tx) => (await tx.catalogImport.create({ data: { tenantId: t.id, filename: "f.csv", content: "" } })).id,
    ),
};
