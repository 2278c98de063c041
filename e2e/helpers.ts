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

import { GRAPH_ORIGIN } from "./standins/constants";

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
  /** Page time (the possibly fake Date.now()) when the page sent it, to within one clock step. */
  at: number;
  method: string;
  url: string;
  /** HTTP status once answered; 0 when the request failed (no answer); undefined while in flight. */
  status?: number;
}

/**
 * Drives the page's fake clock (`page.clock.install()` before navigation, then `pause()`) in steps and records, in
 * PAGE time, every presence poll the page sends. Playwright's fake timers fire synchronously, but fetches to the
 * stand-ins complete in real time: after every step this waits (in real time, the page clock standing still) until
 * the page's Graph requests have settled, so the app's timers are re-armed at the page time they would be in a
 * real run. Stamps are exact to within one step.
 */
export class SteppedClock {
  /** Current page time (ms since epoch) while paused. */
  now = 0;
  readonly polls: PageRequest[] = [];
  private readonly inflight = new Set<object>();

  constructor(private readonly page: Page, graphOrigin = GRAPH_ORIGIN) {
    const byRequest = new Map<object, PageRequest>();
    page.on("request", (request) => {
      if (!request.url().startsWith(graphOrigin)) return;
      this.inflight.add(request);
      if (request.method() === "POST" && request.url().includes("/communications/getPresencesByUserId")) {
        const entry: PageRequest = { at: this.now || Date.now(), method: request.method(), url: request.url() };
        this.polls.push(entry);
        byRequest.set(request, entry);
      }
    });
    page.on("requestfinished", (request) => {
      void request.response().then((response) => {
        const entry = byRequest.get(request);
        if (entry) entry.status = response?.status() ?? 0;
        this.inflight.delete(request);
      });
    });
    page.on("requestfailed", (request) => {
      const entry = byRequest.get(request);
      if (entry) entry.status = 0;
      this.inflight.delete(request);
    });
  }

  /** Stop the page clock (it keeps real pace until then) a moment after its current time. */
  async pause(): Promise<void> {
    const pageNow = await this.page.evaluate(() => Date.now());
    this.now = pageNow + 100;
    await this.page.clock.pauseAt(this.now);
  }

  /** Let work that the last timers started finish in real time while the page clock stands still. */
  async settle(): Promise<void> {
    const yieldOnce = () =>
      this.page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            // MessageChannel is not faked: a real macrotask turn in the page.
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve();
            channel.port2.postMessage(null);
          }),
      );
    await yieldOnce();
    if (this.inflight.size === 0) return;
    const deadline = Date.now() + 15_000;
    while (this.inflight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await yieldOnce();
    await yieldOnce();
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

  pollsBetween(from: number, to: number): PageRequest[] {
    return this.polls.filter((p) => p.at > from && p.at <= to);
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
