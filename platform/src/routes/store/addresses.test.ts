// The address book on PostgreSQL: personal fields encrypted at rest (the rows hold no plain name,
// phone or street), one default that follows adds, changes and removals, validation, the limit,
// and another shopper's address staying a 404.
import { ADDRESS_BOOK_MAX, type TAddress } from "@mallwright/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, type TenantFixture } from "../../test/harness.ts";

let h: Harness;
let shop: TenantFixture;

const as = (token: string) => ({ token, headers: { "x-mallwright-tenant": shop.key } });
const address = (over: Record<string, unknown> = {}) => ({
  recipient: "王小明",
  phone: "138 0013 8000".replace(/ /g, ""),
  province: "浙江省",
  city: "杭州市",
  district: "西湖区",
  detail: "文三路 90 号",
  ...over,
});

beforeAll(async () => {
  h = await startHarness();
  shop = await h.tenant();
});
afterAll(async () => h?.close());

describe("address book", () => {
  it("stores name, phone and street encrypted, and keeps one default", async () => {
    const token = await h.shopperToken(shop);
    const first = await h.call("POST", "/store/v1/addresses", { ...as(token), body: address() });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      recipient: "王小明",
      phone: "13800138000",
      isDefault: true,
      district: "西湖区",
    });
    const rows = await h.admin.withAdmin((tx) => tx.address.findMany({ where: { tenantId: shop.id } }));
    const raw = JSON.stringify(rows);
    for (const plain of ["王小明", "13800138000", "文三路"]) expect(raw).not.toContain(plain);
    expect(rows[0]).toMatchObject({ phoneTail: "8000", province: "浙江省" });

    const second = await h.call("POST", "/store/v1/addresses", {
      ...as(token),
      body: address({ recipient: "李华", detail: "长安街 1 号", city: "北京市", province: "北京市", isDefault: true }),
    });
    const list = async () => (await h.call("GET", "/store/v1/addresses", as(token))).body.items as TAddress[];
    expect((await list()).map((a) => [a.recipient, a.isDefault])).toEqual([
      ["李华", true],
      ["王小明", false],
    ]);
    const firstId = String(first.body.id);
    const moved = await h.call("PATCH", `/store/v1/addresses/${firstId}`, {
      ...as(token),
      body: { isDefault: true, detail: "文二路 2 号" },
    });
    expect(moved.body).toMatchObject({
      isDefault: true,
      detail: "文二路 2 号",
      recipient: "王小明",
      district: "西湖区",
    });
    const refused = await h.call("PATCH", `/store/v1/addresses/${firstId}`, {
      ...as(token),
      body: { isDefault: false },
    });
    expect(refused.status).toBe(422);
    expect((await h.call("DELETE", `/store/v1/addresses/${firstId}`, as(token))).status).toBe(204);
    expect((await list()).map((a) => [a.id, a.isDefault])).toEqual([[String(second.body.id), true]]);
  });

  it("refuses bad fields and a full book, and keeps other shoppers' addresses out of reach", async () => {
    const token = await h.shopperToken(shop);
    for (const [field, value] of [
      ["phone", "call me"],
      ["recipient", ""],
      ["postalCode", "12"],
      ["detail", "x".repeat(121)],
    ] as const) {
      const res = await h.call("POST", "/store/v1/addresses", { ...as(token), body: address({ [field]: value }) });
      expect(res.status, field).toBe(422);
      expect(res.body.error?.details?.[0]?.path).toBe(field);
    }
    for (let i = 0; i < ADDRESS_BOOK_MAX; i++) {
      expect((await h.call("POST", "/store/v1/addresses", { ...as(token), body: address() })).status).toBe(201);
    }
    expect((await h.call("POST", "/store/v1/addresses", { ...as(token), body: address() })).status).toBe(422);

    const mine = ((await h.call("GET", "/store/v1/addresses", as(token))).body.items as TAddress[])[0]?.id ?? "";
    const stranger = await h.shopperToken(shop);
    expect((await h.call("GET", `/store/v1/addresses/${mine}`, as(stranger))).status).toBe(404);
    expect(
      (await h.call("PATCH", `/store/v1/addresses/${mine}`, { ...as(stranger), body: { label: "家" } })).status,
    ).toBe(404);
    expect((await h.call("DELETE", `/store/v1/addresses/${mine}`, as(stranger))).status).toBe(404);
    expect((await h.call("GET", "/store/v1/addresses", as(stranger))).body.items).toEqual([]);
  });
});
