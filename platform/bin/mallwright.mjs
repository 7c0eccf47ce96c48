#!/usr/bin/env node
// `npx mallwright ...`: loads the TypeScript CLI (src/cli/main.ts) through tsx, from any working directory.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// Pin the platform's tsconfig: tsx would otherwise look for one in the caller's directory.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });

const { main } = await import(new URL("../src/cli/main.ts", import.meta.url).href);
await main(process.argv.slice(2));
