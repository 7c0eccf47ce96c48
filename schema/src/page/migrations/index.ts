// Page documents are migrated on load and on publish, so runtimes only ever see the current
// schema version. PAGE_MIGRATIONS runs in order, one step per version; loadPage is the entry
// point servers use: refuse what cannot be read, migrate, then validate.
import {
  CURRENT_SCHEMA_VERSION,
  checkNesting,
  type PageIssue,
  type TPageDocument,
  type ValidateOptions,
  validatePage,
} from "../document.ts";
import { titleTextToTitle } from "./0002-title-text-to-title.ts";
import { blockNames } from "./0003-block-names.ts";
import { isRecord, type PageMigration } from "./migration.ts";

export type { PageMigration } from "./migration.ts";

/** The oldest version there is; documents start here. */
export const FIRST_SCHEMA_VERSION = 1;

/** One per version step, oldest first; the last one's `to` is CURRENT_SCHEMA_VERSION. */
export const PAGE_MIGRATIONS: readonly PageMigration[] = [titleTextToTitle, blockNames];

export type PageVersionProblem = "missing" | "not_an_integer" | "too_old" | "too_new";

/** A document whose schemaVersion this code cannot read. Answered as 422 at `schemaVersion`. */
export class PageVersionError extends Error {
  override readonly name = "PageVersionError";
  readonly problem: PageVersionProblem;
  readonly version: unknown;
  readonly path = "schemaVersion";

  constructor(problem: PageVersionProblem, version: unknown, message: string) {
    super(message);
    this.problem = problem;
    this.version = version;
  }
}

export interface MigratedPage {
  /** The document at CURRENT_SCHEMA_VERSION, not yet validated. */
  document: unknown;
  fromVersion: number;
  /** Names of the migrations applied, in order. */
  applied: string[];
}

/** Brings a stored document of any known version up to CURRENT_SCHEMA_VERSION. Throws PageVersionError. */
export function migratePage(raw: unknown): MigratedPage {
  if (!isRecord(raw) || !("schemaVersion" in raw)) {
    throw new PageVersionError("missing", undefined, "a page document needs a schemaVersion");
  }
  const fromVersion = readVersion(raw.schemaVersion);
  let doc = raw;
  let at = fromVersion;
  const applied: string[] = [];
  for (const m of PAGE_MIGRATIONS) {
    if (m.from !== at) continue;
    doc = { ...m.migrate(doc), schemaVersion: m.to };
    at = m.to;
    applied.push(m.name);
  }
  // Only a gap in PAGE_MIGRATIONS gets here (its test checks the chain): a bug, not bad input.
  if (at !== CURRENT_SCHEMA_VERSION) throw new Error(`no migration from schema version ${at}`);
  return { document: doc, fromVersion, applied };
}

function readVersion(v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new PageVersionError("not_an_integer", v, `schemaVersion must be a whole number (got ${describe(v)})`);
  }
  if (v > CURRENT_SCHEMA_VERSION) {
    throw new PageVersionError(
      "too_new",
      v,
      `this page was saved by a newer Mallwright (schema version ${v}); this server understands up to ${CURRENT_SCHEMA_VERSION}`,
    );
  }
  if (v < FIRST_SCHEMA_VERSION) {
    throw new PageVersionError(
      "too_old",
      v,
      `there is no schema version ${v}; versions start at ${FIRST_SCHEMA_VERSION}`,
    );
  }
  return v;
}

function describe(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
  return v === null ? "null" : Array.isArray(v) ? "an array" : `a ${typeof v}`;
}

export interface LoadedPage {
  /** The migrated document with props parsed; usable only when `issues` is empty. */
  document?: TPageDocument;
  issues: PageIssue[];
  /** The version the input was stored in (null when it could not be read). */
  fromVersion: number | null;
  applied: string[];
}

/**
 * Migrate, then validate: what servers run on every load and every publish. Bad input is never
 * thrown: it comes back as issues with paths, ready for a 422.
 */
export function loadPage(raw: unknown, opts: ValidateOptions = { mode: "draft" }): LoadedPage {
  // Migrations walk the tree recursively: refuse absurd nesting first.
  const nesting = checkNesting(raw);
  if (nesting.length > 0) return { issues: nesting, fromVersion: null, applied: [] };
  let migrated: MigratedPage;
  try {
    migrated = migratePage(raw);
  } catch (err) {
    if (err instanceof PageVersionError) {
      return { issues: [{ path: err.path, message: err.message }], fromVersion: null, applied: [] };
    }
    throw err;
  }
  const { document, issues } = validatePage(migrated.document, opts);
  return { ...(document ? { document } : {}), issues, fromVersion: migrated.fromVersion, applied: migrated.applied };
}
