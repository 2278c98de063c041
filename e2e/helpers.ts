import { expect, type Page } from "@playwright/test";
import { knobs } from "./standins/knobs";

/** Fresh stand-ins, fresh browser storage, and the tenant's signed-in person approved without the account picker. */
export async function freshStart(): Promise<void> {
  await knobs.resetAll();
  await knobs.identity.autoApprove();
}

/** Open the board and sign in by redirect, as a person would: click "Sign in", come back signed in. */
export async function signIn(page: Page, path = "/"): Promise<void> {
  await page.goto(path);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("my-account")).toBeVisible({ timeout: 15_000 });
}

/** The tile of one person on the board. */
export function tile(page: Page, personId: string) {
  return page.locator(`li.tile[data-person-id="${personId}"]`);
}

export async function presenceRequests() {
  return (await knobs.graph.log()).filter((e) => e.path.includes("/communications/getPresencesByUserId"));
}

/** Collect Content-Security-Policy violations the page reports (the app must cause none under the strict policy). */
export function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

// ---------------------------------------------------------------------------------------------------------------
// Board helpers (board, badges and a11y specs)

export const BOARDS_KEY = "presence-board.boards";

export interface StoredBoards {
  version: number;
  activeBoardId: string | null;
  boards: { id: string; title: string; sort: string; watchedUsers: { id: string; displayName?: string }[] }[];
}

/** The saved boards as the app wrote them to localStorage (null when nothing is saved). */
export async function storedBoards(page: Page): Promise<StoredBoards | null> {
  const raw = await page.evaluate((key) => window.localStorage.getItem(key), BOARDS_KEY);
  return raw === null ? null : (JSON.parse(raw) as StoredBoards);
}

/** Person ids of the tiles in the order they are shown. */
export async function tileIds(page: Page): Promise<string[]> {
  return page.locator("li.tile").evaluateAll((els) => els.map((el) => el.getAttribute("data-person-id") ?? ""));
}

/** Waits until every tile shows a presence (the first poll answered). */
export async function waitForPresence(page: Page, timeout = 15_000): Promise<void> {
  await expect(page.locator("li.tile").first()).toBeVisible({ timeout });
  await expect(page.locator('li.tile[data-state="pending"]')).toHaveCount(0, { timeout });
}

