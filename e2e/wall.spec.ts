import { expect, test, type Page } from "@playwright/test";
import { knobs } from "./standins/knobs";
import { IDENTITY_ORIGIN } from "./standins/constants";
import { freshStart, signIn } from "./helpers";

test.beforeEach(freshStart);

async function openBoard(page: Page, people: number, extra = "") {
  const { allUserIds } = await knobs.graph.tenant();
  await signIn(page);
  await page.goto(`/?users=${allUserIds.slice(0, people).join(",")}&title=Team%20room${extra}`);
  await expect(page.locator("li.tile").first()).not.toHaveAttribute("data-state", "pending", { timeout: 15_000 });
}

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
] as const) {
  test(`wall mode fits 60 people on a ${width}x${height} screen without scrolling, legibly`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openBoard(page, 60, "&kiosk");
    const tiles = page.locator("li.tile");
    await expect(tiles).toHaveCount(60);
    // Nothing to scroll, and every tile fully on screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);
    const boxes = await tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    for (const box of boxes) {
      expect(box.bottom).toBeLessThanOrEqual(height);
      expect(box.right).toBeLessThanOrEqual(width);
    }
    // Names stay legible across a room: at least 1% of the screen height (≈ 11 px at 1080p is too small).
    const nameSize = await page.locator(".tile-name").first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(nameSize).toBeGreaterThanOrEqual(height * 0.017);
    // Editing chrome is gone; title, clock and summary are there.
    await expect(page.getByRole("button", { name: "Edit board" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Team room" })).toBeVisible();
    await expect(page.getByLabel("Current time")).toBeVisible();
    await expect(page.locator(".board-summary")).toContainText(/\d+ (available|busy|away|offline)/);
  });
}

test("wall mode pages a board too large for one screen, rotating on a timer", async ({ page }) => {
  await page.clock.install();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openBoard(page, 150, "&kiosk");
  await expect(page.getByText(/Page 1 of \d/)).toBeVisible();
  const first = await page.locator("li.tile").first().getAttribute("data-person-id");
  await page.clock.runFor(21_000);
  await expect(page.getByText(/Page 2 of \d/)).toBeVisible();
  expect(await page.locator("li.tile").first().getAttribute("data-person-id")).not.toBe(first);
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("?theme= selects light, dark and high contrast", async ({ page }) => {
  await openBoard(page, 8, "&kiosk&theme=dark");
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto(page.url().replace("theme=dark", "theme=high-contrast"));
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("high-contrast");
  const hcBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto(page.url().replace("theme=high-contrast", "theme=light"));
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(new Set([darkBg, hcBg, lightBg]).size).toBe(3);
});

test("wall mode with autoReauth tries one silent sign-in redirect, comes back, and does not loop", async ({ page }) => {
  await knobs.app.patchConfig({ autoReauth: true });
  await knobs.identity.setTokenLifetime(305);
  await page.clock.install();
  await openBoard(page, 6, "&kiosk");
  await knobs.identity.revokeRefreshTokens();
  await knobs.identity.endSessions();
  await knobs.identity.clearLog();
  // Top-level visits to the identity provider (hidden-iframe renewals are not the main frame).
  const identityNavigations: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame() && request.url().startsWith(IDENTITY_ORIGIN)) {
      identityNavigations.push(request.url());
    }
  });

  await expect(page.getByText("Sign-in needed")).toBeVisible({ timeout: 40_000 });
  // After a minute the board tries prompt=none by redirect with the account as hint, and comes straight back.
  await page.clock.runFor(61_000);
  await knobs.identity.waitForRequest((e) => e.path.endsWith("/authorize") && e.prompt === "none", 20_000);
  await expect(page.getByText("Sign-in needed")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("li.tile").first()).toBeVisible();

  // Ten more minutes: no second top-level attempt (bounded rate, never a loop).
  await page.clock.runFor(10 * 60_000);
  await page.waitForTimeout(1000);
  expect(identityNavigations).toHaveLength(1);
});
