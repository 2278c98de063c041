/**
 * A wall board runs for weeks: memory must stay flat however many polls it has made. The in-browser demo
 * (`/?demo&speed=S`: the simulated tenant runs in the page, S simulated seconds per page second, polling every 5 s as
 * the e2e config says) under Playwright's fake clock: `clock.runFor` fires every timer in order, so polls, the 1 s
 * header clock and staleness checks run as they would, only much faster than real time. The demo answers in-process
 * (no network), so a poll completes within the timer turns that follow it.
 *
 * After simulated day 1 and the last day: forced GC (HeapProfiler.collectGarbage), then the JS heap
 * (Runtime.getHeapUsage) and DOM counters. Figures are printed and written to test-results/soak.json.
 */
import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DAY_MS = 86_400_000;
/** Simulated seconds per page second: one simulated day is 86,400 / SPEED page seconds. */
const SPEED = 8;
const DAYS = 4;
const INTERVAL_S = 5;
const MAX_GROWTH_MB = 3;
/** Page time advanced per runFor call (between calls the poll counter is read and reset). */
const CHUNK_MS = 15 * 60_000;

declare global {
  interface Window {
    __presenceBoardStats?: { commits?: number[]; changed?: number[]; tileRenders?: number };
  }
}

interface Probe {
  simulatedDay: number;
  polls: number;
  heapUsedMB: number;
  domNodes: number;
  jsEventListeners: number;
  tiles: number;
}

const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 100) / 100;

async function probe(page: Page, cdp: CDPSession, simulatedDay: number, polls: number): Promise<Probe> {
  for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const dom = await cdp.send("Memory.getDOMCounters");
  return {
    simulatedDay: Math.round(simulatedDay * 100) / 100,
    polls,
    heapUsedMB: mb(heap.usedSize),
    domNodes: dom.nodes,
    jsEventListeners: dom.jsEventListeners,
    tiles: await page.locator("li.tile").count(),
  };
}

test("memory stays flat over several simulated days of polling", async ({ page }) => {
  test.setTimeout(180_000);
  const realStart = Date.now();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The app's own poll counter (src/ui/renderStats: one entry per applied snapshot), read and emptied every chunk
  // so the counter itself does not grow the heap.
  await page.addInitScript(() => {
    window.__presenceBoardStats = {};
  });
  await page.clock.install();
  await page.goto(`/?demo&speed=${SPEED}`);
  await expect(page.locator("li.tile").first()).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('li.tile[data-state="pending"]')).toHaveCount(0, { timeout: 15_000 });
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  const cdp = await page.context().newCDPSession(page);

  const fakeMsPerDay = DAY_MS / SPEED;
  let fakeElapsed = 0;
  let polls = 0;
  let changes = 0;
  const advance = async (ms: number) => {
    for (let left = ms; left > 0; left -= CHUNK_MS) {
      await page.clock.runFor(Math.min(CHUNK_MS, left));
      const counted = await page.evaluate(() => {
        const stats = window.__presenceBoardStats ?? {};
        window.__presenceBoardStats = {};
        return { polls: stats.commits?.length ?? 0, changes: (stats.changed ?? []).reduce((a, b) => a + b, 0) };
      });
      polls += counted.polls;
      changes += counted.changes;
    }
    fakeElapsed += ms;
  };

  await advance(fakeMsPerDay);
  const day1 = await probe(page, cdp, fakeElapsed / fakeMsPerDay, polls);
  const changesDay1 = changes;
  await advance((DAYS - 1) * fakeMsPerDay);
  const last = await probe(page, cdp, fakeElapsed / fakeMsPerDay, polls);

  const growthMB = Math.round((last.heapUsedMB - day1.heapUsedMB) * 100) / 100;
  const realSeconds = Math.round((Date.now() - realStart) / 100) / 10;
  const simulatedDays = last.simulatedDay;
  console.log(
    `soak: heap day1=${day1.heapUsedMB} MB day${Math.round(simulatedDays)}=${last.heapUsedMB} MB growth=${growthMB} MB ` +
      `over ${simulatedDays} simulated days, ${polls} polls (${day1.polls} by day 1), ${changes} presence changes; DOM nodes ${day1.domNodes} -> ${last.domNodes}, ` +
      `listeners ${day1.jsEventListeners} -> ${last.jsEventListeners}; ${realSeconds} s real`,
  );
  const dir = test.info().config.projects[0]?.outputDir ?? join(process.cwd(), "test-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "soak.json"),
    JSON.stringify(
      {
        what: "e2e/soak.spec.ts: in-page demo (/?demo), fake clock, forced GC before each probe",
        speed: SPEED,
        intervalSeconds: INTERVAL_S,
        simulatedDays,
        polls,
        presenceChanges: changes,
        heapDay1MB: day1.heapUsedMB,
        heapLastMB: last.heapUsedMB,
        growthMB,
        maxGrowthMB: MAX_GROWTH_MB,
        probes: [day1, last],
        pageErrors: errors,
        realSeconds,
      },
      null,
      2,
    ) + "\n",
  );

  // It really ran for days and really polled all along (a stalled poller would also keep memory flat).
  expect(simulatedDays).toBeGreaterThanOrEqual(DAYS - 0.01);
  const expectedPolls = ((DAYS * fakeMsPerDay) / 1000) / INTERVAL_S;
  expect(polls, "polls actually made").toBeGreaterThan(expectedPolls * 0.7);
  expect(polls, "polls actually made").toBeLessThanOrEqual(expectedPolls * 1.01);
  expect(last.polls - day1.polls, "polls after day 1").toBeGreaterThan(((DAYS - 1) * fakeMsPerDay) / 1000 / INTERVAL_S * 0.7);
  // The simulated people kept changing state on the board after day 1 (meetings, lunches, evenings).
  expect(changes - changesDay1, "presence changes applied after day 1").toBeGreaterThan(20 * (DAYS - 1));
  expect(errors).toEqual([]);
  // Bounded: the heap, the DOM and the listeners do not grow with time.
  expect(growthMB, "JS heap growth (MB) from day 1 to the last day").toBeLessThan(MAX_GROWTH_MB);
  expect(last.tiles).toBe(day1.tiles);
  expect(last.domNodes - day1.domNodes, "DOM nodes added").toBeLessThanOrEqual(50);
  expect(last.jsEventListeners - day1.jsEventListeners, "event listeners added").toBeLessThanOrEqual(10);
  await expect(page.locator("li.tile.is-stale")).toHaveCount(0);
});
