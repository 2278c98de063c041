/**
 * What the person at the wall sees when Graph or the identity platform misbehaves: throttling, outages, a network
 * cut lasting an hour, revoked sign-ins and answers that make no sense. Timing facts come from the stand-ins' request
 * log (real time) or, where an hour has to pass in seconds, from the page's own clock (page.clock, see SteppedClock
 * in helpers.ts).
 */
import { expect, test, type Page } from "@playwright/test";
import { knobs } from "./standins/knobs";
import {
  bannerTexts,
  collectCspViolations,
  freshStart,
  gapsBetween,
  presenceRequests,
  recordBanners,
  signIn,
  SteppedClock,
  tile,
  tileStates,
  waitForLiveBoard,
} from "./helpers";

const PRESENCE_PATH = "/communications/getPresencesByUserId";
/** The e2e config's pollIntervalSeconds. */
const INTERVAL_MS = 5_000;
/** Clock granularity of the stand-ins' log vs. the page's timers (same machine). */
const TOLERANCE_MS = 200;

test.beforeEach(freshStart);

/** Presence polls as the Graph stand-in saw them (CORS preflights excluded), oldest first. */
async function polls(since = 0) {
  return (await presenceRequests()).filter((e) => e.method === "POST" && e.time >= since).sort((a, b) => a.time - b.time);
}

/** The banner as the wall shows it (role=alert for errors, role=status for warnings). */
function banner(page: Page, text: string | RegExp) {
  return page.locator(".banners").locator("[role=alert], [role=status]").filter({ hasText: text });
}

/** "HH:MM" the way the page formats a time (its locale, its Intl). */
function pageClockText(page: Page, epochMs: number): Promise<string> {
  return page.evaluate((t) => new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(t), epochMs);
}

// -----------------------------------------------------------------------------------------------------------------
// Throttling

test("a burst of 429s: nothing is sent before each Retry-After has passed, the wall says so, then recovers", async ({ page }) => {
  test.setTimeout(90_000);
  const retryAfterS = 7.5;
  const count = 3;
  await signIn(page);
  await waitForLiveBoard(page);
  const seen = await recordBanners(page);

  const injectedAt = Date.now();
  await knobs.graph.injectFaults({ count, status: 429, retryAfter: String(retryAfterS), exposeRetryAfter: true, paths: PRESENCE_PATH });

  // The countdown on the wall matches what Graph asked for.
  const throttling = banner(page, "Microsoft Graph is throttling");
  await expect(throttling).toBeVisible({ timeout: INTERVAL_MS + 5_000 });
  const text = await throttling.innerText();
  const readAt = Date.now();
  const first429 = (await polls(injectedAt)).find((e) => e.status === 429);
  expect(first429, "the stand-in answered a presence poll with 429").toBeDefined();
  const remainingS = (first429!.time + retryAfterS * 1000 - readAt) / 1000;
  const shown = Number(/retrying in (\d+) s/.exec(text)?.[1]);
  expect(text).toMatch(/^Microsoft Graph is throttling, retrying in \d+ s\. Showing what the board last knew\./);
  expect(shown, `banner "${text}" vs ${remainingS.toFixed(1)} s left`).toBeGreaterThanOrEqual(Math.floor(remainingS - 1));
  expect(shown, `banner "${text}" vs ${remainingS.toFixed(1)} s left`).toBeLessThanOrEqual(Math.ceil(remainingS + 1.5));

  // Wait for the first successful poll after the burst.
  await knobs.graph.waitForRequest(
    (e) => e.method === "POST" && e.path.includes(PRESENCE_PATH) && e.status === 200 && e.time > injectedAt,
    count * retryAfterS * 1000 + INTERVAL_MS + 10_000,
  );
  const log = await polls(injectedAt);
  const throttled = log.filter((e) => e.status === 429);
  expect(throttled).toHaveLength(count);
  const everything = (await knobs.graph.log()).filter((e) => e.method !== "OPTIONS");
  for (const t of throttled) {
    const next = log.find((e) => e.time > t.time);
    expect(next, "a poll followed the 429").toBeDefined();
    const waited = next!.time - t.time;
    // Honoured exactly: never early, and not much later either (the client holds requests until then, no longer).
    expect(waited, "ms between a 429 and the next presence poll").toBeGreaterThanOrEqual(retryAfterS * 1000 - TOLERANCE_MS);
    expect(waited, "ms between a 429 and the next presence poll").toBeLessThanOrEqual(retryAfterS * 1000 + 2_500);
    // No Graph request of any kind left the page while Graph had asked it to wait.
    const early = everything.filter((e) => e.time > t.time && e.time < t.time + retryAfterS * 1000 - TOLERANCE_MS);
    expect(early.map((e) => `${e.method} ${e.path}`)).toEqual([]);
  }

  // Recovered by itself: banner gone, every tile fresh again.
  await expect(throttling).toHaveCount(0, { timeout: 5_000 });
  await waitForLiveBoard(page, 5_000);
  expect(await seen()).toContainEqual(expect.stringMatching(/^Microsoft Graph is throttling, retrying in \d+ s\./));
});

