import { expect, test } from "@playwright/test";
import { knobs } from "./standins/knobs";
import { freshStart, signIn } from "./helpers";

test.beforeEach(freshStart);

test("the demo opens with no account and no stand-in, and presence changes within a minute", async ({ page }) => {
  // A fixed weekday keeps the simulated day (and so this test) the same every day it runs.
  await page.clock.install({ time: new Date("2026-12-03T08:00:00Z") });
  await page.goto("/?demo");
  await expect(page.getByText("Demo", { exact: true })).toBeVisible();
  const tiles = page.locator("li.tile");
  await expect(tiles.first()).not.toHaveAttribute("data-state", "pending", { timeout: 10_000 });
  expect(await tiles.count()).toBeGreaterThanOrEqual(10);
  const before = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));

  // A minute of wall time at the default speed factor.
  await page.clock.runFor(60_000);
  await expect
    .poll(async () => {
      const after = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));
      return after.filter((s, i) => s !== before[i]).length;
    })
    .toBeGreaterThan(0);

  // Everything came from the simulator in the page: neither the identity nor the Graph stand-in saw a request.
  expect(await knobs.graph.log()).toEqual([]);
  expect((await knobs.identity.log()).length).toBe(0);
});

test("a tenant-configured production build never downloads the demo", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  await signIn(page);
  await expect(page.locator("li.tile").first()).not.toHaveAttribute("data-state", "pending", { timeout: 15_000 });
  expect(scripts.some((s) => /TenantApp-.*\.js$/.test(s))).toBe(true);
  expect(scripts.filter((s) => /Demo/i.test(s))).toEqual([]);
});
