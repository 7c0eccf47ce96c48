// Reads a whole template folder: manifest, sample catalog, store settings (theme and tab bar) and
// its pages as written (with placeholders). Used by provisioning, "apply template" and CI alike.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type TStoreSettingsDocument, ZStoreSettingsDocument } from "@mallwright/schema";
import { findTemplate, TEMPLATES_DIR, type TTemplateManifest } from "../platform/templates.ts";
import { readTemplateCatalog, type TTemplateCatalog } from "./apply-template-catalog.ts";

export interface TemplatePageFile {
  /** The file name without .json: what `@page:<key>` names. */
  key: string;
  /** Relative to the template folder, e.g. "pages/home.json" (for messages). */
  file: string;
  /** The document as written, placeholders and all. */
  raw: unknown;
}

export interface TemplateContent {
  manifest: TTemplateManifest;
  catalog: TTemplateCatalog | null;
  settings: TStoreSettingsDocument | null;
  /** In manifest order; the first is the home page. */
  pages: TemplatePageFile[];
}

export function templatePageKey(file: string): string {
  return file.replace(/\.json$/, "");
}

/** The template, or undefined when there is none by that name. Throws on a file that does not parse. */
export function readTemplate(name: string, dir = TEMPLATES_DIR): TemplateContent | undefined {
  const manifest = findTemplate(name, dir);
  if (!manifest) return undefined;
  const read = (file: string): unknown => JSON.parse(readFileSync(path.join(dir, name, file), "utf8"));
  return {
    manifest,
    catalog: readTemplateCatalog(name, dir),
    settings: manifest.theme ? ZStoreSettingsDocument.parse(read(manifest.theme)) : null,
    pages: manifest.pages.map((file) => ({
      key: templatePageKey(file),
      file: `pages/${file}`,
      raw: read(`pages/${file}`),
    })),
  };
}