test("a 429 whose Retry-After the page cannot read: never retries faster than the poll interval", async ({ page }) => {
  const count = 3;
  const clock = await SteppedClock.install(page);
  await signIn(page);
  await waitForLiveBoard(page);
  await clock.pause();
  const seen = await recordBanners(page);

  const start = clock.now;
  // Graph has been seen not to expose Retry-After to CORS: the header is sent ("0.2" s), the page cannot see it.
  await knobs.graph.injectFaults({ count, status: 429, retryAfter: "0.2", exposeRetryAfter: false, paths: PRESENCE_PATH });
  const took = await clock.advanceUntil(async () => (await clock.pollsBetween(start)).some((p) => p.status === 200), 3 * 60_000, 1_000);
  expect(took, "the board polled successfully again within 3 simulated minutes").not.toBeNull();
  await clock.advance(500, 250);

  const sequence = await clock.pollsBetween(start);
  expect(sequence.map((p) => p.status)).toEqual([...Array<number>(count).fill(429), 200]);
  for (const gap of gapsBetween(sequence.map((p) => p.at))) {
    expect(gap, "ms (page time) between retries after an unreadable Retry-After").toBeGreaterThanOrEqual(INTERVAL_MS - 250);
  }
  expect((await polls()).filter((e) => e.status === 429)).toHaveLength(count);
  expect(await seen()).toContainEqual(expect.stringMatching(/^Microsoft Graph is throttling, retrying in \d+ s\. Showing what the board last knew\./));
  expect(await bannerTexts(page)).toEqual([]);
  await expect(page.locator("li.tile.is-stale")).toHaveCount(0);
});

// -----------------------------------------------------------------------------------------------------------------
// Outages (page time: page.clock, so minutes pass in seconds)

test("503s: retries back off exponentially, the wall says Graph is not answering, and it recovers by itself", async ({ page }) => {
  test.setTimeout(90_000);
  const count = 5;
  const clock = await SteppedClock.install(page);
  await signIn(page);
  await waitForLiveBoard(page);
  await clock.pause();
  const seen = await recordBanners(page);

  const start = clock.now;
  await knobs.graph.injectFaults({ count, status: 503, paths: PRESENCE_PATH });
  // 1 s steps: polls are stamped exactly in the page; a retry timer is re-armed at most one step late.
  const step = 1_000;
  const took = await clock.advanceUntil(async () => (await clock.pollsBetween(start)).some((p) => p.status === 200), 5 * 60_000, step);
  expect(took, "the board polled successfully again within 5 simulated minutes").not.toBeNull();
  await clock.advance(1_000, 250);

  const sequence = await clock.pollsBetween(start);
  expect(sequence.map((p) => p.status)).toEqual([...Array<number>(count).fill(503), 200]);
  const gaps = gapsBetween(sequence.map((p) => p.at));
  console.log(`503 backoff gaps (page time, s): ${gaps.map((g) => (g / 1000).toFixed(2)).join(", ")}`);
  gaps.forEach((gap, i) => {
    // Exponential from the poll interval with "equal jitter": between half and all of interval * 2^i, never
    // below the interval.
    const ceiling = INTERVAL_MS * 2 ** i;
    expect(gap, `gap after failure ${i + 1}`).toBeGreaterThanOrEqual(Math.max(INTERVAL_MS, ceiling / 2) - 50);
    expect(gap, `gap after failure ${i + 1}`).toBeLessThanOrEqual(ceiling + step);
    if (i > 0) expect(gap, `gap after failure ${i + 1} is not shorter than the one before`).toBeGreaterThanOrEqual(gaps[i - 1]! - step);
  });
  expect(gaps.at(-1)!, "the last gap is several times the first").toBeGreaterThanOrEqual(6 * gaps[0]!);

  // The stand-in saw the same story: exactly `count` 503s, then success.
  const served = (await polls()).slice(-(count + 1));
  expect(served.map((e) => e.status)).toEqual([...Array<number>(count).fill(503), 200]);

  const texts = await seen();
  expect(texts).toContainEqual(
    expect.stringMatching(/^Microsoft Graph is not answering \(HTTP 503\) since .+ — retrying in \d+ s\. Showing what the board last knew\./),
  );
  expect(await bannerTexts(page)).toEqual([]);
  await expect(page.locator("li.tile.is-stale")).toHaveCount(0);
  await expect(page.locator('li.tile[data-state="pending"]')).toHaveCount(0);
});

