// Liveness, readiness, the OpenAPI document's UI assets. No session: probes and docs are public.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { defineRoute } from "../http/access.ts";
import type { AppEnv } from "../http/context.ts";
import { json } from "../http/responses.ts";

const ZHealth = z.object({ ok: z.boolean() });
const ZReady = z.object({ ok: z.boolean(), detail: z.string() });

export const systemRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute({
      method: "get",
      path: "/healthz",
      tags: ["system"],
      summary: "The process is up",
      access: { kind: "public", reason: "liveness probe" },
      responses: { 200: json(ZHealth, "Alive") },
    }),
    (c) => c.json({ ok: true }, 200),
  )
  .openapi(
    defineRoute({
      method: "get",
      path: "/readyz",
      tags: ["system"],
      summary: "The database answers and every migration is applied",
      access: { kind: "public", reason: "readiness probe; says nothing private" },
      responses: { 200: json(ZReady, "Ready"), 503: json(ZReady, "Not ready") },
    }),
    async (c) => {
      const r = await c.get("deps").readiness();
      return c.json(r, r.ok ? 200 : 503);
    },
  );

const require = createRequire(import.meta.url);
let assets: Map<string, { body: string; type: string }> | undefined;

function docsAssets() {
  if (!assets) {
    const dir = path.dirname(require.resolve("swagger-ui-dist/package.json"));
    assets = new Map([
      ["swagger-ui.css", { body: readFileSync(path.join(dir, "swagger-ui.css"), "utf8"), type: "text/css" }],
      [
        "swagger-ui-bundle.js",
        { body: readFileSync(path.join(dir, "swagger-ui-bundle.js"), "utf8"), type: "text/javascript" },
      ],
    ]);
  }
  return assets;
}

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mallwright API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script></body></html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#ui", deepLinking: true });`;

/** The docs UI, served from the swagger-ui-dist package (no CDN: works offline). */
export function mountDocs(app: OpenAPIHono<AppEnv>) {
  app.get("/docs", (c) => c.html(DOCS_HTML));
  app.get("/docs/assets/:file", (c) => {
    const file = c.req.param("file");
    if (file === "init.js") return c.body(DOCS_INIT, 200, { "content-type": "text/javascript" });
    const a = docsAssets().get(file);
    if (!a) return c.notFound();
    return c.body(a.body, 200, { "content-type": a.type, "cache-control": "public, max-age=86400" });
  });
}
