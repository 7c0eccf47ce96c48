// Entry of the admin CLI (`npx mallwright ...`, via bin/mallwright.mjs): the commander program and
// the one place errors become output and exit codes (0 ok, 1 failed, 2 invalid input/usage, 130 cancelled).
import { pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { ApiError } from "../http/errors.ts";
import { registerAdminCommands } from "./commands/admin.ts";
import { registerMiniprogramCommands } from "./commands/miniprogram.ts";
import { registerTenantCommands } from "./commands/tenant.ts";
import { Cancelled, type CliContext, CliFailure, InputError } from "./context.ts";
import { issueLines } from "./output.ts";
import { readPasswordFromTerminal } from "./prompt.ts";
import { openCliSession } from "./session.ts";

export const EXIT = { ok: 0, failed: 1, invalid: 2, cancelled: 130 } as const;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("mallwright")
    .description("Mallwright platform administration: tenants and platform admins, on the server's database")
    .option("--debug", "print stack traces of unexpected errors")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.out(s.replace(/\n$/, "")),
      writeErr: (s) => ctx.err(s.replace(/\n$/, "")),
    })
    .showHelpAfterError("(add --help for usage)");
  registerTenantCommands(program, ctx);
  registerAdminCommands(program, ctx);
  registerMiniprogramCommands(program, ctx);
  return program;
}

function defaultContext(): CliContext {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    connect: openCliSession,
    readPassword: readPasswordFromTerminal,
  };
}

/** Runs one command line (arguments after the program name) and returns its exit code. */
export async function runCli(argv: readonly string[], given: Partial<CliContext> = {}): Promise<number> {
  const ctx: CliContext = { ...defaultContext(), ...given };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (err) {
    // Commander has already printed its own message (usage errors, help, version).
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    if (err instanceof InputError) {
      for (const line of issueLines(err.issues)) ctx.err(line);
      return EXIT.invalid;
    }
    if (err instanceof ApiError) {
      ctx.err(`error: ${err.message} (${err.code})`);
      return err.code === "validation_failed" ? EXIT.invalid : EXIT.failed;
    }
    if (err instanceof Cancelled) {
      ctx.err("cancelled");
      return EXIT.cancelled;
    }
    if (err instanceof CliFailure) {
      ctx.err(`error: ${err.message}`);
      return EXIT.failed;
    }
    const debug = program.opts<{ debug?: boolean }>().debug === true;
    const message = err instanceof Error ? err.message.split("\n")[0] || err.name : String(err);
    ctx.err(`error: ${message}${debug ? "" : " (add --debug for details)"}`);
    if (debug && err instanceof Error && err.stack) ctx.err(err.stack);
    return EXIT.failed;
  }
}

/** Runs the process's command line, then exits once stdout and stderr are flushed. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  const code = await runCli(argv);
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise<void>((r) => s.write("", () => r()))));
  process.exit(code);
}

// `tsx src/cli/main.ts ...` works too.
const invoked = process.argv[1];
if (invoked && import.meta.url === pathToFileURL(invoked).href) await main();
