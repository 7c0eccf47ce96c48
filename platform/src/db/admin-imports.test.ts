// The admin client (BYPASSRLS) may only be reached from a few places (DESIGN.md §3): this scans
// platform/src for references to it and fails, with file and line, on any other file.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../", import.meta.url));

/** Where the admin client may be referenced (paths relative to platform/src), and why. */
const ALLOWED_DIRS: Record<string, string> = {
  "db/": "defines the admin client and its types",
  "routes/platform/": "platform-admin routes manage every store",
  "routes/webhooks/": "webhooks arrive without a tenant and must be routed to one",
  "services/platform/": "platform services used by those routes, the CLI and the demo seed",
  "cli/": "the operator's command line",
};
const ALLOWED_FILES: Record<string, string> = {
  "jobs/relay.ts": "the outbox relay claims jobs of every store",
  "jobs/scheduler.ts": "writes the platform's periodic outbox rows (keyed by period), next to the relay",
  "boot.ts": "composition root: opens the database and builds the deps",
  "server.ts": "process entry point: hands the admin client to the seed",
  "worker.ts": "process entry point: runs the relay",
  "http/context.ts": "declares AppDeps.admin, the type routes receive",
};

/** Not scanned: generated code, tests and test helpers (they may use the admin client freely). */
function scanned(rel: string): boolean {
  return !rel.startsWith("generated/") && !rel.startsWith("test/") && !rel.endsWith(".test.ts") && rel.endsWith(".ts");
}

function allowed(rel: string): boolean {
  return rel in ALLOWED_FILES || Object.keys(ALLOWED_DIRS).some((dir) => rel.startsWith(dir));
}

/**
 * Blanks comments (both outputs) and the insides of string, template and regex literals
 * (`code` only), keeping offsets and newlines so line numbers still match.
 */
