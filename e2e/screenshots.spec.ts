import { expect, test, type Page } from "@playwright/test";
import { knobs } from "./standins/knobs";
import { freshStart, signIn } from "./helpers";

// `npm run screenshots` refreshes the README's pictures; a normal test run skips this file.
test.skip(!process.env.SCREENSHOTS, "run with `npm run screenshots`");
test.beforeEach(freshStart);

const OUT = "docs/screenshots";

async function demoAt(page: Page, url: string, width: number, height: number) {
  await page.setViewportSize({ width, height });
  // A fixed Thursday morning: the same, lively board every time.
  await page.clock.install({ time: new Date("2026-12-03T08:50:00Z") });
  await page.goto(url);
  await expect(page.locator("li.tile").first()).not.toHaveAttribute("data-state", "pending", { timeout: 10_000 });
  await page.clock.runFor(35_000);
  await page.waitForTimeout(500);
}

test("demo board", async ({ page }) => {
  await demoAt(page, "/?demo&theme=light", 1440, 900);
  await page.screenshot({ path: `${OUT}/board.png` });
});

for (const theme of ["light", "dark", "high-contrast"] as const) {
  test(`wall mode, ${theme}`, async ({ page }) => {
    await demoAt(page, `/?demo&kiosk&theme=${theme}`, 1920, 1080);
    await page.screenshot({ path: `${OUT}/wall-${theme}.png` });
  });
}

test("editor with people search", async ({ page }) => {
  await demoAt(page, "/?demo&theme=light", 1440, 900);
  await page.getByRole("button", { name: "Edit board" }).click();
  await page.getByRole("combobox", { name: "Add people" }).fill("an");
  await page.clock.runFor(1000);
  await expect(page.getByRole("listbox", { name: "Add people results" }).getByRole("option").first()).toBeVisible();
  await page.screenshot({ path: `${OUT}/editor.png` });
});

test("offline banner on a stale board", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await knobs.graph.setTenant({ startAt: Date.UTC(2026, 11, 3, 8, 50) });
  await page.clock.install();
  await signIn(page);
  await expect(page.locator("li.tile").first()).not.toHaveAttribute("data-state", "pending", { timeout: 15_000 });
  await knobs.graph.offline(true);
  await page.clock.runFor(5 * 60_000);
  await expect(page.getByText(/Offline since/)).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: `${OUT}/offline.png` });
  await knobs.graph.offline(false);
});
