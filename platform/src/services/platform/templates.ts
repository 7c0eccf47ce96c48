// Store templates shipped in tenant-templates/<name>/manifest.json.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../../../tenant-templates/", import.meta.url));

const ZLocalized = z.object({ en: z.string(), zh: z.string() });
export const ZTemplateManifest = z.object({
  name: z.string(),
  title: ZLocalized,
  description: ZLocalized,
  /** Three colours a template picker shows as the template's swatch. */
  previewColors: z.array(z.string().regex(/^#[0-9a-fA-F]{6}$/)).length(3),
  /**
   * Page files under pages/, e.g. "home.json"; the first is the home page. A page's key (for
   * `@page:<key>` links) is its file name without .json.
   */
  pages: z.array(z.string().regex(/^[a-z0-9-]+\.json$/, "a page file is pages/<key>.json")),
  catalog: z.string().nullable(),
  /** The store settings file: `{ theme, tabBar }` (ZStoreSettingsDocument); null keeps the defaults. */
  theme: z.string().nullable().default(null),
});
export type TTemplateManifest = z.infer<typeof ZTemplateManifest>;

export function listTemplates(dir = TEMPLATES_DIR): TTemplateManifest[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${dir}/${d.name}/manifest.json`))
    .map((d) => ZTemplateManifest.parse(JSON.parse(readFileSync(`${dir}/${d.name}/manifest.json`, "utf8"))))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function findTemplate(name: string, dir = TEMPLATES_DIR): TTemplateManifest | undefined {
  return listTemplates(dir).find((t) => t.name === name);
}
