/**
 * Starts the stand-ins once for the whole run, in the runner process; workers reach them over HTTPS (knobs.ts).
 * The returned function is Playwright's global teardown. E2E_EXTERNAL_STANDINS=1 uses stand-ins started elsewhere
 * (e.g. `node e2e/standins/serve.mjs` while developing).
 */
import type { FullConfig } from "@playwright/test";
import { startStandins } from "./standins/start";

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  if (process.env.E2E_EXTERNAL_STANDINS === "1") return async () => {};
  const standins = await startStandins();
  return () => standins.close();
}
