#!/usr/bin/env node
/**
 * Bundle budget, run by `npm test` right after the production build (no browser, well under a second):
 * - the tenant route's initial JavaScript (index.html's entry + TenantApp and everything they import statically)
 *   is at most BUDGET_GZIP_KB kB (1 kB = 1,000 bytes, as Vite prints) gzip -9;
 * - a tenant-configured app never downloads the demo: no DemoApp chunk on the tenant route, and none of the demo
 *   tenant's code inlined into a chunk the tenant route loads.
 * Usage: node scripts/bundle-budget.mjs [distDir]   (default dist/). Exit code 1 with a message when over budget.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { analyzeBundle, DEMO_ENTRY, kb } from "./bundleSizes.mjs";

export const BUDGET_GZIP_KB = 190;

/** A string only src/demo/tenant.ts contains: if it shows up in a tenant-route chunk, the demo leaked in. */
const DEMO_MARKER = "demo tenant: duplicate person id or UPN";

const distDir = resolve(process.argv[2] ?? "dist");
const failures = [];
const notes = [];

let analysis;
try {
  analysis = analyzeBundle(distDir, { brotli: false });
} catch (error) {
  console.error(`Bundle budget: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { manifest, routes, chunks } = analysis;
const tenant = routes.tenant;
const budget = BUDGET_GZIP_KB * 1000;

if (tenant.jsTotal.gzip > budget) {
  const biggest = chunks
    .filter((c) => c.kind === "js" && c.routes.includes("tenant"))
    .map((c) => `    ${c.file}  ${kb(c.gzip)} gzip`)
    .join("\n");
  failures.push(
    `Initial JS of the tenant board is ${kb(tenant.jsTotal.gzip)} gzip, over the ${BUDGET_GZIP_KB} kB budget by ` +
      `${kb(tenant.jsTotal.gzip - budget)}.\n  What the tenant route loads up front:\n${biggest}\n` +
      "  Lazy-load what the first board does not need (React.lazy / import()), or raise the budget in " +
      "scripts/bundle-budget.mjs with a reason in the commit.",
  );
}

const demoFile = manifest[DEMO_ENTRY]?.file;
if (demoFile && tenant.js.includes(demoFile)) {
  failures.push(`The tenant route loads the demo chunk ${demoFile}: something on the tenant path imports ${DEMO_ENTRY} statically.`);
}
const markerIn = (file) => readFileSync(resolve(distDir, file), "utf8").includes(DEMO_MARKER);
const leaked = tenant.js.filter(markerIn);
if (leaked.length) {
  failures.push(`Demo tenant code (src/demo) is inside chunk(s) the tenant route loads: ${leaked.join(", ")}.`);
} else if (!chunks.some((c) => c.kind === "js" && markerIn(c.file))) {
  notes.push(`note: the demo marker string is in no chunk at all; update DEMO_MARKER in scripts/bundle-budget.mjs.`);
}

const summary =
  `tenant route initial JS ${kb(tenant.jsTotal.gzip)} gzip (${kb(tenant.jsTotal.raw)} raw) of ${BUDGET_GZIP_KB} kB budget; ` +
  `CSS ${kb(tenant.cssTotal.gzip)} gzip; demo route JS ${kb(routes.demo.jsTotal.gzip)} gzip`;
for (const n of notes) console.warn(`Bundle budget ${n}`);
if (failures.length) {
  console.error(`Bundle budget FAILED (${summary}):\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`Bundle budget OK: ${summary}; no demo code on the tenant route.`);
