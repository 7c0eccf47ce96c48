// The shared route security suite. It walks the app's own route table, so a new route is
// covered the day it is added: no session -> 401, a lower role -> 403, tenant A with tenant B's
// ids -> 404 with none of B's data and nothing of B's changed, a suspended store -> 423.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleWithout } from "../auth/permissions.ts";
import { loadTestSettings } from "../test/database.ts";
import { type Harness, startHarness, type TenantFixture } from "../test/harness.ts";
import { RESOURCE_FIXTURES } from "../test/resource-fixtures.ts";
import { ACCESS_EXTENSION, type Access, type ResourceKind } from "./access.ts";

/** Routes outside the OpenAPI document, with who may call them and why. */
const UNDOCUMENTED: Record<string, { access: Access["kind"]; reason: string }> = {
  "GET /openapi.json": { access: "public", reason: "the API description is public" },
  "GET /docs": { access: "public", reason: "the API docs UI is public" },
  "GET /docs/assets/:file": { access: "public", reason: "static assets of the docs UI" },
};
/** Mounted sub-apps not described in OpenAPI (the queue dashboard): every path under the prefix. */
const UNDOCUMENTED_PREFIXES: { prefix: string; access: Access["kind"]; reason: string }[] = [
  { prefix: "/platform/v1/queues", access: "platform", reason: "bull-board queue dashboard, platform admins only" },
];

/**
 * Valid bodies for routes whose OpenAPI body has no `example`, so a request passes validation
 * and reaches the ownership check. Prefer `body(schema, example)` in the route.
 */
const SAMPLE_BODIES: Record<string, unknown> = {
  "POST /platform/v1/tenants": { name: "X", key: "sample-key", ownerEmail: "x@sample.test" },
  "PATCH /platform/v1/tenants/{id}": { name: "Renamed" },
  "POST /platform/v1/tenants/{id}/suspend": {},
  "POST /merchant/v1/auth/switch": { tenant: "nowhere" },
  "POST /merchant/v1/staff/invites": { email: "new@sample.test", role: "staff" },
  "PATCH /merchant/v1/staff/{id}": { role: "staff" },
  "POST /merchant/v1/staff/transfer-ownership": { memberId: "00000000-0000-7000-8000-000000000000" },
};

interface RouteCase {
  method: string;
  path: string; // OpenAPI form, {id}
  access: Access;
  example?: unknown;
}

let h: Harness;
let a: TenantFixture;
let b: TenantFixture;
let suspended: TenantFixture;
let platformToken: string;
let bShopper: string;
let routes: RouteCase[];
let bInvite: string;
/** One id of each resource kind, in tenant B. */
const bIds = {} as Record<ResourceKind, string>;
/** The same in tenant A (for lower-role checks, which must reach the permission check first). */
const aIds = {} as Record<ResourceKind, string>;

function isAccess(v: unknown): v is Access {
  return typeof v === "object" && v !== null && "kind" in v;
}