test("an hour without network: 'Offline since', greyed tiles keeping their last state, bounded retries, recovery", async ({ page }) => {
  test.setTimeout(120_000);
  await knobs.graph.setTenant({ speed: 0 });
  const clock = await SteppedClock.install(page);
  await signIn(page);
  await waitForLiveBoard(page);
  await clock.pause();
  const before = await tileStates(page);
  const ids = Object.keys(before);
  expect(ids.length).toBeGreaterThan(5);

  // The cut. Page time stands still while the knob flips; from here every poll fails.
  await knobs.graph.offline(true);
  const cutAt = clock.now;
  await clock.advance(2 * 60_000, 5_000);
  await clock.advance(58 * 60_000, 15_000);
  const hour = await clock.pollsBetween(cutAt);

  // What the wall shows after an hour.
  const firstFailure = hour[0]!;
  const alert = page.getByRole("alert").filter({ hasText: "Offline since" });
  await expect(alert).toHaveText(new RegExp(`^Offline since ${await pageClockText(page, firstFailure.at)} — retrying (in \\d+ (s|min)|now)\\. Showing what the board last knew\\.`));
  await expect(page.locator("li.tile.is-stale")).toHaveCount(ids.length);
  expect(await tileStates(page), "every tile keeps its last known state").toEqual(before);
  for (const id of ids.slice(0, 3)) await expect(tile(page, id)).toContainText("Not updated recently");

  // Retries: kept trying, never faster than the interval, never more than ~5 min apart (the cap), bounded count.
  expect(hour.every((p) => p.status === 0), "every poll in the hour failed at the network").toBe(true);
  const times = hour.map((p) => p.at);
  const gaps = gapsBetween(times);
  console.log(`offline hour: ${hour.length} polls, gaps (s): ${gaps.map((g) => Math.round(g / 1000)).join(" ")}`);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS - 250);
  expect(Math.max(...gaps), "never more than the 5 min cap (+ one clock step) between retries").toBeLessThanOrEqual(5 * 60_000 + 15_000);
  expect(clock.now - times.at(-1)!, "still retrying at the end of the hour").toBeLessThanOrEqual(5 * 60_000 + 15_000);
  // Lower bound: one retry per 5 min; upper bound: backoff reaching the cap (equal jitter: >= 2.5 min apart there).
  expect(hour.length).toBeGreaterThanOrEqual(12);
  expect(hour.length).toBeLessThanOrEqual(30);
  const stand = (await knobs.graph.log()).filter((e) => e.offline && e.method === "POST");
  // Chromium re-sends a request once when a reused connection dies before answering: at most twice per poll.
  expect(stand.length).toBeGreaterThanOrEqual(hour.length);
  expect(stand.length).toBeLessThanOrEqual(2 * hour.length);

  // Network back, no `online` event: the next scheduled retry (at most the 5 min cap away) recovers the board.
  await knobs.graph.offline(false);
  const recoveredIn = await clock.advanceUntil(async () => (await page.locator("li.tile.is-stale").count()) === 0, 6 * 60_000, 5_000);
  expect(recoveredIn, "recovered by the next retry").not.toBeNull();
  expect(recoveredIn!).toBeLessThanOrEqual(5 * 60_000 + 5_000);
  await expect(alert).toHaveCount(0);
  await expect(page.locator('li.tile[data-state="pending"]')).toHaveCount(0);

  // Cut again for 10 minutes; this time the browser reports the network back (`online`): the board asks at once,
  // while the page clock stands still (so no timer can be what sent it).
  await knobs.graph.offline(true);
  await clock.advance(10 * 60_000, 15_000);
  await expect(alert).toBeVisible();
  await knobs.graph.offline(false);
  const frozenAt = clock.now;
  await page.context().setOffline(true);
  await page.context().setOffline(false);
  await expect.poll(async () => (await clock.pollsBetween(frozenAt - 1)).filter((p) => p.status === 200).length, { timeout: 5_000 }).toBe(1);
  expect(clock.now).toBe(frozenAt);
  // React Query hands results to React on a zero-delay timer: one clock tick shows them.
  await clock.advance(100, 100);
  await expect(alert).toHaveCount(0);
  await expect(page.locator("li.tile.is-stale")).toHaveCount(0);
});

