// Builds the benchmark's Puck app (index.html + main.tsx here) with Vite's JS API into a temp
// dir, writes the pages' Puck data beside it (data-<size>.json), and serves that dir on loopback.
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { build } from "vite";
import type { BenchPage } from "../pages.ts";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export async function buildPuckApp(outDir: string, pages: BenchPage[]): Promise<void> {
  await build({
    root: HERE,
    base: "./",
    configFile: false,
    logLevel: "warn",
    plugins: [react()],
    build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 4000 },
  });
  for (const page of pages) await writeFile(path.join(outDir, `data-${page.size}.json`), JSON.stringify(page.puck));
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/** Serves `dir` (files only, no listing) on an ephemeral loopback port. */
export function serveDir(dir: string): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? "/", "http://x").pathname;
    const file = path.join(dir, name === "/" ? "index.html" : path.normalize(name));
    if (!file.startsWith(dir)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}
