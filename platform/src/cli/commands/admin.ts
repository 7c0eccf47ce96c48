// `mallwright admin create`: makes an account a platform admin with a password given on the
// command line, typed at a hidden prompt, or piped as one line on stdin. Never prints it.
import { ZEmail, ZPassword } from "@mallwright/schema";
import type { Command } from "commander";
import { createPlatformAdmin } from "../../services/platform/create-admin.ts";
import { type CliContext, type CliDeps, parseInput, withDeps } from "../context.ts";
import { clean } from "../output.ts";

export interface CreateAdminInput {
  email: string;
  password: string;
}

export function parseEmail(email: string | undefined): string {
  return parseInput(ZEmail, email, { "": "email" });
}

export function parsePassword(password: string): string {
  return parseInput(ZPassword, password, { "": "password" });
}

export async function runCreateAdmin(deps: CliDeps, input: CreateAdminInput) {
  const created = await createPlatformAdmin(deps.admin, input.email, input.password);
  deps.out(`platform admin ${clean(created.email)} is ready (user id ${created.id}); password set`);
  deps.out("sign in with POST /platform/v1/auth/login");
  return created;
}

export function registerAdminCommands(program: Command, ctx: CliContext): void {
  const admin = program.command("admin").description("platform admin accounts");

  admin
    .command("create")
    .description("make an account a platform admin and set its password (creating the account if needed)")
    .requiredOption("--email <email>", "the admin's email address")
    .option("--password <password>", "the password (visible in shell history; omit it to be prompted)")
    .action(async (opts: { email?: string; password?: string }) => {
      const email = parseEmail(opts.email);
      if (opts.password !== undefined) {
        ctx.err("note: a password given with --password can end up in shell history and process listings");
      }
      const password = parsePassword(opts.password ?? (await ctx.readPassword()));
      await withDeps(ctx, (deps) => runCreateAdmin(deps, { email, password }));
    });
}