// -----------------------------------------------------------------------------------------------------------------
// Sign-in trouble

test("refresh token revoked but the IdP session lives: the hidden iframe renews, no sign-in banner, presence keeps updating", async ({ page }) => {
  test.setTimeout(60_000);
  const csp = collectCspViolations(page);
  // MSAL renews 300 s before expiry: a 305 s token is renewed ~5 s after it was issued, and again after every renewal.
  await knobs.identity.setTokenLifetime(305);
  await signIn(page);
  await waitForLiveBoard(page);
  const seen = await recordBanners(page);
  const tenant = await knobs.graph.tenant();

  const revokedAt = Date.now();
  expect((await knobs.identity.revokeRefreshTokens()).revoked).toBeGreaterThan(0);
  // The refresh token is refused, then the iframe (prompt=none) gets a new code from the session and redeems it.
  await knobs.identity.waitForRequest((e) => e.time > revokedAt && e.grant_type === "refresh_token" && e.status >= 400, 20_000);
  await knobs.identity.waitForRequest((e) => e.time > revokedAt && e.prompt === "none", 20_000);
  const renewed = await knobs.identity.waitForRequest((e) => e.time > revokedAt && e.grant_type === "authorization_code" && e.status === 200, 20_000);

  // Presence changes made after the renewal reach the wall.
  await knobs.graph.overridePresence(tenant.meId, { availability: "DoNotDisturb", activity: "Presenting" });
  await expect(page.getByTestId("my-account")).toContainText("Presenting", { timeout: 15_000 });
  const later = (await polls(renewed.time)).filter((e) => e.status === 200);
  expect(later.length).toBeGreaterThan(0);
  // And the renewed sign-in keeps renewing (its new refresh token works).
  await knobs.identity.waitForRequest((e) => e.time > renewed.time && e.grant_type === "refresh_token" && e.status === 200, 20_000);

  await waitForLiveBoard(page, 5_000);
  expect((await seen()).filter((t) => /Sign-in needed/.test(t))).toEqual([]);
  await expect(page.getByRole("button", { name: "Sign in again" })).toHaveCount(0);
  expect(csp).toEqual([]);
});

test("refresh token revoked and no IdP session: 'Sign-in needed' with a button, the board keeps its last state", async ({ page }) => {
  test.setTimeout(60_000);
  await knobs.graph.setTenant({ speed: 0 });
  await knobs.identity.setTokenLifetime(305);
  await signIn(page);
  await waitForLiveBoard(page);
  const before = await tileStates(page);

  await knobs.identity.revokeRefreshTokens();
  await knobs.identity.endSessions();

  const alert = page.getByRole("alert").filter({ hasText: "Sign-in needed" });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toHaveText(/^Sign-in needed\. Showing what the board last knew\./);
  await expect(alert.getByRole("button", { name: "Sign in again" })).toBeVisible();
  const neededAt = Date.now();
  expect(await tileStates(page)).toEqual(before);

  // An interval later (the board has tried again): still the same people and states, nothing blanked.
  await page.waitForTimeout(INTERVAL_MS + 1_000);
  expect(await tileStates(page)).toEqual(before);
  await expect(alert).toBeVisible();
  // No presence poll got through, and the board does not hammer the identity platform while it waits for a person.
  expect((await polls(neededAt)).filter((e) => e.status === 200)).toEqual([]);
  const idp = (await knobs.identity.log()).filter((e) => e.time > neededAt && e.method !== "OPTIONS");
  const waitedS = (Date.now() - neededAt) / 1000;
  console.log(`sign-in needed: ${idp.length} identity requests in ${waitedS.toFixed(1)} s: ${idp.map((e) => `${e.method} ${e.path.split("/").pop()} ${e.status}${e.error ? ` ${e.error}` : ""}`).join(", ")}`);
  expect(idp.length, `identity requests in ${waitedS.toFixed(0)} s while waiting for a person`).toBeLessThanOrEqual(Math.ceil(waitedS / 5) * 2 + 2);
});

