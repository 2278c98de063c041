import { expect, test } from "@playwright/test";
import { knobs } from "./standins/knobs";
import { collectCspViolations, freshStart, presenceRequests, signIn } from "./helpers";

test.beforeEach(freshStart);

test("signs in by redirect and shows my name and my own presence", async ({ page }) => {
  const tenant = await knobs.graph.tenant();
  await knobs.graph.overridePresence(tenant.meId, { availability: "Busy", activity: "InAMeeting" });
  const csp = collectCspViolations(page);
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  const me = page.getByTestId("my-account");
  await expect(me).toContainText("In a meeting", { timeout: 15_000 });
  await expect(me).not.toContainText("…");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // The first board is "my team", filled from the directory without any setup.
  await expect(page.getByRole("heading", { name: "My team" })).toBeVisible();
  await expect(page.locator("li.tile").first()).toBeVisible();

  // The code flow really happened: authorize, then a PKCE code redemption.
  const idp = await knobs.identity.log();
  expect(idp.some((e) => e.path.includes("/oauth2/v2.0/authorize"))).toBe(true);
  expect(idp.some((e) => e.grant_type === "authorization_code" && e.status === 200)).toBe(true);
  // Sign-in, the board and silent renewal all work under the strict production CSP.
  expect(csp).toEqual([]);
});

test("renews the access token with the refresh token and keeps presence updating", async ({ page }) => {
  // MSAL renews 300 s before expiry: a 310 s token is due for renewal ~10 s after sign-in.
  await knobs.identity.setTokenLifetime(310);
  await signIn(page);
  const tenant = await knobs.graph.tenant();
  await knobs.identity.waitForRequest((e) => e.grant_type === "refresh_token" && e.status === 200, 30_000);
  const renewedAt = Date.now();

  // Presence changes after the renewal still reach the screen.
  await knobs.graph.overridePresence(tenant.meId, { availability: "DoNotDisturb", activity: "Presenting" });
  await expect(page.getByTestId("my-account")).toContainText("Presenting", { timeout: 15_000 });
  const later = (await presenceRequests()).filter((e) => e.time > renewedAt && e.status === 200);
  expect(later.length).toBeGreaterThan(0);
  await expect(page.getByText("Sign-in needed")).toHaveCount(0);
});

test("asks to sign in again when the refresh token is revoked and the session ended, keeping the board on screen", async ({ page }) => {
  await knobs.identity.setTokenLifetime(310);
  await signIn(page);
  const firstTile = page.locator("li.tile").first();
  await expect(firstTile).toHaveAttribute("data-state", /^(?!pending)/, { timeout: 15_000 });
  const shownBefore = await page.locator("li.tile").count();

  await knobs.identity.revokeRefreshTokens();
  await knobs.identity.endSessions();

  await expect(page.getByRole("alert").filter({ hasText: "Sign-in needed" })).toBeVisible({ timeout: 40_000 });
  await expect(page.getByRole("button", { name: "Sign in again" })).toBeVisible();
  // Everything stays: same tiles, still with their last known state.
  expect(await page.locator("li.tile").count()).toBe(shownBefore);
  await expect(firstTile).not.toHaveAttribute("data-state", "pending");

  // One click and the IdP (auto-approving again) brings the board back to live.
  await page.getByRole("button", { name: "Sign in again" }).click();
  await expect(page.getByTestId("my-account")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Sign-in needed")).toHaveCount(0, { timeout: 15_000 });
});

test("signs out", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible({ timeout: 15_000 });
  const idp = await knobs.identity.log();
  expect(idp.some((e) => e.path.includes("/oauth2/v2.0/logout"))).toBe(true);
});

for (const [name, config, field] of [
  ["invalid JSON", "{ clientId: ", null],
  ["an http authority", { authority: "http://localhost:5444/tenant" }, "authority"],
  ["a poll interval as text", { pollIntervalSeconds: "fast" }, "pollIntervalSeconds"],
] as const) {
  test(`shows a readable error page for ${name}`, async ({ page }) => {
    await knobs.app.setConfig(typeof config === "string" ? config : { ...(await import("./standins/constants")).DEFAULT_APP_CONFIG, ...config });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /config\.json needs fixing/ })).toBeVisible();
    if (field) await expect(page.locator("code", { hasText: field }).first()).toBeVisible();
    else await expect(page.getByText(/not valid JSON/)).toBeVisible();
  });
}
