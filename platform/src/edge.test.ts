// The edge entry (edge.ts) against the Node app: the same JSON for the same store page. Runs the
// Worker under `wrangler dev --local` (workerd) with Hyperdrive's local connection string pointed at
// the test database as the app role, and also calls its fetch handler in-process.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, roleUrl } from "./db/open.ts";
import { handleEdgeRequest } from "./edge.ts";
import { type Harness, startHarness } from "./test/harness.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const READY_MS = 60_000;

let h: Harness;
let appUrl: string;
let worker: ChildProcess | undefined;
let workerLog = "";
let base = "";
let stateDir = "";
const store = { key: "", home: "", other: "", product: "" };
let otherStore = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string) {
  const until = Date.now() + READY_MS;
  while (Date.now() < until) {
    if (worker?.exitCode !== null && worker?.exitCode !== undefined) break;
    try {
      const res = await fetch(`${url}/store/v1/categories`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 400) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer within ${READY_MS} ms:\n${workerLog.slice(-4000)}`);
}

beforeAll(async () => {
  h = await startHarness();
  const { token } = await h.platformAdmin();
  const keys = [`edge-${Date.now().toString(36)}`, `edge-other-${Date.now().toString(36)}`];
  for (const key of keys) {
    const res = await h.call("POST", "/platform/v1/tenants", {
      token,
      body: { name: `Edge ${key}`, key, ownerEmail: `owner@${key}.test`, plan: "free", template: "fashion" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  store.key = keys[0] ?? "";
  otherStore = keys[1] ?? "";
  const home = await h.call("GET", "/store/v1/pages/home", { headers: { "x-mallwright-tenant": store.key } });
  expect(home.status).toBe(200);
  store.home = String((home.body.page as { id: string }).id);
  const otherHome = await h.call("GET", "/store/v1/pages/home", { headers: { "x-mallwright-tenant": otherStore } });
  store.other = String((otherHome.body.page as { id: string }).id);
  const list = await h.call("GET", "/store/v1/products?limit=5", { headers: { "x-mallwright-tenant": store.key } });
  store.product = String((list.body.items as { id: string }[])[0]?.id);

  // The app role, with a password wrangler insists on (the test server trusts local connections).
  const url = new URL(roleUrl(h.database.url, APP_ROLE));
  url.password = "edge-test";
  appUrl = url.toString();

  const port = await freePort();
  stateDir = mkdtempSync(join(tmpdir(), "mallwright-edge-"));
  worker = spawn(
    WRANGLER,
    [
      "dev",
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(await freePort()),
      "--persist-to",
      stateDir,
      "--var",
      `PUBLIC_URL:${h.env.publicUrl}`,
      "--show-interactive-dev-session=false",
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        CI: "true",
        WRANGLER_SEND_METRICS: "false",
        WRANGLER_LOG_PATH: stateDir,
        CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: appUrl,
      },
    },
  );
  const keep = (chunk: Buffer) => {
    workerLog = (workerLog + chunk.toString()).slice(-20_000);
  };
  worker.stdout?.on("data", keep);
  worker.stderr?.on("data", keep);
  base = `http://127.0.0.1:${port}`;
  await waitReady(base);
}, 180_000);

afterAll(async () => {
  const pid = worker?.pid;
  if (pid !== undefined && worker?.exitCode === null) {
    const exited = new Promise((r) => worker?.once("exit", r));
    try {
      process.kill(-pid, "SIGTERM"); // wrangler and its workerd child (their own process group)
    } catch {
      worker?.kill("SIGTERM");
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (worker?.exitCode === null) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  await h?.close();
}, 60_000);

interface Answer {
  status: number;
  etag: string | null;
  body: unknown;
}

/** Error bodies carry each request's own id; everything else must match. */
function comparable(body: unknown): unknown {
  if (body && typeof body === "object" && "error" in body) {
    const { requestId: _, ...error } = (body as { error: Record<string, unknown> }).error;
    return { error };
  }
  return body;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, etag: res.headers.get("etag"), body: comparable(text ? JSON.parse(text) : null) };
}

async function fromNode(path: string, headers: Record<string, string>): Promise<Answer> {
  return answer(await h.app.request(path, { headers }));
}

async function fromEdgeInProcess(path: string, headers: Record<string, string>): Promise<Answer> {
  const pending: Promise<unknown>[] = [];
  const res = await handleEdgeRequest(
    new Request(`http://edge.test${path}`, { headers }),
    { HYPERDRIVE: { connectionString: appUrl }, PUBLIC_URL: h.env.publicUrl },
    { waitUntil: (p) => pending.push(p) },
  );
  const out = await answer(res);
  await Promise.all(pending);
  return out;
}

const cases = (): [string, string, Record<string, string>][] => {
  const tenant = { "x-mallwright-tenant": store.key };
  return [
    ["home page", "/store/v1/pages/home", tenant],
    ["a page by id", `/store/v1/pages/${store.home}`, tenant],
    ["categories", "/store/v1/categories", tenant],
    ["a product list", "/store/v1/products?limit=3&sort=price_asc", tenant],
    ["a product", `/store/v1/products/${store.product}`, tenant],
    ["another store's page (404)", `/store/v1/pages/${store.other}`, tenant],
    ["no store header (400)", "/store/v1/categories", {}],
    ["an unknown store (404)", "/store/v1/categories", { "x-mallwright-tenant": "no-such-store" }],
    ["a malformed id (422)", "/store/v1/products/not-a-uuid", tenant],
  ];
};

describe("edge entry under wrangler dev --local (workerd)", () => {
  it("answers the same JSON, statuses and ETags as the Node app", async () => {
    for (const [what, path, headers] of cases()) {
      const node = await fromNode(path, headers);
      const edge = await answer(await fetch(`${base}${path}`, { headers }));
      expect(edge, what).toEqual(node);
    }
    const pages = await fromNode("/store/v1/pages/home", { "x-mallwright-tenant": store.key });
    expect(pages.status).toBe(200);
    expect(pages.etag).toMatch(/^"p\./);
  });

  it("answers 304 to a current ETag and serves only the store read path", async () => {
    const headers = { "x-mallwright-tenant": store.key };
    const first = await fetch(`${base}/store/v1/pages/home`, { headers });
    await first.arrayBuffer();
    const etag = first.headers.get("etag") ?? "";
    const again = await fetch(`${base}/store/v1/pages/home`, { headers: { ...headers, "if-none-match": etag } });
    expect(again.status).toBe(304);
    for (const path of ["/store/v1/settings", "/store/v1/search/hot", "/platform/v1/tenants", "/healthz"]) {
      const res = await fetch(`${base}${path}`, { headers });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("reads under RLS as the app role", async () => {
    // The Worker connects as mallwright_app: a page of another store is invisible, not just filtered.
    const res = await fetch(`${base}/store/v1/pages/${store.other}`, { headers: { "x-mallwright-tenant": store.key } });
    expect(res.status).toBe(404);
    expect(new URL(appUrl).username).toBe(APP_ROLE);
  });
});

describe("edge fetch handler in-process (Node)", () => {
  it("answers the same as the Node app", async () => {
    for (const [what, path, headers] of cases()) {
      expect(await fromEdgeInProcess(path, headers), what).toEqual(await fromNode(path, headers));
    }
  });
});
