#!/usr/bin/env node
/**
 * `npm run bench [-- --only=requests,latency] [--quick] [--no-build] [--port-wait=120]`
 * Builds the production app when dist/ is missing or older than its sources, then runs bench/main.ts through Vite's
 * module runner (Node 20 cannot run TypeScript itself; same approach as e2e/standins/serve.mjs).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { runnerImport } from "vite";

const root = resolve(import.meta.dirname, "..");
const SECTIONS = ["bundle", "requests", "latency", "coldstart", "render", "soak"];

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const value = (name) => flag(name)?.split("=")[1];
/** Another build to measure (implies --no-build): e.g. a build of another commit. */
const distDir = value("dist") ? resolve(value("dist")) : join(root, "dist");
if (flag("help")) {
  console.log(`npm run bench -- [--only=${SECTIONS.join(",")}] [--quick] [--no-build] [--dist=<dir>] [--port-wait=<seconds>]`);
  process.exit(0);
}
const only = value("only")?.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
const unknown = only?.filter((s) => !SECTIONS.includes(s)) ?? [];
if (unknown.length) {
  console.error(`Unknown section(s): ${unknown.join(", ")}. Sections: ${SECTIONS.join(", ")}.`);
  process.exit(2);
}

/** Newest modification time under the paths the build reads. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== "node_modules" && !entry.startsWith(".")) visit(join(path, entry));
    } else newest = Math.max(newest, info.mtimeMs);
  };
  for (const p of ["src", "public", "index.html", "redirect.html", "vite.config.ts", "package-lock.json", "tsconfig.json", "scripts/securityHeaders.ts"]) {
    visit(join(root, p));
  }
  return newest;
}

const sections = only ?? SECTIONS;
const portWaitSeconds = Number(value("port-wait") ?? 120);

const portInUse = (port) =>
  new Promise((done) => {
    const socket = connect({ port, host: "127.0.0.1" });
    const end = (used) => {
      socket.destroy();
      done(used);
    };
    socket.setTimeout(1000, () => end(false));
    socket.once("connect", () => end(true));
    socket.once("error", () => end(false));
  });

// The stand-ins serve dist/: while an e2e run uses them (ports 5443-5445), rebuilding dist/ would pull its files
// away under it. Wait for them to be free before building (main.ts checks again before starting its own).
if (sections.some((s) => s !== "bundle")) {
  const deadline = Date.now() + portWaitSeconds * 1000;
  let told = false;
  while ((await Promise.all([5443, 5444, 5445].map(portInUse))).some(Boolean) && Date.now() < deadline) {
    if (!told) console.error(`Ports 5443-5445 busy (e2e tests running?): waiting up to ${portWaitSeconds} s…`);
    told = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

const manifest = join(distDir, ".vite", "manifest.json");
const stale = !existsSync(manifest) || statSync(manifest).mtimeMs < newestSource();
if (flag("no-build") || flag("dist")) {
  if (!existsSync(manifest)) {
    console.error(`${distDir} has no build (.vite/manifest.json missing): run \`npm run build\` or drop --no-build.`);
    process.exit(1);
  }
  if (stale && !flag("dist")) console.error("warning: dist/ is older than its sources (--no-build given: measuring it anyway).");
} else if (stale) {
  console.error(existsSync(manifest) ? "dist/ is older than its sources: npm run build…" : "No build in dist/: npm run build…");
  const built = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (built.status !== 0) {
    console.error("The build failed, so there is nothing to measure. Fix the build (`npm run build`) and run the bench again.");
    process.exit(1);
  }
}

try {
  const { module } = await runnerImport(join(root, "bench", "main.ts"), { configFile: false, logLevel: "error" });
  const code = await module.main({
    root,
    distDir,
    sections,
    quick: !!flag("quick"),
    portWaitSeconds,
  });
  process.exit(code);
} catch (error) {
  console.error(`Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