function blank(source: string): { noComments: string; code: string } {
  const noComments = source.split("");
  const code = source.split("");
  const wipe = (from: number, to: number, both: boolean) => {
    for (let k = from; k < to; k++) {
      if (source[k] === "\n") continue;
      code[k] = " ";
      if (both) noComments[k] = " ";
    }
  };
  const braces: number[] = []; // per open template `${`, the brace depth at which it closes
  let depth = 0;
  let i = 0;
  let lastSignificant = "";
  const regexCanStart = () =>
    lastSignificant === "" ||
    /[(,=:[!&|?{};+\-*%<>~^]$/.test(lastSignificant) ||
    /\b(return|typeof|case|do|else|in|of|void|yield|await)$/.test(lastSignificant);
  const readTemplate = (start: number): number => {
    // start is just after a ` or a } closing ${...}; returns the index after the closing ` or after ${
    let k = start;
    while (k < source.length) {
      if (source[k] === "\\") k += 2;
      else if (source[k] === "`") {
        wipe(start, k, false);
        return k + 1;
      } else if (source[k] === "$" && source[k + 1] === "{") {
        wipe(start, k, false);
        braces.push(depth);
        depth++;
        return k + 2;
      } else k++;
    }
    wipe(start, k, false);
    return k;
  };
  while (i < source.length) {
    const ch = source[i] ?? "";
    const next = source[i + 1];
    if (ch === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      wipe(i, stop, true);
      i = stop;
    } else if (ch === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? source.length : end + 2;
      wipe(i, stop, true);
      i = stop;
    } else if (ch === '"' || ch === "'") {
      let k = i + 1;
      while (k < source.length && source[k] !== ch && source[k] !== "\n") k += source[k] === "\\" ? 2 : 1;
      wipe(i + 1, k, false);
      i = k + 1;
      lastSignificant = "a";
    } else if (ch === "`") {
      i = readTemplate(i + 1);
      lastSignificant = "a";
    } else if (ch === "/" && regexCanStart()) {
      let k = i + 1;
      let inClass = false;
      while (k < source.length && source[k] !== "\n") {
        if (source[k] === "\\") k += 2;
        else {
          if (source[k] === "[") inClass = true;
          else if (source[k] === "]") inClass = false;
          else if (source[k] === "/" && !inClass) break;
          k++;
        }
      }
      wipe(i + 1, k, false);
      i = k + 1;
      lastSignificant = "a";
    } else if (ch === "{") {
      depth++;
      lastSignificant = "{";
      i++;
    } else if (ch === "}") {
      depth--;
      if (braces.length > 0 && braces[braces.length - 1] === depth) {
        braces.pop();
        i = readTemplate(i + 1);
        lastSignificant = "a";
      } else {
        lastSignificant = "}";
        i++;
      }
    } else {
      if (!/\s/.test(ch)) {
        // Track the last token's tail well enough to tell a regex from a division.
        lastSignificant = /[\w$]/.test(ch) ? (/[\w$]$/.test(lastSignificant) ? lastSignificant + ch : ch) : ch;
      }
      i++;
    }
  }
  return { noComments: noComments.join(""), code: code.join("") };
}

interface Reference {
  line: number;
  what: string;
}

const IDENTIFIER_RULES: { what: string; re: RegExp }[] = [
  { what: "withAdmin", re: /\bwithAdmin\b/g },
  { what: "AdminDatabase", re: /\bAdminDatabase\b/g },
  { what: ".admin", re: /\??\.\s*admin\b/g },
  { what: "destructures admin", re: /\b(?:const|let|var)\s*\{[^{}]*\badmin\b[^{}]*\}\s*=/g },
  { what: "destructures admin", re: /\{[^{}]*\badmin\b[^{}]*\}\s*:\s*AppDeps\b/g },
];
const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(["'])([^"'\n]+)\1/g;
const OPEN_MODULE = path.join(SRC, "db", "open");

/** References to the admin client in one file's source. `file` is its absolute path. */
function findReferences(file: string, source: string): Reference[] {
  const { noComments, code } = blank(source);
  const lineOf = (offset: number) => source.slice(0, offset).split("\n").length;
  const refs: Reference[] = [];
  for (const rule of IDENTIFIER_RULES) {
    for (const m of code.matchAll(rule.re)) refs.push({ line: lineOf(m.index), what: rule.what });
  }
  for (const m of noComments.matchAll(IMPORT_RE)) {
    const spec = m[2] ?? "";
    if (!spec.startsWith(".")) continue;
    const target = path.resolve(path.dirname(file), spec).replace(/\.(ts|js|mjs)$/, "");
    if (target === OPEN_MODULE) refs.push({ line: lineOf(m.index), what: `import of ${spec}` });
  }
  return refs.sort((a, b) => a.line - b.line || (a.what < b.what ? -1 : a.what > b.what ? 1 : 0));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((rel) => rel.split(path.sep).join("/"))
    .filter(scanned)
    .sort();
}

/** Every reference in platform/src, as "file:line what", split by whether the file may hold it. */
function scan(files: { rel: string; source: string }[]): {
  violations: string[];
  allowedRefs: Map<string, Reference[]>;
} {
  const violations: string[] = [];
  const allowedRefs = new Map<string, Reference[]>();
  for (const { rel, source } of files) {
    const refs = findReferences(path.join(SRC, rel), source);
    if (refs.length === 0) continue;
    if (allowed(rel)) allowedRefs.set(rel, refs);
    else for (const r of refs) violations.push(`platform/src/${rel}:${r.line} references the admin client (${r.what})`);
  }
  return { violations, allowedRefs };
}

const HOW_TO_FIX =
  "The admin client bypasses row-level security. Use deps.db.withTenant/withApp instead; if this code " +
  "really must cross tenants, move it under one of the allowed places or add it to ALLOWED_* in " +
  "src/db/admin-imports.test.ts with the reason (and a reviewer's agreement).";

describe("admin client confinement", () => {
  const files = sourceFiles(SRC).map((rel) => ({ rel, source: readFileSync(path.join(SRC, rel), "utf8") }));
  const { violations, allowedRefs } = scan(files);

  it("scans the source tree", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.rel === "db/open.ts")).toBe(true);
    expect(files.some((f) => f.rel.startsWith("generated/") || f.rel.endsWith(".test.ts"))).toBe(false);
  });

  it("no file outside the allowed places references withAdmin, AdminDatabase, .admin or db/open.ts", () => {
    expect(violations, `\n${violations.join("\n")}\n${HOW_TO_FIX}`).toEqual([]);
  });

  it("is not vacuous: the allowed files do reference the admin client, in every form the rule looks for", () => {
    expect([...allowedRefs.keys()]).toEqual(
      expect.arrayContaining(["db/open.ts", "db/types.ts", "http/context.ts", "jobs/relay.ts", "boot.ts", "worker.ts"]),
    );
    const kinds = new Set(
      [...allowedRefs.values()].flat().map((r) => (r.what.startsWith("import of") ? "import" : r.what)),
    );
    expect([...kinds]).toEqual(expect.arrayContaining(["withAdmin", "AdminDatabase", ".admin", "import"]));
  });
});

describe("the scanner itself", () => {
  const at = (rel: string, source: string) => findReferences(path.join(SRC, rel), source);

  it("finds each form, with its line", () => {
    const source = [
      'import type { OpenDatabase } from "../db/open.ts";',
      "import {",
      "  openDatabase,",
      '} from "../../src/db/open.js";',
      'const m = await import("../db/open.ts");',
      "function f(deps: Deps) {",
      "  return c.var.deps.admin.withAdmin((tx) => tx);",
      "}",
      "let a: AdminDatabase;",
      "const { db, admin } = c.var.deps;",
      "const x = deps?.admin;",
      "export function g({ admin }: AppDeps) {}",
    ].join("\n");
    expect(at("jobs/x.ts", source)).toEqual([
      { line: 1, what: "import of ../db/open.ts" },
      { line: 4, what: "import of ../../src/db/open.js" },
      { line: 5, what: "import of ../db/open.ts" },
      { line: 7, what: ".admin" },
      { line: 7, what: "withAdmin" },
      { line: 9, what: "AdminDatabase" },
      { line: 10, what: "destructures admin" },
      { line: 11, what: ".admin" },
      { line: 12, what: "destructures admin" },
    ]);
  });

  it("ignores comments, strings, regexes, other modules and the role name", () => {
    const source = [
      "// deps.admin.withAdmin is off limits here",
      "/* AdminDatabase",
      "   import x from '../db/open.ts' */",
      'const s = "call deps.admin.withAdmin()";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: this is source text for the scanner
      "const t = `AdminDatabase ${role} .admin`;",
      "const r = /\\.admin\\b/;",
      "const roles = { staff: 0, admin: 1, owner: 2 } as const;",
      'if (role === "admin") {}',
      'import { x } from "../db/types.ts";',
      'import { y } from "./open.ts";',
      "const half = total / 2; const z = a.administrator;",
    ].join("\n");
    expect(at("routes/merchant/x.ts", source)).toEqual([]);
  });

  it("reports a forbidden file with path and line, and lets an allowed one through", () => {
    const source = "export const f = (deps: AppDeps) =>\n  deps.admin.withAdmin(async () => 1);\n";
    expect(scan([{ rel: "routes/merchant/leak.ts", source }]).violations).toEqual([
      "platform/src/routes/merchant/leak.ts:2 references the admin client (.admin)",
      "platform/src/routes/merchant/leak.ts:2 references the admin client (withAdmin)",
    ]);
    expect(scan([{ rel: "routes/platform/ok.ts", source }]).violations).toEqual([]);
    expect(scan([{ rel: "jobs/relay.ts", source }]).violations).toEqual([]);
    expect(scan([{ rel: "jobs/other.ts", source }]).violations).toHaveLength(2);
  });
});
