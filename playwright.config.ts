import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/browser";
import { APP_ORIGIN } from "./e2e/standins/constants";

const CI = !!process.env.CI;

// End-to-end tests run the production build against local HTTPS stand-ins for Entra ID and Graph (e2e/standins).
// The stand-ins hold shared state (sessions, tenant, faults): one worker, and every spec resets them in beforeEach.
export default defineConfig({
  testDir: "e2e",
  // Separate output per port base, so two runs on one machine do not delete each other's traces.
  outputDir: process.env.E2E_PORT_BASE ? `test-results-${process.env.E2E_PORT_BASE}` : "test-results",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: APP_ORIGIN,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      // The real browser's own user agent: no device emulation.
      use: { browserName: "chromium", launchOptions: chromiumLaunchOptions() },
    },
  ],
});
