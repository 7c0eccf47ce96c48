// The builder: built into dist/ and served by the platform at `/` (npm start), or served by Vite's
// dev server (npm run dev -w @mallwright/builder) with the API proxied to the platform on :3000.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const API = process.env.MALLWRIGHT_API ?? "http://127.0.0.1:3000";
// The platform refuses cookie-authenticated writes from another origin: present the API's own.
const proxy = { target: API, changeOrigin: true, headers: { origin: API } };

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: { "/merchant": proxy, "/platform": proxy, "/store": proxy, "/files": proxy },
  },
});
