// `mallwright tenant create|list|suspend|resume`: the same services as the platform HTTP routes,
// with input validated by the same schemas. Each `run*` takes its dependencies, for tests.

import os from "node:os";
import {
  type TCreateTenantRequest,
  type TExtendTrialRequest,
  type TListTenantsQuery,
  type TPlanOverrideRequest,
  type TTenant,
  ZCreateTenantRequest,
  ZExtendTrialRequest,
  ZListTenantsQuery,
  ZPlanOverrideRequest,
  ZSuspendTenantRequest,
} from "@mallwright/schema";
import type { Command } from "commander";
import { type AdminActor, extendTrial, overridePlan } from "../../services/platform/manage-billing.ts";
import { findTenantByKey, listTenants, resumeTenant, suspendTenant } from "../../services/platform/manage-tenants.ts";
import { provisionTenant } from "../../services/platform/provision-tenant.ts";
import { type CliContext, type CliDeps, InputError, parseInput, withDeps } from "../context.ts";
import { clean, shortTime, table } from "../output.ts";

// ---- create ----------------------------------------------------------------------------------

export interface CreateTenantOptions {
  name?: string;
  key?: string;
  owner?: string;
  plan?: string;
  template?: string;
}

export function parseCreateTenant(opts: CreateTenantOptions): TCreateTenantRequest {
  const raw = { name: opts.name, key: opts.key, ownerEmail: opts.owner, plan: opts.plan, template: opts.template };
  return parseInput(ZCreateTenantRequest, raw, { ownerEmail: "owner" });
}

export async function runCreateTenant(deps: CliDeps, input: TCreateTenantRequest) {
  const created = await provisionTenant(
    deps.admin,
    deps.env,
    input,
    deps.content ? { ...deps.content, env: deps.env } : undefined,
  );
  const t = created.tenant;
  deps.out(`created tenant ${clean(t.key)} "${clean(t.name)}"  (id ${t.id}, plan ${t.plan})`);
  if (created.owner.inviteUrl) {
    deps.out(`owner ${clean(created.owner.email)} was invited; invite link:`);
    deps.out(`  ${created.owner.inviteUrl}`);
    deps.out(
      "the invite email waits in the outbox: the server (npm start) or the worker (npm run worker) delivers it when running",
    );
  } else {
    deps.out(`owner ${clean(created.owner.email)} already has an account and was made owner (no invite needed)`);
    deps.out(
      "the notification email waits in the outbox: the server (npm start) or the worker (npm run worker) delivers it when running",
    );
  }
  return created;
}

// ---- list ------------------------------------------------------------------------------------

export interface ListTenantsOptions {
  q?: string;
  status?: string;
  plan?: string;
  sort?: string;
  limit?: string;
  cursor?: string;
  all?: boolean;
  json?: boolean;
}

/** Page size for `--all` when no --limit is given: the API's maximum. */
const ALL_PAGE_SIZE = "100";

export function parseListTenants(opts: ListTenantsOptions): TListTenantsQuery {
  const raw = {
    q: opts.q,
    status: opts.status,
    plan: opts.plan,
    sort: opts.sort,
    limit: opts.limit ?? (opts.all ? ALL_PAGE_SIZE : undefined),
    cursor: opts.cursor,
  };
  return parseInput(ZListTenantsQuery, raw);
}

export async function runListTenants(
  deps: CliDeps,
  query: TListTenantsQuery,
  opts: { all?: boolean; json?: boolean } = {},
) {
  let page = await listTenants(deps.admin, query);
  const items: TTenant[] = [...page.items];
  if (opts.all) {
    const seen = new Set<string>();
    while (page.nextCursor && !seen.has(page.nextCursor)) {
      seen.add(page.nextCursor);
      page = await listTenants(deps.admin, { ...query, cursor: page.nextCursor });
      items.push(...page.items);
    }
  }
  const result = { items, nextCursor: opts.all ? null : page.nextCursor };

  if (opts.json) {
    deps.out(JSON.stringify(result, null, 2));
    return result;
  }
  if (items.length === 0) {
    deps.out("no tenants");
  } else {
    const rows = items.map((t) => [t.key, t.name, t.plan, t.status, shortTime(t.createdAt)]);
    for (const line of table(["KEY", "NAME", "PLAN", "STATUS", "CREATED"], rows)) deps.out(line);
  }
  if (result.nextCursor) deps.out(`more: add --all, or --cursor ${result.nextCursor}`);
  return result;
}

/** Who the audit log names for the command line: the operating-system user. */
export function cliActor(): AdminActor {
  let user = "unknown";
  try {
    user = os.userInfo().username;
  } catch {}
  return { userId: null, label: `cli (${user})` };
}

// ---- suspend / resume -------------------------------------------------------------------------

export function parseSuspend(opts: { reason?: string }): { reason?: string } {
  return parseInput(ZSuspendTenantRequest, { reason: opts.reason });
}

export async function runSuspendTenant(deps: CliDeps, key: string, reason?: string): Promise<TTenant> {
  const tenant = await findTenantByKey(deps.admin, key);
  const updated = await suspendTenant(deps.admin, tenant.id, reason, cliActor());
  deps.out(
    `suspended tenant ${clean(updated.key)}${updated.suspendReason ? ` (reason: ${clean(updated.suspendReason)})` : ""}`,
  );
  return updated;
}

export async function runResumeTenant(deps: CliDeps, key: string): Promise<TTenant> {
  const tenant = await findTenantByKey(deps.admin, key);
  if (tenant.status === "active") {
    deps.out(`tenant ${clean(tenant.key)} is already active`);
    return tenant;
  }
  const updated = await resumeTenant(deps.admin, tenant.id, cliActor());
  deps.out(`resumed tenant ${clean(updated.key)}`);
  return updated;
}

