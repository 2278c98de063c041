/**
 * Serves the production build (dist/) like a static host would, plus /config.json from memory so a test can hand the
 * app any config text (including broken JSON) without rebuilding.
 */
import { contentSecurityPolicy, SECURITY_HEADERS } from "../../src/config/csp";
import { readCspInput } from "../../scripts/securityHeaders";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { TlsMaterial } from "./certs";
import { APP_ORIGIN, APP_PORT, DEFAULT_APP_CONFIG } from "./constants";
import { handleKnob, send, startHttpsServer, type Req, type Res, type RunningServer } from "./http";

export const DIST_DIR = join(import.meta.dirname, "..", "..", "dist");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
};

export const DEFAULT_CONFIG_TEXT = JSON.stringify(DEFAULT_APP_CONFIG, null, 2);

export interface AppStandin extends RunningServer {
  /** The raw text /config.json currently answers. */
  configText(): string;
}

export async function startAppServer(options: { tls: TlsMaterial; distDir?: string; port?: number }): Promise<AppStandin> {
  const distDir = options.distDir ?? DIST_DIR;
  let configText = DEFAULT_CONFIG_TEXT;

  const knobs = {
    "POST config": (_body: unknown, raw: string) => {
      configText = raw; // verbatim: tests feed invalid JSON on purpose
    },
    "GET config": () => ({ text: configText }),
    "POST reset": () => {
      configText = DEFAULT_CONFIG_TEXT;
    },
  };

  async function serveFile(req: Req, res: Res, file: string) {
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    const isHtml = type.startsWith("text/html");
    // Hashed assets never change; HTML must always be revalidated so a new deploy is picked up.
    const cache = isHtml ? "no-store" : file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache";
    const body = await readFile(file);
    // The production policy, computed from the config being served, exactly as the build writes it for static hosts.
    const security = isHtml ? { "Content-Security-Policy": contentSecurityPolicy(readCspInput(configText)), ...SECURITY_HEADERS } : {};
    send(res, 200, { "Content-Type": type, "Cache-Control": cache, "X-Content-Type-Options": "nosniff", ...security }, req.method === "HEAD" ? undefined : body);
  }

  async function handler(req: Req, res: Res) {
    const url = new URL(req.url ?? "/", APP_ORIGIN);
    if (await handleKnob(req, res, url.pathname, knobs)) return;
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(res, 405, { Allow: "GET, HEAD", "Content-Type": "text/plain" }, "Method not allowed");
    }
    if (url.pathname === "/config.json") {
      return send(res, 200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" }, req.method === "HEAD" ? undefined : configText);
    }
    if (!existsSync(join(distDir, "index.html"))) {
      return send(res, 503, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }, "No production build: run `npm run build` first (dist/index.html missing).");
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, { "Content-Type": "text/plain" }, "Bad path");
    }
    const candidate = normalize(join(distDir, pathname));
    if (candidate !== distDir && !candidate.startsWith(distDir + sep)) {
      return send(res, 404, { "Content-Type": "text/plain" }, "Not found");
    }
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) return serveFile(req, res, candidate);
    if (info?.isDirectory() && existsSync(join(candidate, "index.html"))) return serveFile(req, res, join(candidate, "index.html"));
    // SPA fallback for extension-less paths (deep links); a missing asset is a real 404.
    if (!extname(pathname)) return serveFile(req, res, join(distDir, "index.html"));
    send(res, 404, { "Content-Type": "text/plain", "Cache-Control": "no-store" }, "Not found");
  }

  const server = await startHttpsServer("app", options.port ?? APP_PORT, options.tls, handler);
  return { close: () => server.close(), configText: () => configText };
}