/** A share link as the app formats it: `/?users=<id>,<id>,…&title=<text>`. */
export function shareLink(ids: readonly string[], title?: string, extra = ""): string {
  return `/?users=${ids.join(",")}${title === undefined ? "" : `&title=${encodeURIComponent(title)}`}${extra}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Resilience, hostile-data and soak helpers


/** Every tile shows a presence (none "pending") and none is greyed as stale. */
export async function waitForLiveBoard(page: Page, timeout = 15_000): Promise<void> {
  await expect(page.locator("li.tile").first()).toBeVisible({ timeout });
  await expect(page.locator('li.tile[data-state="pending"]')).toHaveCount(0, { timeout });
  await expect(page.locator("li.tile.is-stale")).toHaveCount(0, { timeout });
}

/** What each tile shows right now: person id -> data-state. */
export async function tileStates(page: Page): Promise<Record<string, string>> {
  return page.locator("li.tile").evaluateAll((tiles) =>
    Object.fromEntries(tiles.map((t) => [t.getAttribute("data-person-id") ?? "", t.getAttribute("data-state") ?? ""])),
  );
}

/** Differences between consecutive times (ms). */
export function gapsBetween(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

/** The status/alert banners' texts now. */
export async function bannerTexts(page: Page): Promise<string[]> {
  return page.locator(".banners").locator("[role=alert], [role=status]").allTextContents();
}

/**
 * Record every banner text the page shows from now on (a MutationObserver in the page, so a banner that flashes up
 * between two looks is still caught). Returns a reader. Lost on navigation.
 */
export async function recordBanners(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __bannerLog?: string[] };
    const log: string[] = (w.__bannerLog = []);
    const look = () => {
      for (const el of document.querySelectorAll(".banners [role=alert], .banners [role=status]")) {
        const text = el.textContent ?? "";
        if (!log.includes(text)) log.push(text);
      }
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
    look();
  });
  return () => page.evaluate(() => (window as unknown as { __bannerLog?: string[] }).__bannerLog ?? []);
}

export interface PageRequest {
  /** Page time (the page's possibly fake Date.now()) when the app called fetch. */
  at: number;
  method: string;
  url: string;
  /** HTTP status once answered; 0 when the fetch failed (no answer); undefined while in flight. */
  status?: number;
}

/**
 * Test instrumentation, injected before the app (init script, so the strict CSP does not apply): wraps fetch to
 * know which requests are in flight and to stamp every presence poll with the page's own clock. Transparent to the
 * app: same arguments, same promise outcome.
 */
function instrumentFetch() {
  const w = window as unknown as { __e2eFetch?: { pending: Set<Promise<unknown>>; polls: PageRequest[] } };
  if (w.__e2eFetch) return;
  const state = { pending: new Set<Promise<unknown>>(), polls: [] as PageRequest[] };
  w.__e2eFetch = state;
  const original = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const entry: PageRequest | null =
      method === "POST" && url.includes("/communications/getPresencesByUserId") ? { at: Date.now(), method, url } : null;
    if (entry) state.polls.push(entry);
    const promise = original(input, init);
    state.pending.add(promise);
    promise.then(
      (response) => {
        if (entry) entry.status = response.status;
        state.pending.delete(promise);
      },
      () => {
        if (entry) entry.status = 0;
        state.pending.delete(promise);
      },
    );
    return promise;
  };
}

/**
 * Drives the page's fake clock (page.clock) in steps. Playwright's fake timers fire synchronously, but fetches to the
 * stand-ins complete in real time: after every step this waits (in real time, the page clock standing still) until
 * the page's fetches have settled, so the app's timers are re-armed at the page time they would be in a real run.
 * Presence polls are stamped in the page with its own clock when the app calls fetch (exact, not per step).
 *
 * Use: `const clock = await SteppedClock.install(page)` before navigating, sign in (the clock runs at real pace),
 * then `await clock.pause()` and `advance(...)`.
 */
export class SteppedClock {
  /** Current page time (ms since epoch) while paused. */
  now = 0;

  private constructor(private readonly page: Page) {}

  static async install(page: Page): Promise<SteppedClock> {
    await page.addInitScript(instrumentFetch);
    await page.clock.install();
    return new SteppedClock(page);
  }

  /** Stop the page clock (it keeps real pace until then) a moment after its current time. */
  async pause(): Promise<void> {
    const pageNow = await this.page.evaluate(() => Date.now());
    this.now = pageNow + 100;
    await this.page.clock.pauseAt(this.now);
  }

  /** Let work that the last timers started finish in real time while the page clock stands still. */
  async settle(): Promise<void> {
    await this.page.evaluate(async () => {
      const state = (window as unknown as { __e2eFetch?: { pending: Set<Promise<unknown>> } }).__e2eFetch;
      // MessageChannel is not faked: a real macrotask turn, enough for token lookups and promise chains to reach fetch.
      const turn = () =>
        new Promise<void>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(null);
        });
      for (let round = 0; round < 100; round++) {
        await turn();
        await turn();
        const pending = state ? [...state.pending] : [];
        if (pending.length === 0) return;
        await Promise.allSettled(pending);
      }
    });
  }

  /** Advance page time by `totalMs` in steps of `stepMs`, settling after each. */
  async advance(totalMs: number, stepMs: number): Promise<void> {
    for (let done = 0; done < totalMs; done += stepMs) {
      const step = Math.min(stepMs, totalMs - done);
      await this.page.clock.runFor(step);
      this.now += step;
      await this.settle();
    }
  }

  /** Advance in steps until `done()` holds (checked after each step); returns the page time it took, or null. */
  async advanceUntil(done: () => Promise<boolean>, maxMs: number, stepMs: number): Promise<number | null> {
    const start = this.now;
    while (this.now - start < maxMs) {
      await this.page.clock.runFor(stepMs);
      this.now += stepMs;
      await this.settle();
      if (await done()) return this.now - start;
    }
    return null;
  }

  /** Presence polls the page sent since it loaded (page time). */
  async polls(): Promise<PageRequest[]> {
    return this.page.evaluate(() => (window as unknown as { __e2eFetch?: { polls: PageRequest[] } }).__e2eFetch?.polls ?? []);
  }

  /** Presence polls sent after `from` (page time, exclusive) up to `to` (inclusive; default now). */
  async pollsBetween(from: number, to = this.now): Promise<PageRequest[]> {
    return (await this.polls()).filter((p) => p.at > from && p.at <= to);
  }
}

/** Heap in use after forcing garbage collection twice, in MB (Chromium DevTools protocol). */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    return usedSize / (1024 * 1024);
  } finally {
    await cdp.detach();
  }
}
