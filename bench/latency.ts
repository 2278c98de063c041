/**
 * Section 3: time from a presence change on the server (knobs.graph.overridePresence) to the new badge on screen
 * (`li.tile[data-person-id]` gets the new `data-state`), over many changes made at random moments of the poll cycle.
 * Split into "waiting for the next poll" (change → the next presence request reaching the Graph stand-in) and
 * "pipeline" (that request → badge in the DOM: HTTP, parsing, merge, React render and commit).
 */
import type { Browser } from "@playwright/test";
import { knobs } from "../e2e/standins/knobs";
import { FORCED_STATES, freezeTenant, isPresencePoll, newContext, openBoard, otherState, signIn, waitForFirstBadge } from "./app";
import { fmtMs, log, roundSummary, seededRandom, sleep, summarize, table, type Summary } from "./lib";

export interface LatencyResult {
  intervalSeconds: number;
  boardSize: number;
  changes: number;
  /** Change on the server → badge in the DOM (ms). */
  total: Summary;
  /** Change → next presence request at the Graph stand-in (ms): ≈ uniform over the interval. */
  waitForPoll: Summary;
  /** That request → badge in the DOM (ms). */
  pipeline: Summary;
  samples: { person: string; state: string; totalMs: number; waitMs: number; pipelineMs: number }[];
}

declare global {
  interface Window {
    __benchWatch?: Map<string, string>;
    __benchSeen?: Map<string, number>;
  }
}

export async function runLatency(browser: Browser, options: { intervalSeconds: number; changes: number; boardSize?: number }): Promise<{ result: LatencyResult; text: string }> {
  const intervalMs = options.intervalSeconds * 1000;
  const boardSize = options.boardSize ?? 20;
  await knobs.resetAll();
  await knobs.app.patchConfig({ pollIntervalSeconds: options.intervalSeconds });
  await freezeTenant();
  const tenant = await knobs.graph.tenant();
  const ids = tenant.allUserIds.slice(0, boardSize);
  const people = ids.filter((id) => id !== tenant.meId);

  const context = await newContext(browser);
  try {
    await signIn(context);
    const page = await context.newPage();
    // Record, in the page, the moment a watched tile shows the expected state (epoch ms, same clock as Node's).
    await page.addInitScript(() => {
      window.__benchWatch = new Map();
      window.__benchSeen = new Map();
      const check = () => {
        for (const [id, state] of window.__benchWatch!) {
          const tile = document.querySelector(`li.tile[data-person-id="${id}"]`);
          if (tile?.getAttribute("data-state") === state) {
            window.__benchSeen!.set(`${id}|${state}`, Date.now());
            window.__benchWatch!.delete(id);
          }
        }
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
    });
    await openBoard(page, ids);
    await waitForFirstBadge(page);
    await sleep(intervalMs); // a steady state: first poll, profiles and photos done

    const random = seededRandom(20250312);
    const changes: { person: string; state: string; at: number }[] = [];
    for (let i = 0; i < options.changes; i++) {
      // A random moment of the poll cycle: the next change comes U(0, interval) after this one.
      await sleep(random() * intervalMs);
      const person = people[i % people.length]!;
      const current = await page.locator(`li.tile[data-person-id="${person}"]`).getAttribute("data-state");
      const state = otherState(current);
      await page.evaluate(([id, s]) => window.__benchWatch!.set(id, s), [person, state] as const);
      const before = Date.now();
      await knobs.graph.overridePresence(person, FORCED_STATES[state]);
      const after = Date.now();
      changes.push({ person, state, at: (before + after) / 2 });
      if (i % 8 === 7) log(`latency: ${i + 1}/${options.changes} changes`);
    }
    // Every change shows within one interval plus the pipeline; allow three.
    const deadline = Date.now() + 3 * intervalMs;
    let seen = new Map<string, number>();
    while (Date.now() < deadline) {
      seen = new Map(await page.evaluate(() => [...window.__benchSeen!.entries()]));
      if (seen.size >= changes.length) break;
      await sleep(250);
    }
    const polls = (await knobs.graph.log()).filter(isPresencePoll).map((e) => e.time).sort((a, b) => a - b);
    const samples = changes.map((c) => {
      const shownAt = seen.get(`${c.person}|${c.state}`);
      if (shownAt === undefined) throw new Error(`The change of ${c.person} to ${c.state} never showed on the board.`);
      const pollAt = polls.find((t) => t >= c.at) ?? NaN;
      return { person: c.person, state: c.state, totalMs: shownAt - c.at, waitMs: pollAt - c.at, pipelineMs: shownAt - pollAt };
    });
    const result: LatencyResult = {
      intervalSeconds: options.intervalSeconds,
      boardSize,
      changes: samples.length,
      total: roundSummary(summarize(samples.map((s) => s.totalMs)), 0),
      waitForPoll: roundSummary(summarize(samples.map((s) => s.waitMs)), 0),
      pipeline: roundSummary(summarize(samples.map((s) => s.pipelineMs)), 1),
      samples: samples.map((s) => ({ ...s, totalMs: Math.round(s.totalMs), waitMs: Math.round(s.waitMs), pipelineMs: Math.round(s.pipelineMs) })),
    };
    const row = (name: string, s: Summary) => [name, fmtMs(s.median), fmtMs(s.p95), fmtMs(s.min), fmtMs(s.max), fmtMs(s.mean)];
    const text = table(
      `3. Latency: presence change on the server → new badge on screen (${samples.length} changes, ${options.intervalSeconds} s interval, ${boardSize}-person board)`,
      ["ms", "median", "p95", "min", "max", "mean"],
      [row("change → badge", result.total), row("  change → next poll", result.waitForPoll), row("  poll → badge", result.pipeline)],
      [
        `Expected: uniform over the interval, median ≈ ${intervalMs / 2} ms and p95 ≈ ${intervalMs * 0.95} ms, plus the pipeline.`,
        `At the default 15 s interval the wait part scales ×3 (median ≈ 7.5 s, p95 ≈ 14.3 s); the pipeline stays.`,
      ],
    );
    return { result, text };
  } finally {
    await context.close();
  }
}
