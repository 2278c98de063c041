/**
 * What each route of the production build downloads, from Vite's chunk graph (dist/.vite/manifest.json, written
 * because vite.config.ts sets build.manifest). Plain JS with no dependencies: the bundle budget in `npm test` and
 * `npm run bench` both use it.
 *
 * Routes (what a browser fetches before the first board can render):
 * - tenant: index.html's entry chunk and its static imports, plus main.tsx's dynamic import of src/app/TenantApp.tsx
 *   and that chunk's static imports (TenantApp, BoardApp, MSAL's shared chunk…), with their CSS.
 * - demo:   the same with src/app/DemoApp.tsx instead.
 * - redirect: redirect.html (MSAL's redirect bridge, loaded in the hidden iframe on every silent renewal).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";

export const MANIFEST_PATH = join(".vite", "manifest.json");
export const TENANT_ENTRY = "src/app/TenantApp.tsx";
export const DEMO_ENTRY = "src/app/DemoApp.tsx";

/** gzip -9 and brotli quality 11: what a static host serves when files are precompressed at deploy time. */
export function compressedSizes(buffer, { brotli = true } = {}) {
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    ...(brotli
      ? {
          brotli: brotliCompressSync(buffer, {
            params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
          }).length,
        }
      : {}),
  };
}

export function readManifest(distDir) {
  const file = join(distDir, MANIFEST_PATH);
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing. Run \`npm run build\` first (vite.config.ts must keep \`build.manifest: true\`: the bundle ` +
        "budget and the benchmarks read the chunk graph from it).",
    );
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Every chunk reachable from `keys` through static imports (cycles allowed: Vite's shared chunks import the entry). */
function staticClosure(manifest, keys) {
  const seen = new Set();
  const stack = [...keys];
  while (stack.length) {
    const key = stack.pop();
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`Chunk ${key} is not in the Vite manifest.`);
    seen.add(key);
    for (const next of chunk.imports ?? []) stack.push(next);
  }
  return seen;
}

function filesOf(manifest, keys) {
  const js = new Set();
  const css = new Set();
  for (const key of keys) {
    const chunk = manifest[key];
    if (chunk.file.endsWith(".js")) js.add(chunk.file);
    else if (chunk.file.endsWith(".css")) css.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
  }
  return { js: [...js].sort(), css: [...css].sort() };
}

/** Chunk keys each route loads before it can show a board. */
export function routeChunks(manifest) {
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith("index.html"));
  if (!entry) throw new Error("No index.html entry in the Vite manifest.");
  const dynamic = manifest[entry].dynamicImports ?? [];
  for (const needed of [TENANT_ENTRY, DEMO_ENTRY]) {
    if (!dynamic.includes(needed)) {
      throw new Error(
        `index.html's entry no longer imports ${needed} dynamically (it imports: ${dynamic.join(", ") || "nothing"}). ` +
          "Update the route definitions in scripts/bundleSizes.mjs if main.tsx changed on purpose.",
      );
    }
  }
  const routes = {
    tenant: staticClosure(manifest, [entry, TENANT_ENTRY]),
    demo: staticClosure(manifest, [entry, DEMO_ENTRY]),
  };
  const redirect = Object.keys(manifest).find((k) => manifest[k].isEntry && k.endsWith("redirect.html"));
  if (redirect) routes.redirect = staticClosure(manifest, [redirect]);
  return routes;
}

/**
 * Sizes of every route and chunk. `brotli: false` skips brotli (slow at quality 11) for the quick budget check.
 * Returns { routes: { tenant: { js, css, jsTotal, cssTotal }, … }, chunks: [{ file, name, kind, routes, raw, gzip, brotli? }] }.
 */
export function analyzeBundle(distDir, { brotli = true } = {}) {
  const manifest = readManifest(distDir);
  const routeKeys = routeChunks(manifest);
  const sizes = new Map();
  const sizeOf = (file) => {
    if (!sizes.has(file)) sizes.set(file, compressedSizes(readFileSync(join(distDir, file)), { brotli }));
    return sizes.get(file);
  };
  const sum = (files) => {
    const total = { raw: 0, gzip: 0, ...(brotli ? { brotli: 0 } : {}) };
    for (const f of files) for (const k of Object.keys(total)) total[k] += sizeOf(f)[k];
    return total;
  };

  const routes = {};
  for (const [name, keys] of Object.entries(routeKeys)) {
    const { js, css } = filesOf(manifest, keys);
    routes[name] = { chunks: [...keys].sort(), js, css, jsTotal: sum(js), cssTotal: sum(css) };
  }

  // Every emitted JS/CSS file, with the routes that load it up front ("lazy" when none does).
  const all = new Map();
  for (const [key, chunk] of Object.entries(manifest)) {
    for (const file of [chunk.file, ...(chunk.css ?? [])]) {
      if (!/\.(js|css)$/.test(file) || all.has(file)) continue;
      all.set(file, { file, name: file === chunk.file ? (chunk.name ?? key) : `${chunk.name ?? key} (css)` });
    }
  }
  const chunks = [...all.values()]
    .map((c) => {
      const loadedBy = Object.entries(routes)
        .filter(([, r]) => r.js.includes(c.file) || r.css.includes(c.file))
        .map(([name]) => name);
      return { ...c, kind: c.file.endsWith(".css") ? "css" : "js", routes: loadedBy, ...sizeOf(c.file) };
    })
    .sort((a, b) => b.raw - a.raw);

  return { manifest, routes, chunks };
}

/** kB = 1,000 bytes, as Vite prints sizes after a build. */
export const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
