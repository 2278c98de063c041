/**
 * Section 4: cold start, navigation start → first presence badge (a `li.tile` whose data-state is not "pending"),
 * for a 100-person share-link board with a cached token. Two cases:
 * - reload: the pinned wall board reloads (same browser context: token in localStorage, assets in the HTTP cache);
 * - new browser: a fresh context with the same localStorage (token cached) but an empty HTTP cache.
 * Times come from the page's own clock (performance.now(), 0 = navigation start).
 */
import type { Browser, Page } from "@playwright/test";
import { knobs } from "../e2e/standins/knobs";
import { newContext, openBoard, signIn, waitForFirstBadge } from "./app";
import { fmtMs, log, roundSummary, summarize, table, type Summary } from "./lib";

interface Marks {
  firstTile: number | null;
  firstBadge: number | null;
  domContentLoaded: number;
}

export interface ColdStartResult {
  boardSize: number;
  runs: number;
  reload: { firstBadge: Summary; firstTile: Summary; domContentLoaded: Summary };
  newBrowser: { firstBadge: Summary; firstTile: Summary; domContentLoaded: Summary };
}

declare global {
  interface Window {
    __benchMarks?: { firstTile: number | null; firstBadge: number | null };
  }
}

async function installMarks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const marks = { firstTile: null as number | null, firstBadge: null as number | null };
    window.__benchMarks = marks;
    const observer = new MutationObserver(() => {
      if (marks.firstTile === null && document.querySelector("li.tile")) marks.firstTile = performance.now();
      if (marks.firstBadge === null && document.querySelector('li.tile:not([data-state="pending"])')) {
        marks.firstBadge = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
  });
}

async function readMarks(page: Page): Promise<Marks> {
  await waitForFirstBadge(page);
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return { ...window.__benchMarks!, domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN };
  });
}

export async function runColdStart(browser: Browser, options: { runs: number; boardSize?: number }): Promise<{ result: ColdStartResult; text: string }> {
  const boardSize = options.boardSize ?? 100;
  await knobs.resetAll();
  // The default poll interval; the first poll goes out at mount, so the interval does not enter the figure.
  await knobs.app.patchConfig({ pollIntervalSeconds: 15 });
  const tenant = await knobs.graph.tenant();
  const ids = tenant.allUserIds.slice(0, boardSize);

  const context = await newContext(browser);
  const reload: Marks[] = [];
  const fresh: Marks[] = [];
  try {
    await signIn(context);
    const page = await context.newPage();
    await installMarks(page);
    await openBoard(page, ids);
    await readMarks(page); // warm-up: fills the HTTP cache like the board's first visit did
    for (let i = 0; i < options.runs; i++) {
      await page.reload({ waitUntil: "commit" });
      reload.push(await readMarks(page));
    }
    log(`coldstart: ${options.runs} reloads done`);
    const storage = await context.storageState();
    for (let i = 0; i < options.runs; i++) {
      const other = await newContext(browser, { storageState: storage });
      try {
        const p = await other.newPage();
        await installMarks(p);
        await openBoard(p, ids);
        fresh.push(await readMarks(p));
      } finally {
        await other.close();
      }
    }
  } finally {
    await context.close();
  }
  const pick = (list: Marks[]) => ({
    firstBadge: roundSummary(summarize(list.map((m) => m.firstBadge ?? NaN)), 0),
    firstTile: roundSummary(summarize(list.map((m) => m.firstTile ?? NaN)), 0),
    domContentLoaded: roundSummary(summarize(list.map((m) => m.domContentLoaded)), 0),
  });
  const result: ColdStartResult = { boardSize, runs: options.runs, reload: pick(reload), newBrowser: pick(fresh) };
  const rows = (name: string, r: ColdStartResult["reload"]) => [
    [`${name}: first badge`, fmtMs(r.firstBadge.median), fmtMs(r.firstBadge.min), fmtMs(r.firstBadge.max)],
    [`${name}: first tile (names, pending)`, fmtMs(r.firstTile.median), fmtMs(r.firstTile.min), fmtMs(r.firstTile.max)],
    [`${name}: DOMContentLoaded`, fmtMs(r.domContentLoaded.median), fmtMs(r.domContentLoaded.min), fmtMs(r.domContentLoaded.max)],
  ];
  const text = table(
    `4. Cold start: navigation start → first presence badge, ${boardSize}-person board, token cached, production build (${options.runs} runs each)`,
    ["ms after navigation start", "median", "min", "max"],
    [...rows("reload", result.reload), ...rows("new browser", result.newBrowser)],
    ["reload: same context (HTTP cache warm). new browser: new context with the same localStorage (token cached), empty HTTP cache."],
  );
  return { result, text };
}