// -----------------------------------------------------------------------------------------------------------------
// Answers that make no sense

for (const [name, body] of [
  ["a body that is not JSON", "{not json"],
  ["JSON without a list of presences", '{"value": "soon"}'],
  ["a proxy's HTML page", "<html><body><h1>Bad gateway</h1></body></html>"],
] as const) {
  test(`a 200 with ${name}: a banner about unreadable data, tiles keep their state, then recovery`, async ({ page }) => {
    await knobs.graph.setTenant({ speed: 0 });
    const clock = await SteppedClock.install(page);
    await signIn(page);
    await waitForLiveBoard(page);
      await clock.pause();
    const before = await tileStates(page);
    const tenant = await knobs.graph.tenant();

    const start = clock.now;
    await knobs.graph.injectFaults({ count: 1, status: 200, body, paths: PRESENCE_PATH });
    const warning = banner(page, "Microsoft Graph sent data the board could not read");
    expect(await clock.advanceUntil(async () => (await warning.count()) > 0, INTERVAL_MS + 1_000, 500), "banner within one interval").not.toBeNull();
    await expect(warning).toHaveText(/^Microsoft Graph sent data the board could not read — retrying (in \d+ s|now)\. Showing what the board last knew\./);
    expect(await tileStates(page), "tiles keep their last state").toEqual(before);
    expect((await clock.pollsBetween(start)).map((p) => p.status)).toEqual([200]);
    expect((await polls()).filter((e) => e.injected)).toHaveLength(1);

    // The next poll is fine again: the banner goes and a change made now reaches the wall.
    await knobs.graph.overridePresence(tenant.meId, { availability: "Away", activity: "BeRightBack" });
    const recovered = async () => (await warning.count()) === 0 && /Be right back/.test(await page.getByTestId("my-account").innerText());
    expect(await clock.advanceUntil(recovered, 2 * INTERVAL_MS + 1_000, 500), "recovered at the next poll").not.toBeNull();
    await expect(page.locator("li.tile.is-stale")).toHaveCount(0);
    await expect(page.locator('li.tile[data-state="pending"]')).toHaveCount(0);
  });
}

test("one person's presence record is garbage: that tile says 'Status unknown', the others are unaffected", async ({ page }) => {
  await knobs.graph.setTenant({ speed: 0 });
  await signIn(page);
  await waitForLiveBoard(page);
  const before = await tileStates(page);
  const [victim, busy, free] = Object.keys(before);
  expect(free).toBeDefined();

  await knobs.graph.overridePresence(victim!, { availability: 42, activity: null, statusMessage: "x", outOfOfficeSettings: "yes" });
  await knobs.graph.overridePresence(busy!, { availability: "Busy", activity: "InAMeeting" });
  await knobs.graph.overridePresence(free!, { availability: "Available", activity: "Available" });

  const garbage = tile(page, victim!);
  await expect(garbage).toHaveAttribute("data-state", "unknown", { timeout: 2 * INTERVAL_MS });
  await expect(garbage.locator(".tile-label")).toHaveText("Status unknown");
  // Nothing of the garbage leaks onto the wall: no "x" message, no out-of-office note, no "42".
  await expect(garbage.locator(".tile-message, .tile-ooo")).toHaveCount(0);
  await expect(garbage).not.toContainText("42");
  await expect(garbage.locator(".tile-name")).not.toHaveText("");
  await expect(tile(page, busy!)).toHaveAttribute("data-state", "inAMeeting");
  await expect(tile(page, free!)).toHaveAttribute("data-state", "available");
  const after = await tileStates(page);
  for (const id of Object.keys(before).slice(3)) expect(after[id], `tile ${id}`).toBe(before[id]);
  expect(await bannerTexts(page)).toEqual([]);
  await expect(page.locator("li.tile.is-stale")).toHaveCount(0);
});
