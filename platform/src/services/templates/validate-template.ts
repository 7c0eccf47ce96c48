// Checks a template folder without a database: the manifest, catalog and settings parse, every
// product makes a valid create request, and every page resolves (each placeholder names something
// the template defines) to a document that passes publish-mode validation. CI runs it on every
// template (templates.test.ts); each problem names the file and the path inside it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ZCreateProductRequest, ZStoreSettingsDocument } from "@mallwright/schema";
import type { z } from "zod";
import { TEMPLATES_DIR, ZTemplateManifest } from "../platform/templates.ts";
import { templateProductRequest, ZTemplateCatalog } from "./apply-template-catalog.ts";
import { templatePageKey } from "./read-template.ts";
import { placeholderImageRefs, resolveTemplatePage } from "./resolve-template-page.ts";

export interface TemplateProblem {
  /** Relative to the template folder, e.g. "pages/home.json". */
  file: string;
  path: string;
  message: string;
}

/** A stable fake UUID per key, so a resolved page validates like a real one. */
function fakeId(kind: number, n: number): string {
  return `${kind}0000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

const issuesOf = (file: string, error: z.ZodError): TemplateProblem[] =>
  error.issues.map((i) => ({ file, path: i.path.map(String).join("."), message: i.message }));

export function validateTemplate(name: string, dir = TEMPLATES_DIR): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const read = (file: string): unknown => {
    const full = path.join(dir, name, file);
    if (!existsSync(full)) {
      problems.push({ file, path: "", message: "the manifest lists this file but it does not exist" });
      return undefined;
    }
    try {
      return JSON.parse(readFileSync(full, "utf8"));
    } catch (err) {
      problems.push({ file, path: "", message: `not JSON: ${(err as Error).message}` });
      return undefined;
    }
  };

  const manifestRaw = read("manifest.json");
  if (manifestRaw === undefined) return problems;
  const manifest = ZTemplateManifest.safeParse(manifestRaw);
  if (!manifest.success) return [...problems, ...issuesOf("manifest.json", manifest.error)];
  if (manifest.data.name !== name) {
    problems.push({ file: "manifest.json", path: "name", message: `must be the folder's name, ${name}` });
  }

  const categories: Record<string, string> = {};
  const products: Record<string, string> = {};
  if (manifest.data.catalog) {
    const file = manifest.data.catalog;
    const raw = read(file);
    const catalog = raw === undefined ? undefined : ZTemplateCatalog.safeParse(raw);
    if (catalog && !catalog.success) problems.push(...issuesOf(file, catalog.error));
    if (catalog?.success) {
      const keys = catalog.data.categories.flatMap((c) => [c.key, ...c.children.map((ch) => ch.key)]);
      keys.forEach((k, i) => {
        categories[k] = fakeId(2, i + 1);
      });
      catalog.data.products.forEach((p, i) => {
        products[p.codePrefix] = fakeId(1, i + 1);
        const request = ZCreateProductRequest.safeParse(
          templateProductRequest(p, categories[p.category] ?? null, [fakeId(4, i + 1)]),
        );
        if (!request.success) {
          for (const issue of request.error.issues) {
            problems.push({
              file,
              path: [`products.${i}`, ...issue.path.map(String)].join("."),
              message: issue.message,
            });
          }
        }
      });
    }
  }

  if (manifest.data.theme) {
    const file = manifest.data.theme;
    const raw = read(file);
    const settings = raw === undefined ? undefined : ZStoreSettingsDocument.safeParse(raw);
    if (settings && !settings.success) problems.push(...issuesOf(file, settings.error));
  }

  const keys = manifest.data.pages.map(templatePageKey);
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i)
      problems.push({ file: "manifest.json", path: `pages.${i}`, message: `${k} is listed twice` });
  });
  const pages = Object.fromEntries(keys.map((k, i) => [k, fakeId(3, i + 1)]));
  for (const page of manifest.data.pages) {
    const file = `pages/${page}`;
    const raw = read(file);
    if (raw === undefined) continue;
    const resolved = resolveTemplatePage(
      raw,
      { categories, products, pages, images: placeholderImageRefs(raw) },
      { mode: "publish", missing: "fail" },
    );
    for (const issue of resolved.issues) {
      problems.push({
        file,
        path: issue.path,
        message: issue.blockId ? `${issue.message} (block ${issue.blockId})` : issue.message,
      });
    }
  }
  return problems;
}

/** Problems as lines, "<template>/<file>: <path>: <message>". */
export function formatTemplateProblems(name: string, problems: TemplateProblem[]): string[] {
  return problems.map((p) => `${name}/${p.file}: ${p.path || "(top)"}: ${p.message}`);
}