// ---- plan override / trial --------------------------------------------------------------------

export function parseOverride(opts: { plan?: string; until?: string; reason?: string }) {
  const plan = opts.plan === "none" ? null : opts.plan;
  return parseInput(ZPlanOverrideRequest, { plan, until: opts.until ?? null, reason: opts.reason });
}

function billingDeps(deps: CliDeps) {
  if (!deps.content) throw new InputError([{ field: "database", message: "needs the app database" }]);
  return { admin: deps.admin, db: deps.content.db, env: deps.env };
}

export async function runOverridePlan(deps: CliDeps, key: string, input: TPlanOverrideRequest) {
  const tenant = await findTenantByKey(deps.admin, key);
  const out = await overridePlan(billingDeps(deps), cliActor(), tenant.id, input);
  deps.out(
    input.plan
      ? `tenant ${clean(tenant.key)} is on ${out.plan}${out.override?.until ? ` until ${shortTime(out.override.until)}` : " until removed"} (billing ${out.status})`
      : `tenant ${clean(tenant.key)}: override removed, now ${out.plan} (billing ${out.status})`,
  );
  return out;
}

export function parseTrial(opts: { days?: string; plan?: string; reason?: string }) {
  return parseInput(ZExtendTrialRequest, {
    days: opts.days ? Number(opts.days) : undefined,
    plan: opts.plan,
    reason: opts.reason,
  });
}

export async function runExtendTrial(deps: CliDeps, key: string, input: TExtendTrialRequest) {
  const tenant = await findTenantByKey(deps.admin, key);
  const out = await extendTrial(billingDeps(deps), cliActor(), tenant.id, input);
  deps.out(
    `tenant ${clean(tenant.key)}: trial of ${out.plan} until ${out.trialEndsAt ? shortTime(out.trialEndsAt) : "-"} (billing ${out.status})`,
  );
  return out;
}

// ---- wiring ----------------------------------------------------------------------------------

function keyArgument(key: string): string {
  const k = key.trim();
  if (!k) throw new InputError([{ field: "key", message: "must not be empty" }]);
  return k;
}

export function registerTenantCommands(program: Command, ctx: CliContext): void {
  const tenant = program
    .command("tenant")
    .description("provision, list, suspend and resume tenants (stores); plan overrides and trials");

  tenant
    .command("create")
    .description("provision a tenant with its owner (invited when new) and template")
    .requiredOption("--name <name>", "display name of the store")
    .requiredOption("--key <key>", "store key: 3-32 lowercase letters, digits and single hyphens")
    .requiredOption("--owner <email>", "owner's email address")
    .option("--plan <plan>", "free | growth | pro", "free")
    .option("--template <name>", "store template (a folder of tenant-templates/)")
    .action(async (opts: CreateTenantOptions) => {
      const input = parseCreateTenant(opts);
      await withDeps(ctx, (deps) => runCreateTenant(deps, input));
    });

  tenant
    .command("list")
    .description("list and search tenants, newest first")
    .option("--q <text>", "search keys and names")
    .option("--status <status>", "active | suspended")
    .option("--plan <plan>", "free | growth | pro")
    .option("--sort <order>", "createdAt | -createdAt | key | -key", "-createdAt")
    .option("--limit <n>", "page size, 1-100 (default 20)")
    .option("--cursor <cursor>", "continue after a previous page")
    .option("--all", "follow the cursor through every page")
    .option("--json", "print JSON ({ items, nextCursor }) instead of a table")
    .action(async (opts: ListTenantsOptions) => {
      const query = parseListTenants(opts);
      await withDeps(ctx, (deps) => runListTenants(deps, query, { all: opts.all, json: opts.json }));
    });

  tenant
    .command("suspend")
    .description("suspend a tenant")
    .argument("<key>", "store key")
    .option("--reason <text>", "why (shown to platform admins)")
    .action(async (key: string, opts: { reason?: string }) => {
      const k = keyArgument(key);
      const { reason } = parseSuspend(opts);
      await withDeps(ctx, (deps) => runSuspendTenant(deps, k, reason));
    });

  tenant
    .command("override")
    .description("give a tenant a plan whatever Stripe says (a comp); --plan none removes it")
    .argument("<key>", "store key")
    .requiredOption("--plan <plan>", "free | growth | pro | none")
    .option("--until <time>", "when it ends (ISO 8601 with offset, e.g. 2027-01-31T00:00:00+08:00)")
    .requiredOption("--reason <text>", "why (kept in the audit log)")
    .action(async (key: string, opts: { plan?: string; until?: string; reason?: string }) => {
      const k = keyArgument(key);
      const input = parseOverride(opts);
      await withDeps(ctx, (deps) => runOverridePlan(deps, k, input));
    });

  tenant
    .command("trial")
    .description("extend a tenant's trial")
    .argument("<key>", "store key")
    .requiredOption("--days <n>", "days to add")
    .option("--plan <plan>", "the trial's plan (default: its own, or growth)")
    .requiredOption("--reason <text>", "why (kept in the audit log)")
    .action(async (key: string, opts: { days?: string; plan?: string; reason?: string }) => {
      const k = keyArgument(key);
      const input = parseTrial(opts);
      await withDeps(ctx, (deps) => runExtendTrial(deps, k, input));
    });

  tenant
    .command("resume")
    .description("resume a suspended tenant")
    .argument("<key>", "store key")
    .action(async (key: string) => {
      const k = keyArgument(key);
      await withDeps(ctx, (deps) => runResumeTenant(deps, k));
    });
}
