// The admin CLI on real PostgreSQL: commands run in-process through runCli with the test database
// injected (exit codes, output, validation before connecting), plus one run of the real binary.
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/secrets.ts";
import type { OpenDatabase } from "../db/open.ts";
import { createStorage } from "../integrations/storage/index.ts";
import { logInPlatform } from "../services/auth/log-in.ts";
import { createTestDatabase, type TestDatabase } from "../test/database.ts";
import { runListTenants } from "./commands/tenant.ts";
import type { CliContext } from "./context.ts";
import { runCli } from "./main.ts";
import { displayWidth, table } from "./output.ts";

let testDb: TestDatabase;
let database: OpenDatabase;
let connects = 0;

interface Run {
  code: number;
  out: string[];
  err: string[];
}

async function cli(args: string[], extra: Partial<CliContext> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    connect: async () => {
      connects++;
      return { admin: database.admin, env: testDb.env, close: async () => {} };
    },
    readPassword: async () => {
      throw new Error("no password prompt expected");
    },
    ...extra,
  });
  return { code, out, err };
}

function tenantRow(key: string) {
  return database.admin.withAdmin((tx) => tx.tenant.findUnique({ where: { key } }));
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await testDb.open();
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

describe("tenant lifecycle", () => {
  it("creates, lists (table and JSON), suspends and resumes", async () => {
    const created = await cli([
      "tenant",
      "create",
      "--name",
      "Acme 商店",
      "--key",
      "acme",
      "--owner",
      "Owner@Example.com",
      "--plan",
      "growth",
    ]);
    expect(created.err).toEqual([]);
    expect(created.code).toBe(0);
    const id = (await tenantRow("acme"))?.id;
    expect(id).toBeDefined();
    expect(created.out[0]).toContain(`created tenant acme "Acme 商店"  (id ${id}, plan growth)`);
    expect(created.out.join("\n")).toMatch(/http:\/\/localhost:3000\/accept-invite\?tenant=acme&token=inv_/);
    expect(created.out.join("\n")).toContain("outbox");
    const outbox = await database.admin.withAdmin((tx) => tx.outboxEntry.count({ where: { tenantId: id } }));
    expect(outbox).toBe(1);

    const listed = await cli(["tenant", "list"]);
    expect(listed.code).toBe(0);
    expect(listed.out[0]).toMatch(/^KEY\s+NAME\s+PLAN\s+STATUS\s+CREATED$/);
    expect(listed.out[1]).toMatch(/^acme\s+Acme 商店\s+growth\s+active\s+\d{4}-\d\d-\d\d \d\d:\d\dZ$/);

    const json = await cli(["tenant", "list", "--json"]);
    expect(json.code).toBe(0);
    const page = JSON.parse(json.out.join("\n"));
    expect(page).toMatchObject({ items: [{ id, key: "acme", plan: "growth", status: "active" }], nextCursor: null });

    const suspended = await cli(["tenant", "suspend", "acme", "--reason", "unpaid invoices"]);
    expect(suspended).toMatchObject({ code: 0, out: ["suspended tenant acme (reason: unpaid invoices)"] });

    const onlySuspended = await cli(["tenant", "list", "--status", "suspended", "--json"]);
    expect(JSON.parse(onlySuspended.out.join("\n")).items).toMatchObject([
      { key: "acme", status: "suspended", suspendReason: "unpaid invoices" },
    ]);
    const table = await cli(["tenant", "list", "--q", "ACM"]);
    expect(table.out[1]).toMatch(/\bsuspended\b/);

    const resumed = await cli(["tenant", "resume", "acme"]);
    expect(resumed).toMatchObject({ code: 0, out: ["resumed tenant acme"] });
    expect(await tenantRow("acme")).toMatchObject({ status: "active", suspendedAt: null, suspendReason: null });
  });

  it("refuses a taken key with exit code 1 and tenant_key_taken", async () => {
    await cli(["tenant", "create", "--name", "First", "--key", "dupe-shop", "--owner", "a@example.com"]);
    const again = await cli(["tenant", "create", "--name", "Second", "--key", "dupe-shop", "--owner", "b@example.com"]);
    expect(again.code).toBe(1);
    expect(again.out).toEqual([]);
    expect(again.err).toEqual(["error: the store key dupe-shop is taken (tenant_key_taken)"]);
  });

  it("rejects invalid input with exit code 2 and field messages, before opening the database", async () => {
    const before = connects;
    const bad = await cli(["tenant", "create", "--name", "X", "--key", "Bad Key", "--owner", "not-an-email"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual([
      "key: must be lowercase letters, digits and single hyphens, starting with a letter",
      "owner: must be an email address",
    ]);
    const reserved = await cli(["tenant", "create", "--name", "X", "--key", "admin", "--owner", "x@example.com"]);
    expect(reserved).toMatchObject({ code: 2, err: ["key: is a reserved word"] });
    const plan = await cli(["tenant", "list", "--plan", "gold", "--limit", "0"]);
    expect(plan.code).toBe(2);
    expect(plan.err.map((l) => l.split(":")[0]).sort()).toEqual(["limit", "plan"]);
    expect(connects).toBe(before);
    expect(await tenantRow("admin")).toBeNull();
  });

  it("treats usage errors and unknown templates as invalid input, unknown keys as failures", async () => {
    const missing = await cli(["tenant", "create", "--name", "X"]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain("required option '--key <key>' not specified");
    const template = await cli([
      "tenant",
      "create",
      "--name",
      "X",
      "--key",
      "tpl-shop",
      "--owner",
      "t@example.com",
      "--template",
      "nope",
    ]);
    expect(template).toMatchObject({ code: 2, err: ["error: there is no template called nope (validation_failed)"] });
    const unknown = await cli(["tenant", "suspend", "no-such-shop"]);
    expect(unknown).toMatchObject({ code: 1, err: ["error: tenant not found (not_found)"] });
    const help = await cli(["tenant", "list", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out.join("\n")).toContain("--all");
  });

  it("pages through everything with --all", async () => {
    for (const key of ["page-a", "page-b", "page-c", "page-d", "page-e"]) {
      await cli(["tenant", "create", "--name", key, "--key", key, "--owner", `${key}@example.com`]);
    }
    const first = await cli(["tenant", "list", "--q", "page-", "--limit", "2", "--sort", "key", "--json"]);
    const page = JSON.parse(first.out.join("\n"));
    expect(page.items.map((t: { key: string }) => t.key)).toEqual(["page-a", "page-b"]);
    expect(page.nextCursor).toEqual(expect.any(String));

    const all = await cli(["tenant", "list", "--q", "page-", "--limit", "2", "--sort", "key", "--all", "--json"]);
    const everything = JSON.parse(all.out.join("\n"));
    expect(everything.items.map((t: { key: string }) => t.key)).toEqual([
      "page-a",
      "page-b",
      "page-c",
      "page-d",
      "page-e",
    ]);
    expect(everything.nextCursor).toBeNull();

    const lines: string[] = [];
    const result = await runListTenants(
      { admin: database.admin, env: testDb.env, out: (l) => lines.push(l) },
      { q: "page-", limit: 2, sort: "key" },
    );
    expect(result.items).toHaveLength(2);
    expect(lines.at(-1)).toBe(`more: add --all, or --cursor ${result.nextCursor}`);
  });
});

describe("admin create", () => {
  it("creates a platform admin who can then log in, without printing the password", async () => {
    const password = "correct horse battery";
    const run = await cli(["admin", "create", "--email", "Root@Example.com"], { readPassword: async () => password });
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect([...run.out, ...run.err].join("\n")).not.toContain(password);

    const user = await database.admin.withAdmin((tx) =>
      tx.user.findUniqueOrThrow({ where: { email: "root@example.com" }, include: { platformAdmin: true } }),
    );
    expect(user.platformAdmin).not.toBeNull();
    expect(await verifyPassword(user.passwordHash, password)).toBe(true);
    expect(await verifyPassword(user.passwordHash, "wrong password")).toBe(false);
    const session = await logInPlatform(database.db, testDb.env, { email: "root@example.com", password }, "127.0.0.1");
    expect(session.token).toMatch(/^mwp_/);

    const flag = await cli(["admin", "create", "--email", "root@example.com", "--password", "another password"]);
    expect(flag.code).toBe(0);
    expect(flag.err.join("\n")).toContain("shell history");
    expect([...flag.out, ...flag.err].join("\n")).not.toContain("another password");
  });

  it("rejects a short password or a bad email with exit code 2, before opening the database", async () => {
    const before = connects;
    const short = await cli(["admin", "create", "--email", "a@example.com"], { readPassword: async () => "short" });
    expect(short).toMatchObject({ code: 2, err: ["password: must be at least 10 characters"] });
    const email = await cli(["admin", "create", "--email", "nope", "--password", "long enough pw"]);
    expect(email).toMatchObject({ code: 2, err: ["email: must be an email address"] });
    expect(connects).toBe(before);
  });
});

describe("output", () => {
  it("aligns wide characters and neutralises control characters", () => {
    expect(displayWidth("商店")).toBe(4);
    expect(
      table(
        ["A", "B"],
        [
          ["商店", "x"],
          ["ab", "\u001b[31mred"],
        ],
      ),
    ).toEqual(["A     B", "商店  x", "ab    \ufffd[31mred"]);
  });
});

describe("the real binary", () => {
  it("runs `tenant list --json` from another directory against DATABASE_URL", async () => {
    await cli(["tenant", "create", "--name", "Spawned", "--key", "spawned", "--owner", "s@example.com"]);
    const bin = fileURLToPath(new URL("../../bin/mallwright.mjs", import.meta.url));
    const child = spawn(process.execPath, [bin, "tenant", "list", "--q", "spawned", "--json"], {
      cwd: tmpdir(),
      env: { DATABASE_URL: testDb.url, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      items: [{ key: "spawned", name: "Spawned", status: "active" }],
      nextCursor: null,
    });
  });
});

describe("plan overrides, trials and the mini-program's ext.json", () => {
  const withContent = (): Partial<CliContext> => ({
    connect: async () => ({
      admin: database.admin,
      env: testDb.env,
      content: { db: database.db, storage: createStorage(testDb.env) },
      close: async () => {},
    }),
  });

  it("comps a plan and extends a trial, both audited as the command line", async () => {
    await cli(["tenant", "create", "--name", "Comp", "--key", "comp-shop", "--owner", "comp@example.com"]);
    const comp = await cli(
      ["tenant", "override", "comp-shop", "--plan", "pro", "--reason", "launch partner"],
      withContent(),
    );
    expect(comp.err).toEqual([]);
    expect(comp.out[0]).toMatch(/^tenant comp-shop is on pro until removed \(billing active\)$/);
    expect((await tenantRow("comp-shop"))?.plan).toBe("pro");
    const off = await cli(["tenant", "override", "comp-shop", "--plan", "none", "--reason", "over"], withContent());
    expect(off.out[0]).toContain("override removed, now free");
    const trial = await cli(
      ["tenant", "trial", "comp-shop", "--days", "7", "--plan", "growth", "--reason", "demo"],
      withContent(),
    );
    expect(trial.out[0]).toMatch(/trial of growth until \d{4}-\d\d-\d\d/);
    const log = await database.admin.withAdmin((tx) =>
      tx.adminAuditLogEntry.findMany({ where: { tenant: { key: "comp-shop" } }, orderBy: { createdAt: "asc" } }),
    );
    expect(log.map((e) => e.action)).toEqual([
      "tenant.plan_override",
      "tenant.plan_override_end",
      "tenant.trial_extend",
    ]);
    expect(log[0]?.actor).toMatch(/^cli \(/);
    const noReason = await cli(["tenant", "override", "comp-shop", "--plan", "pro"], withContent());
    expect(noReason.code).not.toBe(0);
  });

  it("writes a store's ext.json: its appid, key, API base, title and tab bar", async () => {
    await cli(["tenant", "create", "--name", "小程序店", "--key", "mp-shop", "--owner", "mp@example.com"]);
    const missing = await cli(["miniprogram", "ext", "--tenant", "mp-shop", "--api-base", "https://api.example.com"]);
    expect(missing.code).not.toBe(0);
    expect(missing.err.join("\n")).toContain("no mini-program appid");
    const id = (await tenantRow("mp-shop"))?.id ?? "";
    await database.admin.withAdmin((tx) =>
      tx.tenantWechat.create({ data: { tenantId: id, subAppid: "wx0123456789abcdef", onboardingStatus: "active" } }),
    );
    const ok = await cli(["miniprogram", "ext", "--tenant", "mp-shop", "--api-base", "https://api.example.com/"]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out.join("\n"))).toEqual({
      extEnable: true,
      extAppid: "wx0123456789abcdef",
      directCommit: false,
      ext: { tenantKey: "mp-shop", apiBase: "https://api.example.com" },
      window: { navigationBarTitleText: "小程序店" },
      tabBar: {
        custom: true,
        list: [
          { pagePath: "pages/home/index", text: "首页" },
          { pagePath: "pages/category/index", text: "分类" },
          { pagePath: "pages/cart/index", text: "购物车" },
          { pagePath: "pages/me/index", text: "我的" },
        ],
      },
    });
    const plain = await cli(["miniprogram", "ext", "--tenant", "mp-shop", "--api-base", "http://insecure.example.com"]);
    expect(plain.code).not.toBe(0);
  });
});
