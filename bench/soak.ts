/**
 * Section 6: memory over simulated days of polling. The in-browser demo (`/?demo&kiosk&speed=S`: the simulated
 * tenant runs in the page, S simulated seconds per page second) under Playwright's fake clock: `clock.runFor`
 * fires every timer in order, so each poll, the 1 s clock tick and the wall-page rotation run as they would, only
 * faster than real time. After each measured day: forced GC (HeapProfiler.collectGarbage), then the JS heap
 * (Runtime.getHeapUsage), DOM counters (Memory.getDOMCounters) and object URLs still alive (photos).
 *
 * Independent of any e2e soak test: this file is the bench's own.
 */
import type { Browser, CDPSession, Page } from "@playwright/test";
import { DEFAULT_TENANT_OPTIONS } from "../e2e/standins/constants";
import { knobs } from "../e2e/standins/knobs";
import { newContext, waitForFirstBadge } from "./app";
import { fmtInt, fmtMb, log, round, table } from "./lib";

const DAY_MS = 86_400_000;

interface Probe {
  simulatedDay: number;
  fakeHours: number;
  polls: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  domNodes: number;
  jsEventListeners: number;
  documents: number;
  liveObjectUrls: number;
  tiles: number;
}

export interface SoakResult {
  speed: number;
  intervalSeconds: number;
  days: number;
  probes: Probe[];
  growthBytes: { day1ToLast: number; perDay: number };
  pageErrors: string[];
  realSeconds: number;
}

declare global {
  interface Window {
    __benchObjectUrls?: { created: number; revoked: number };
  }
}

async function probe(page: Page, cdp: CDPSession, simulatedDay: number, fakeHours: number, polls: number): Promise<Probe> {
  // Counters off while measuring, so the bench's own arrays are not in the heap it measures.
  await page.evaluate(() => {
    window.__presenceBoardStats = {};
  });
  for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
  const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number };
  const dom = (await cdp.send("Memory.getDOMCounters")) as { documents: number; nodes: number; jsEventListeners: number };
  const urls = await page.evaluate(() => window.__benchObjectUrls!);
  const tiles = await page.locator("li.tile").count();
  return {
    simulatedDay: round(simulatedDay, 2),
    fakeHours: round(fakeHours, 2),
    polls,
    heapUsedBytes: heap.usedSize,
    heapTotalBytes: heap.totalSize,
    domNodes: dom.nodes,
    jsEventListeners: dom.jsEventListeners,
    documents: dom.documents,
    liveObjectUrls: urls.created - urls.revoked,
    tiles,
  };
}

/**
 * @param speed simulated seconds per page second. At 4 a simulated day is six hours of page time: ~3,600 polls at 5 s.
 */
