// What CLI commands run with: the database handle, settings and an output sink (injected, so tests
// call commands in-process), plus the errors that map to the CLI's exit codes.
import type { z } from "zod";
import type { AdminDatabase, Database } from "../db/types.ts";
import type { Env } from "../env.ts";
import type { Storage } from "../integrations/storage/index.ts";
import type { FieldIssue } from "./output.ts";

/** Everything a command needs once the database is open. */
export interface CliDeps {
  admin: AdminDatabase;
  env: Env;
  /** For putting a template's catalog into a new store (the app database and media storage). */
  content?: { db: Database; storage: Storage };
  /** Writes one line of the command's result (stdout in the real CLI). */
  out: (line: string) => void;
}

/** An open database for the length of one command. */
export interface CliSession {
  admin: AdminDatabase;
  env: Env;
  content?: { db: Database; storage: Storage };
  close(): Promise<void>;
}

/** The outside world of one CLI run; `runCli` fills in the real one for anything not given. */
export interface CliContext {
  out: (line: string) => void;
  /** Diagnostics and notes (stderr in the real CLI). */
  err: (line: string) => void;
  /** Opens the database; called only once input has been validated. */
  connect: () => Promise<CliSession>;
  /** A password typed on the terminal (hidden, twice) or one line of piped stdin. */
  readPassword: () => Promise<string>;
}

/** Invalid input: printed as `field: message` lines, exit code 2. */
export class InputError extends Error {
  override name = "InputError";
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join("; "));
  }
}

/** An expected failure whose message is already meant for the operator: one line, exit code 1. */
export class CliFailure extends Error {
  override name = "CliFailure";
}

/** The operator cancelled (Ctrl-C at a prompt): exit code 130. */
export class Cancelled extends Error {
  override name = "Cancelled";
  constructor() {
    super("cancelled");
  }
}

/**
 * Parses `raw` with `schema`, or throws an InputError naming fields as the operator typed them
 * (`rename` maps schema paths to option names, e.g. ownerEmail → owner).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  rename: Record<string, string> = {},
): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.map((i) => {
      const path = i.path.map(String).join(".");
      return { field: rename[path] ?? (path || "input"), message: i.message };
    }),
  );
}

/** Opens the database, runs `fn` with it and always closes it again. */
export async function withDeps<T>(ctx: CliContext, fn: (deps: CliDeps) => Promise<T>): Promise<T> {
  const session = await ctx.connect();
  try {
    return await fn({ admin: session.admin, env: session.env, content: session.content, out: ctx.out });
  } finally {
    await session.close();
  }
}
