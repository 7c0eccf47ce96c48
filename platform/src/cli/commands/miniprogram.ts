// `mallwright miniprogram ext --tenant <key>`: the ext.json of a store's white-label mini-program, as a
// third-party platform's code template is submitted with it: extAppid = the store's mini-program
// (its sub_appid), ext = what the shared runtime reads (store key, API base), the window title and
// the tab bar's texts from the store's published settings.
import { writeFileSync } from "node:fs";
import { DEFAULT_TAB_BAR, type TTabBar, ZStoreSettingsDocument } from "@mallwright/schema";
import type { Command } from "commander";
import { z } from "zod";
import { findTenantByKey } from "../../services/platform/manage-tenants.ts";
import { type CliContext, type CliDeps, InputError, parseInput, withDeps } from "../context.ts";

/** The runtime's tab pages (runtime-miniprogram/src/app.json), by tab key. */
const TAB_PAGES: Record<string, string> = {
  home: "pages/home/index",
  category: "pages/category/index",
  cart: "pages/cart/index",
  me: "pages/me/index",
};

const ZExtOptions = z.strictObject({
  tenant: z.string().trim().min(1, "--tenant is required"),
  apiBase: z
    .url({ protocol: /^https$/, error: "--api-base must be an https URL (mini-programs call https only)" })
    .optional(),
  out: z.string().optional(),
});

export interface MiniprogramExt {
  extEnable: true;
  extAppid: string;
  directCommit: false;
  ext: { tenantKey: string; apiBase: string };
  window: { navigationBarTitleText: string };
  tabBar: { custom: true; list: { pagePath: string; text: string }[] };
}

export function buildExt(input: {
  key: string;
  name: string;
  subAppid: string;
  apiBase: string;
  tabBar: TTabBar;
}): MiniprogramExt {
  return {
    extEnable: true,
    extAppid: input.subAppid,
    directCommit: false,
    ext: { tenantKey: input.key, apiBase: input.apiBase.replace(/\/+$/, "") },
    window: { navigationBarTitleText: input.name },
    tabBar: {
      custom: true,
      list: input.tabBar.items.flatMap((i) =>
        TAB_PAGES[i.tab] ? [{ pagePath: TAB_PAGES[i.tab] ?? "", text: i.text }] : [],
      ),
    },
  };
}

export async function runMiniprogramExt(deps: CliDeps, opts: z.infer<typeof ZExtOptions>): Promise<MiniprogramExt> {
  const tenant = await findTenantByKey(deps.admin, opts.tenant);
  const { wechat, published } = await deps.admin.withAdmin(async (tx) => ({
    wechat: await tx.tenantWechat.findUnique({ where: { tenantId: tenant.id } }),
    published: await tx.$queryRaw<{ published: unknown }[]>`
      SELECT published FROM store_settings WHERE tenant_id = ${tenant.id}::uuid AND published IS NOT NULL`,
  }));
  if (!wechat?.subAppid) {
    throw new InputError([
      { field: "tenant", message: `${tenant.key} has no mini-program appid yet (platform: tenants > 微信支付)` },
    ]);
  }
  const settings = ZStoreSettingsDocument.safeParse(published[0]?.published);
  const apiBase = opts.apiBase ?? deps.env.PUBLIC_URL;
  if (!apiBase?.startsWith("https://")) {
    throw new InputError([
      { field: "api-base", message: "give --api-base https://… (or set PUBLIC_URL to the https address)" },
    ]);
  }
  const ext = buildExt({
    key: tenant.key,
    name: tenant.name,
    subAppid: wechat.subAppid,
    apiBase,
    tabBar: settings.success ? settings.data.tabBar : DEFAULT_TAB_BAR,
  });
  const text = `${JSON.stringify(ext, null, 2)}\n`;
  if (opts.out) {
    writeFileSync(opts.out, text);
    deps.out(`wrote ${opts.out} for ${tenant.key} (extAppid ${wechat.subAppid})`);
  } else {
    for (const line of text.trimEnd().split("\n")) deps.out(line);
  }
  return ext;
}

export function registerMiniprogramCommands(program: Command, ctx: CliContext): void {
  const mp = program.command("miniprogram").description("the stores' white-label mini-program");
  mp.command("ext")
    .description("print (or write) a store's ext.json for the third-party platform's code template")
    .requiredOption("--tenant <key>", "store key")
    .option("--api-base <url>", "the platform's https address the mini-program calls (default PUBLIC_URL)")
    .option("--out <file>", "write to this file instead of printing")
    .action(async (raw: { tenant?: string; apiBase?: string; out?: string }) => {
      const opts = parseInput(ZExtOptions, raw);
      await withDeps(ctx, (deps) => runMiniprogramExt(deps, opts));
    });
}
