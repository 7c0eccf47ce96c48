// SQL text built from strings can carry injected SQL, and in embedded mode injected SQL could
// climb out of the app role (SET ROLE on PGlite's one superuser connection). So string-built
// SQL is allowed only in src/db (constants there: role names, migration files).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("..", import.meta.url));
const UNSAFE = /\$queryRawUnsafe|\$executeRawUnsafe|\bPrisma\.raw\(|\.unsafe\(/;
const ALLOWED = ["db/", "test/"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return files(full);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("string-built SQL", () => {
  it("appears only in src/db and test helpers", () => {
    const offenders: string[] = [];
    let allowedHits = 0;
    for (const file of files(SRC)) {
      const rel = path.relative(SRC, file).split(path.sep).join("/");
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (!UNSAFE.test(line)) return;
          if (ALLOWED.some((a) => rel.startsWith(a))) allowedHits++;
          else offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders, "use tagged $queryRaw/$executeRaw (parameters), or move it into src/db").toEqual([]);
    expect(allowedHits).toBeGreaterThan(0);
  });
});
