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
  pages: z.array(z.string()),
  catalog: z.string().nullable(),
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
