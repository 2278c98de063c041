/**
 * Which Chromium the e2e tests and benchmarks drive: $CHROMIUM_PATH, else a `chromium` on PATH (Debian's package),
 * else Playwright's own download if one is installed.
 */
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { chromium } from "@playwright/test";

export const NO_CHROMIUM_MESSAGE =
  "No Chromium found. Install Debian's chromium (apt-get install -y chromium) or run `npx playwright install chromium`, or set CHROMIUM_PATH.";

/** Flags for a headless, quiet, container-friendly browser (no sandbox: containers often lack user namespaces). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The executable to launch, or undefined to let Playwright use its own bundled Chromium. Throws when there is none.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!executable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file. ${NO_CHROMIUM_MESSAGE}`);
    return fromEnv;
  }
  const system = onPath(["chromium", "chromium-browser"]);
  if (system) return system;
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return undefined;
  throw new Error(NO_CHROMIUM_MESSAGE);
}

/** Launch options for playwright.config.ts `use.launchOptions` and for `chromium.launch()` in benchmarks. */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = findChromium();
  return { ...(executablePath ? { executablePath } : {}), args: [...CHROMIUM_ARGS] };
}
