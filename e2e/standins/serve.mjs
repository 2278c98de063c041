#!/usr/bin/env node
/**
 * Run the stand-ins by hand for local development: `node e2e/standins/serve.mjs` (then `npm run build` and open
 * https://localhost:5443, or run Playwright with E2E_EXTERNAL_STANDINS=1). Node 20 cannot run TypeScript itself, so
 * Vite's module runner loads start.ts. `--dist <dir>` serves another build than dist/. Ctrl+C stops.
 */
import { resolve } from "node:path";
import { runnerImport } from "vite";

const { module } = await runnerImport(new URL("./start.ts", import.meta.url).pathname, {
  configFile: false,
  logLevel: "error",
});
const distFlag = process.argv.indexOf("--dist");
const distDir = distFlag > 0 ? resolve(process.argv[distFlag + 1] ?? "") : undefined;
const standins = await module.startStandins(distDir ? { distDir } : {});
console.log(`Stand-ins up:\n  app      ${standins.urls.app}\n  identity ${standins.urls.identity}\n  graph    ${standins.urls.graph}`);

const stop = async () => {
  await standins.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