async function collectRoutes(): Promise<RouteCase[]> {
  const doc = await h.call("GET", "/openapi.json");
  const paths = doc.body.paths as Record<string, Record<string, Record<string, unknown>>>;
  const documented = new Map<string, { access: Access; example?: unknown }>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const access = op[ACCESS_EXTENSION];
      if (!isAccess(access)) throw new Error(`${method.toUpperCase()} ${path} declares no access`);
      const content = (op.requestBody as { content?: Record<string, { example?: unknown }> } | undefined)?.content;
      documented.set(`${method.toUpperCase()} ${path}`, { access, example: content?.["application/json"]?.example });
    }
  }
  const seen = new Set<string>();
  const cases: RouteCase[] = [];
  for (const r of h.app.routes) {
    if (r.method === "ALL") continue; // middleware
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const key = `${r.method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const known = documented.get(key);
    if (known) {
      cases.push({ method: r.method, path, access: known.access, example: known.example });
      continue;
    }
    const listed = UNDOCUMENTED[`${r.method} ${r.path}`];
    const prefixed = UNDOCUMENTED_PREFIXES.find((p) => r.path.startsWith(p.prefix));
    const kind = listed?.access ?? prefixed?.access;
    if (!kind) throw new Error(`route ${key} is neither in the OpenAPI document nor classified in UNDOCUMENTED`);
    cases.push({
      method: r.method,
      path,
      access: kind === "platform" ? { kind } : { kind: "public", reason: listed?.reason ?? prefixed?.reason ?? "" },
    });
  }
  return cases;
}

/** Values for path parameters that name no resource, valid so the request reaches the ownership check. */
const SAMPLE_PARAMS: Record<string, string> = {
  id: "0190d7c4-0000-7000-8000-000000000001",
  version: "1", // a page version number (GET /merchant/v1/pages/{id}/versions/{version})
};

function concrete(path: string, ids: Partial<Record<ResourceKind, string>>, params?: Record<string, ResourceKind>) {
  return path.replace(/\{([A-Za-z0-9_]+)\}|\*/g, (_m, name: string | undefined) => {
    const kind = name ? params?.[name] : undefined;
    if (kind && ids[kind]) return ids[kind] ?? "";
    return (name && SAMPLE_PARAMS[name]) ?? "x";
  });
}

function bodyFor(r: RouteCase) {
  if (r.method === "GET" || r.method === "DELETE" || r.method === "HEAD") return undefined;
  return r.example ?? SAMPLE_BODIES[`${r.method} ${r.path}`] ?? {};
}

/** What of B can be read back; must be the same before and after A's attempts. */
/** Sessions can't be created for a suspended store, so they are made before it is suspended. */
const suspendedTokens: string[] = [];
async function suspendedSession(): Promise<string> {
  const t = suspendedTokens.pop();
  if (!t) throw new Error("ran out of sessions made before suspension");
  return t;
}

async function snapshotB() {
  return h.admin.withAdmin(async (tx) => ({
    members: await tx.membership.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    invites: await tx.staffInvite.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    tenant: await tx.tenant.findUnique({ where: { id: b.id } }),
    media: await tx.media.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    categories: await tx.category.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    products: await tx.product.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    skus: await tx.sku.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    imports: await tx.catalogImport.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    pages: await tx.page.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    pageVersions: await tx.pageVersion.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    storeSettings: await tx.storeSettings.findMany({ where: { tenantId: b.id } }),
    shoppers: await tx.shopper.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    cartItems: await tx.cartItem.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    addresses: await tx.address.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    orders: await tx.order.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
    afterSales: await tx.afterSale.findMany({ where: { tenantId: b.id }, orderBy: { id: "asc" } }),
  }));
}

beforeAll(async () => {
  h = await startHarness({ REDIS_URL: loadTestSettings().redis });
  a = await h.tenant();
  b = await h.tenant();
  suspended = await h.tenant();
  platformToken = (await h.platformAdmin()).token;
  const inv = await h.call("POST", "/merchant/v1/staff/invites", {
    token: b.tokens.owner,
    body: { email: "pending@b.test", role: "staff" },
  });
  expect(inv.status).toBe(201);
  bInvite = String(inv.body.id);
  for (const kind of Object.keys(RESOURCE_FIXTURES) as ResourceKind[]) {
    bIds[kind] = await RESOURCE_FIXTURES[kind](h, b);
    aIds[kind] = await RESOURCE_FIXTURES[kind](h, a);
  }
  bIds.invite = bInvite;
  for (let i = 0; i < 80; i++) suspendedTokens.push(await h.sessionFor(suspended, "owner"));
  await h.admin.withAdmin((tx) => tx.tenant.update({ where: { id: suspended.id }, data: { status: "suspended" } }));
  bShopper = await h.shopperToken(b);
  routes = await collectRoutes();
});

afterAll(async () => {
  await h?.close();
});

describe("route table", () => {
  it("classifies every route and lists the opt-outs with their reasons", () => {
    expect(routes.length).toBeGreaterThan(15);
    const optOuts = routes.filter((r) => r.access.kind === "public" || r.access.kind === "store");
    for (const r of optOuts) {
      const reason = "reason" in r.access ? r.access.reason : "";
      expect(reason, `${r.method} ${r.path} opts out without a reason`).toMatch(/\w{3,}/);
    }
    const listing = optOuts.map(
      (r) => `  ${r.method} ${r.path} [${r.access.kind}]: ${"reason" in r.access ? r.access.reason : ""}`,
    );
    console.info(`Routes that need no session (${optOuts.length}):\n${listing.join("\n")}`);
    expect(routes.some((r) => r.path.startsWith("/platform/v1/queues"))).toBe(true);
  });
});

describe("without a session", () => {
  it("every non-public route answers 401 with the envelope", async () => {
    const checked: string[] = [];
    for (const r of routes) {
      if (r.access.kind === "public" || r.access.kind === "store") continue;
      // A shopper route names its store first (else 400): the store is real, the session missing.
      const headers: Record<string, string> = r.access.kind === "shopper" ? { "x-mallwright-tenant": a.key } : {};
      const res = await h.call(r.method, concrete(r.path, {}), { headers, body: bodyFor(r) });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.body.error?.code, `${r.method} ${r.path}`).toBe("unauthenticated");
      expect(res.body.error?.requestId).toBeTruthy();
      checked.push(r.path);
    }
    expect(checked.length).toBeGreaterThan(10);
  });

  it("a forged or revoked token is no session either", async () => {
    const forged = `mwm_${"A".repeat(43)}`;
    for (const r of routes.filter((x) => x.access.kind === "merchant")) {
      const res = await h.call(r.method, concrete(r.path, {}), { token: forged, body: bodyFor(r) });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it("store routes need the store key header and a real store", async () => {
    for (const r of routes) {
      if (r.access.kind !== "store") continue;
      const path = concrete(r.path, aIds, r.access.params);
      const body = bodyFor(r);
      expect((await h.call(r.method, path, { body })).status).toBe(400);
      expect((await h.call(r.method, path, { headers: { "x-mallwright-tenant": "no-such-store" }, body })).status).toBe(
        404,
      );
      expect((await h.call(r.method, path, { headers: { "x-mallwright-tenant": a.key }, body })).status, path).toBe(
        200,
      );
    }
  });

  it("shopper routes refuse forged tokens, merchant and platform tokens, and another store's shopper (401)", async () => {
    const shopperRoutes = routes.filter((x) => x.access.kind === "shopper");
    expect(shopperRoutes.length).toBeGreaterThan(3);
    const forged = `mws_${"A".repeat(43)}`;
    for (const r of shopperRoutes) {
      const path = concrete(r.path, {});
      for (const token of [forged, await h.sessionFor(a, "owner"), platformToken, bShopper]) {
        // A request otherwise well formed (body, Idempotency-Key): a route whose handler looks the
        // session up in its own first read (access.session "in-handler") gets that far and must
        // refuse there, having changed nothing.
        const res = await h.call(r.method, path, {
          token,
          headers: { "x-mallwright-tenant": a.key, "idempotency-key": `security-${r.method}-${r.path}` },
          body: bodyFor(r),
        });
        expect(res.status, `${r.method} ${r.path}`).toBe(401);
        expect(res.body.error?.code).toBe("unauthenticated");
      }
    }
  });
});

describe("with a lower role", () => {
  it("platform routes refuse merchant sessions (403)", async () => {
    for (const r of routes.filter((x) => x.access.kind === "platform")) {
      const res = await h.call(r.method, concrete(r.path, {}), {
        token: await h.sessionFor(a, "owner"),
        body: bodyFor(r),
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
    }
  });

  it("merchant routes refuse roles without the permission, and platform sessions (403)", async () => {
    let lowerRoleChecks = 0;
    for (const r of routes) {
      if (r.access.kind !== "merchant") continue;
      const role = roleWithout(r.access.permission);
      if (role) {
        const res = await h.call(
          r.method,
          concrete(r.path, { ...aIds, membership: a.members.owner }, r.access.params),
          {
            token: await h.sessionFor(a, role),
            body: bodyFor(r),
          },
        );
        expect(res.status, `${r.method} ${r.path} as ${role}`).toBe(403);
        lowerRoleChecks++;
      }
      const asPlatform = await h.call(r.method, concrete(r.path, {}), { token: platformToken, body: bodyFor(r) });
      expect(asPlatform.status, `${r.method} ${r.path} as platform admin`).toBe(403);
    }
    expect(lowerRoleChecks).toBeGreaterThan(3);
  });
});

describe("across tenants", () => {
  it("tenant A naming tenant B's ids gets 404, sees none of B's data, changes nothing of B's", async () => {
    const before = await snapshotB();
    const secretsOfB = [b.id, b.key, b.emails.owner, b.emails.staff, ...Object.values(bIds), "pending@b.test"];
    let crossChecks = 0;
    for (const r of routes) {
      if (r.access.kind !== "merchant" && r.access.kind !== "store" && r.access.kind !== "shopper") continue;
      // Merchant routes with A's session; store routes with A's store key; shopper routes as A's shopper.
      const who =
        r.access.kind === "merchant"
          ? { token: await h.sessionFor(a, "owner") }
          : r.access.kind === "shopper"
            ? // A session per route: the sign-out route ends the one it is given.
              { token: await h.shopperToken(a, "cross-tenant"), headers: { "x-mallwright-tenant": a.key } }
            : { headers: { "x-mallwright-tenant": a.key } };
      const res = await h.call(r.method, concrete(r.path, bIds, r.access.params), { ...who, body: bodyFor(r) });
      const text = JSON.stringify(res.body);
      for (const s of secretsOfB) expect(text, `${r.method} ${r.path} leaked ${s}`).not.toContain(s);
      if (r.access.params) {
        expect(res.status, `${r.method} ${r.path}`).toBe(404);
        expect(res.body.error?.code).toBe("not_found");
        crossChecks++;
      }
    }
    expect(crossChecks).toBeGreaterThanOrEqual(3);
    expect(await snapshotB()).toEqual(before);
  });
});

describe("suspended store", () => {
  it("merchant routes answer 423 for a suspended store's staff, store routes 423 for its key", async () => {
    for (const r of routes) {
      if (r.access.kind === "merchant") {
        const res = await h.call(r.method, concrete(r.path, {}), { token: await suspendedSession(), body: bodyFor(r) });
        expect(res.status, `${r.method} ${r.path}`).toBe(423);
        expect(res.body.error?.code).toBe("tenant_suspended");
      }
      if (r.access.kind === "store" || r.access.kind === "shopper") {
        const res = await h.call(r.method, r.path, {
          headers: { "x-mallwright-tenant": suspended.key },
          body: bodyFor(r),
        });
        expect(res.status, `${r.method} ${r.path}`).toBe(423);
      }
    }
  });
});
