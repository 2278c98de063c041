/**
 * Section 5: rendering a 1,000-person board when 10 % of presences change between two polls: React's commit time
 * for the new snapshot and how many tiles re-rendered, from the app's own counters (src/ui/renderStats.ts, enabled
 * by setting window.__presenceBoardStats before the app starts).
 *
 * Normal mode renders 300 tiles and a "Show more" button; the bench clicks it until all 1,000 tiles are in the DOM,
 * so every changed person has a rendered tile (wall mode would render only the ~60 tiles of the current page).
 */
import type { Browser, Page } from "@playwright/test";
import { knobs } from "../e2e/standins/knobs";
import { FORCED_STATES, freezeTenant, newContext, openBoard, otherState, signIn, waitForFirstBadge } from "./app";
import { fmtInt, fmtMs, log, mapLimit, roundSummary, seededRandom, shuffled, sleep, summarize, table, type Summary } from "./lib";

interface Stats {
  tileRenders?: number;
  commits?: number[];
  changed?: number[];
}

declare global {
  interface Window {
    __presenceBoardStats?: Stats;
  }
}

export interface RenderRound {
  changedByBench: number;
  /** Entries the app's merge counted as changed, per commit of the round (normally one commit). */
  changed: number[];
  commitMs: number[];
  tileRenders: number;
}

export interface RenderResult {
  boardSize: number;
  renderedTiles: number;
  changesPerPoll: number;
  rounds: RenderRound[];
  commitMs: Summary;
  tileRenders: Summary;
  unchangedPoll: { commitMs: Summary; tileRenders: Summary };
}

const readStats = (page: Page) => page.evaluate(() => ({ ...window.__presenceBoardStats, commits: [...(window.__presenceBoardStats?.commits ?? [])], changed: [...(window.__presenceBoardStats?.changed ?? [])] }));

async function waitForCommit(page: Page, after: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction((n) => (window.__presenceBoardStats?.commits?.length ?? 0) > n, after, { timeout: timeoutMs, polling: 50 });
}

export async function runRender(browser: Browser, options: { intervalSeconds: number; rounds: number; boardSize?: number }): Promise<{ result: RenderResult; text: string }> {
  const intervalMs = options.intervalSeconds * 1000;
  const boardSize = options.boardSize ?? 1000;
  const changesPerPoll = Math.round(boardSize / 10);
  await knobs.resetAll();
  await knobs.app.patchConfig({ pollIntervalSeconds: options.intervalSeconds });
  await freezeTenant();
  const tenant = await knobs.graph.tenant();
  const ids = tenant.allUserIds.slice(0, boardSize);

  const context = await newContext(browser, { viewport: { width: 1920, height: 1080 } });
  try {
    await signIn(context);
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__presenceBoardStats = {};
    });
    await openBoard(page, ids);
    await waitForFirstBadge(page);
    const more = page.locator(".show-more button");
    while (await more.count()) {
      await more.click();
      await sleep(100);
    }
    const renderedTiles = await page.locator("li.tile").count();
    // Let profiles and photos of all tiles arrive (each arrival re-renders tiles), then a poll without changes.
    for (let quiet = 0, last = -1; quiet < 2; ) {
      const { commits } = await readStats(page);
      await waitForCommit(page, commits.length, intervalMs * 3);
      const { tileRenders = 0 } = await readStats(page);
      quiet = tileRenders === last ? quiet + 1 : 0;
      last = tileRenders;
    }

    const random = seededRandom(7);
    const rounds: RenderRound[] = [];
    const unchanged: { commitMs: number; tileRenders: number }[] = [];
    // Start right after a poll's commit; then each round changes presences at once and measures the next poll.
    let start = await readStats(page);
    await waitForCommit(page, start.commits.length, intervalMs * 3);
    start = await readStats(page);
    for (let r = 0; r < options.rounds + 2; r++) {
      const changeNow = r >= 2; // the first two rounds measure polls where nothing changed
      let changedByBench = 0;
      if (changeNow) {
        const people = shuffled(ids.filter((id) => id !== tenant.meId), random).slice(0, changesPerPoll);
        const states = await page.evaluate(
          (list) => list.map((id) => document.querySelector(`li.tile[data-person-id="${id}"]`)?.getAttribute("data-state") ?? null),
          people,
        );
        await mapLimit(people, 16, (id, i) => knobs.graph.overridePresence(id, FORCED_STATES[otherState(states[i] ?? null)]));
        changedByBench = people.length;
      }
      await waitForCommit(page, start.commits.length, intervalMs * 3);
      await sleep(300); // renders that follow the commit (effects) land in this round too
      const end = await readStats(page);
      const commitMs = end.commits.slice(start.commits.length);
      const changed = end.changed.slice(start.changed.length);
      const tileRenders = (end.tileRenders ?? 0) - (start.tileRenders ?? 0);
      if (changeNow) rounds.push({ changedByBench, changed, commitMs, tileRenders });
      else unchanged.push({ commitMs: commitMs[0] ?? NaN, tileRenders });
      start = end;
    }
    log(`render: ${rounds.length} rounds of ${changesPerPoll} changes`);
    const result: RenderResult = {
      boardSize,
      renderedTiles,
      changesPerPoll,
      rounds: rounds.map((r) => ({ ...r, commitMs: r.commitMs.map((ms) => Math.round(ms * 10) / 10) })),
      commitMs: roundSummary(summarize(rounds.map((r) => r.commitMs.reduce((a, b) => a + b, 0))), 1),
      tileRenders: roundSummary(summarize(rounds.map((r) => r.tileRenders)), 0),
      unchangedPoll: {
        commitMs: roundSummary(summarize(unchanged.map((u) => u.commitMs)), 1),
        tileRenders: roundSummary(summarize(unchanged.map((u) => u.tileRenders)), 0),
      },
    };
    const text = table(
      `5. Rendering: ${boardSize}-person board, all ${renderedTiles} tiles rendered ("Show more" clicked), ${changesPerPoll} presences changed per poll`,
      ["per poll", "median", "min", "max"],
      [
        [`commit ms (${changesPerPoll} changed)`, fmtMs(result.commitMs.median), fmtMs(result.commitMs.min), fmtMs(result.commitMs.max)],
        [`tiles re-rendered (${changesPerPoll} changed)`, fmtInt(result.tileRenders.median), fmtInt(result.tileRenders.min), fmtInt(result.tileRenders.max)],
        ["commit ms (nothing changed)", fmtMs(result.unchangedPoll.commitMs.median), fmtMs(result.unchangedPoll.commitMs.min), fmtMs(result.unchangedPoll.commitMs.max)],
        ["tiles re-rendered (nothing changed)", fmtInt(result.unchangedPoll.tileRenders.median), fmtInt(result.unchangedPoll.tileRenders.min), fmtInt(result.unchangedPoll.tileRenders.max)],
      ],
      [
        `Rounds: ${rounds.map((r) => `changed ${r.changed.join("+")}, ${r.tileRenders} tiles, ${r.commitMs.map((ms) => fmtMs(ms)).join("+")} ms`).join("; ")}.`,
        "commit ms: the app's measure, from the render that sees the new snapshot to its layout effect (React render + DOM",
        "mutation); style, layout and paint come after it. Simulated time is frozen, so only the bench's changes change anything.",
      ],
    );
    return { result, text };
  } finally {
    await context.close();
  }
}
