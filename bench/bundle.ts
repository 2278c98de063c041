/** Section 1: what the board's routes download, raw / gzip -9 / brotli 11, from the build's chunk graph. */
import { analyzeBundle, type Sizes } from "../scripts/bundleSizes.mjs";
import { fmtKb, table } from "./lib";

/** The budget `npm test` enforces (scripts/bundle-budget.mjs), repeated here for the report. */
export const BUDGET_GZIP_KB = 190;

export interface BundleResult {
  budgetGzipKb: number;
  routes: Record<string, { js: string[]; css: string[]; jsTotal: Sizes; cssTotal: Sizes }>;
  chunks: { file: string; name: string; kind: string; routes: string[]; raw: number; gzip: number; brotli?: number }[];
  withinBudget: boolean;
  tenantLoadsDemo: boolean;
}

export function runBundle(distDir: string): { result: BundleResult; text: string } {
  const { routes, chunks, manifest } = analyzeBundle(distDir, { brotli: true });
  const demoFile = manifest["src/app/DemoApp.tsx"]?.file;
  const result: BundleResult = {
    budgetGzipKb: BUDGET_GZIP_KB,
    routes: Object.fromEntries(Object.entries(routes).map(([k, r]) => [k, { js: r.js, css: r.css, jsTotal: r.jsTotal, cssTotal: r.cssTotal }])),
    chunks: chunks.map((c) => ({ file: c.file, name: c.name, kind: c.kind, routes: c.routes, raw: c.raw, gzip: c.gzip, ...(c.brotli !== undefined ? { brotli: c.brotli } : {}) })),
    withinBudget: routes.tenant!.jsTotal.gzip <= BUDGET_GZIP_KB * 1000,
    tenantLoadsDemo: !!demoFile && routes.tenant!.js.includes(demoFile),
  };
  const sizes = (s: Sizes) => [fmtKb(s.raw), fmtKb(s.gzip), fmtKb(s.brotli ?? NaN)];
  const routeRows = Object.entries(routes).flatMap(([name, r]) => [
    [`${name}: JS (${r.js.length} files)`, ...sizes(r.jsTotal)],
    [`${name}: CSS (${r.css.length} files)`, ...sizes(r.cssTotal)],
  ]);
  const text = [
    table("1. Bundle — what each route loads before the first board (kB = 1,000 bytes)", ["route", "raw kB", "gzip kB", "brotli kB"], routeRows, [
      `Budget: tenant route initial JS ≤ ${BUDGET_GZIP_KB} kB gzip → ${result.withinBudget ? "OK" : "OVER BUDGET"} ` +
        `(${fmtKb(routes.tenant!.jsTotal.gzip)} kB). Tenant route loads the demo chunk: ${result.tenantLoadsDemo ? "YES (bad)" : "no"}.`,
    ]),
    table(
      "   Every chunk (✓ = loaded up front by that route; a chunk no route loads up front is lazy)",
      ["file", "tenant", "demo", "redirect", "raw kB", "gzip kB", "brotli kB"],
      chunks.map((c) => [
        c.file.replace(/^assets\//, ""),
        c.routes.includes("tenant") ? "✓" : "",
        c.routes.includes("demo") ? "✓" : "",
        c.routes.includes("redirect") ? "✓" : "",
        ...sizes(c),
      ]),
    ),
  ].join("\n");
  return { result, text };
}