export async function runSoak(
  browser: Browser,
  options: { days: number; intervalSeconds: number; speed?: number; chunkMinutes?: number },
): Promise<{ result: SoakResult; text: string }> {
  const speed = options.speed ?? 4;
  const chunkMs = (options.chunkMinutes ?? 10) * 60_000;
  const fakeMsPerDay = DAY_MS / speed;
  const realStart = Date.now();
  await knobs.app.patchConfig({ pollIntervalSeconds: options.intervalSeconds });
  // The in-page demo tenant holds the hand-written people only (the Graph stand-in adds 5,000 generated ones after
  // them): the soak board is all of them, the size of a wall screen.
  const tenant = await knobs.graph.tenant();
  const ids = tenant.allUserIds.slice(0, tenant.allUserIds.length - DEFAULT_TENANT_OPTIONS.extraPeople);

  const context = await newContext(browser, { viewport: { width: 1920, height: 1080 } });
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.addInitScript(() => {
      window.__presenceBoardStats = {};
      const counts = { created: 0, revoked: 0 };
      window.__benchObjectUrls = counts;
      const create = URL.createObjectURL.bind(URL);
      const revoke = URL.revokeObjectURL.bind(URL);
      URL.createObjectURL = (obj: Blob | MediaSource) => {
        counts.created += 1;
        return create(obj);
      };
      URL.revokeObjectURL = (url: string) => {
        counts.revoked += 1;
        revoke(url);
      };
    });
    // A Monday morning; the demo starts its day at 9:40 of the page's "today".
    const t0 = Date.parse("2025-03-10T06:00:00Z");
    await page.clock.install({ time: t0 });
    await page.goto(`/?demo&kiosk&speed=${speed}&users=${ids.join(",")}&title=Soak`);
    await waitForFirstBadge(page);
    const loadedAt = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(loadedAt + 1000);
    const cdp = await context.newCDPSession(page);

    let fakeElapsed = 0;
    let polls = 0;
    const advance = async (ms: number) => {
      for (let left = ms; left > 0; left -= chunkMs) {
        await page.clock.runFor(Math.min(chunkMs, left));
        polls += await page.evaluate(() => {
          const n = window.__presenceBoardStats?.commits?.length ?? 0;
          window.__presenceBoardStats = {};
          return n;
        });
      }
      fakeElapsed += ms;
    };

    const probes: Probe[] = [];
    // Warm-up: one simulated hour, so start-up allocations (profiles, photos, caches) are in the baseline.
    await advance(fakeMsPerDay / 24);
    probes.push(await probe(page, cdp, fakeElapsed / fakeMsPerDay, fakeElapsed / 3_600_000, polls));
    for (let day = 1; day <= options.days; day++) {
      await advance(day === 1 ? fakeMsPerDay - fakeMsPerDay / 24 : fakeMsPerDay);
      if (day === 1 || day === options.days) probes.push(await probe(page, cdp, fakeElapsed / fakeMsPerDay, fakeElapsed / 3_600_000, polls));
      log(`soak: simulated day ${day}/${options.days} (${polls} polls, ${round((Date.now() - realStart) / 1000, 0)} s)`);
    }
    const day1 = probes[1]!;
    const last = probes[probes.length - 1]!;
    const growth = last.heapUsedBytes - day1.heapUsedBytes;
    const result: SoakResult = {
      speed,
      intervalSeconds: options.intervalSeconds,
      days: options.days,
      probes,
      growthBytes: { day1ToLast: growth, perDay: Math.round(growth / Math.max(1, last.simulatedDay - day1.simulatedDay)) },
      pageErrors,
      realSeconds: round((Date.now() - realStart) / 1000, 1),
    };
    const text = table(
      `6. Memory: ${ids.length}-person demo board in wall mode, ${options.intervalSeconds} s polls, ${options.days} simulated days at speed ${speed} under a fake clock`,
      ["after", "polls", "JS heap used MB", "heap total MB", "DOM nodes", "listeners", "live object URLs", "tiles"],
      probes.map((p, i) => [
        i === 0 ? "warm-up (1 simulated h)" : `simulated day ${round(p.simulatedDay, 1)}`,
        fmtInt(p.polls),
        fmtMb(p.heapUsedBytes),
        fmtMb(p.heapTotalBytes),
        fmtInt(p.domNodes),
        fmtInt(p.jsEventListeners),
        fmtInt(p.liveObjectUrls),
        fmtInt(p.tiles),
      ]),
      [
        `Growth day 1 → day ${options.days}: ${fmtMb(growth)} MB (${fmtMb(result.growthBytes.perDay)} MB per simulated day). ` +
          `Page errors: ${pageErrors.length}.`,
        `One simulated day = ${round(fakeMsPerDay / 3_600_000, 2)} h of page time. Under the fake clock a poll's answer lands at the next`,
        "timer (the 1 s clock tick) and React Query restarts the interval after each answer, so polls are ~6 s apart here",
        "(5.0 s in real time); the polls column counts the polls actually made. A real day at 5 s is 17,280 polls.",
      ],
    );
    return { result, text };
  } finally {
    await context.close();
  }
}
