/** Types for scripts/bundleSizes.mjs (plain JS so `npm test` runs it without a TypeScript step). */
export interface Sizes {
  raw: number;
  gzip: number;
  brotli?: number;
}
export interface RouteSizes {
  chunks: string[];
  js: string[];
  css: string[];
  jsTotal: Sizes;
  cssTotal: Sizes;
}
export interface ChunkSizes extends Sizes {
  file: string;
  name: string;
  kind: "js" | "css";
  /** Routes that load this file up front; empty: loaded by none up front (lazy). */
  routes: string[];
}
export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export const MANIFEST_PATH: string;
export const TENANT_ENTRY: string;
export const DEMO_ENTRY: string;
export function compressedSizes(buffer: Buffer, options?: { brotli?: boolean }): Sizes;
export function readManifest(distDir: string): Record<string, ManifestChunk>;
export function routeChunks(manifest: Record<string, ManifestChunk>): Record<string, Set<string>>;
export function analyzeBundle(
  distDir: string,
  options?: { brotli?: boolean },
): { manifest: Record<string, ManifestChunk>; routes: Record<string, RouteSizes>; chunks: ChunkSizes[] };
export function kb(bytes: number): string;
