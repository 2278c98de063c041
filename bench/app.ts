/**
 * Driving the real app (production build, MSAL, React Query) in Chromium against the stand-ins: sign-in, share-link
 * boards, reading the Graph stand-in's request log.
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { APP_ORIGIN } from "../e2e/standins/constants";
import { knobs, type GraphLogEntry } from "../e2e/standins/knobs";
import { sleep } from "./lib";

export const PRESENCE_PATH = "/communications/getPresencesByUserId";
export const isPresencePoll = (e: GraphLogEntry) => e.method === "POST" && e.path.includes(PRESENCE_PATH);
/** CORS preflights are the browser's, not the app's requests; Graph's limits count the app's requests. */
export const isPreflight = (e: GraphLogEntry) => e.method === "OPTIONS";

/** Longest share link the bench navigates to as is. Longer lists are handed to the page client-side (see openBoard). */
export const MAX_NAVIGABLE_URL = 80_000;

export function shareLinkPath(ids: readonly string[], extra = ""): string {
  return `/?users=${ids.join(",")}&title=Bench${extra}`;
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export async function newContext(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; storageState?: StorageState } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    ignoreHTTPSErrors: true,
    baseURL: APP_ORIGIN,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.storageState ? { storageState: options.storageState } : {}),
  });
}

/** Sign in by redirect as a person would (the identity stand-in approves without the picker). Leaves the token cached. */
export async function signIn(context: BrowserContext): Promise<void> {
  await knobs.identity.autoApprove();
  const page = await context.newPage();
  try {
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByTestId("my-account").waitFor({ timeout: 30_000 });
  } finally {
    await page.close();
  }
}

/**
 * Open a share-link board in `page`. Links up to MAX_NAVIGABLE_URL are navigated to as they are (2,000 people: 74 KB).
 * A 5,000-person link is ~185 KB, more than the stand-in's HTTP/2 header limit (64 KB, HPACK-compressed) and far more
 * than real hosts accept, so it is
 * opened at `/?bench-board` and an init script puts the same query into the address bar before the app reads it:
 * the app sees exactly the share link's `location.search`.
 */
export async function openBoard(page: Page, ids: readonly string[], extra = ""): Promise<{ clientSide: boolean }> {
  const path = shareLinkPath(ids, extra);
  if (path.length <= MAX_NAVIGABLE_URL) {
    await page.goto(path, { waitUntil: "commit" });
    return { clientSide: false };
  }
  await page.addInitScript((search: string) => {
    if (location.search === "?bench-board") history.replaceState(null, "", `/${search}`);
  }, path.slice(1));
  await page.goto("/?bench-board", { waitUntil: "commit" });
  return { clientSide: true };
}

export async function waitForFirstBadge(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.locator('li.tile:not([data-state="pending"])').first().waitFor({ state: "attached", timeout: timeoutMs });
}

/**
 * Group presence requests into polls: one poll's chunks go out back to back, polls are an interval apart, so a gap
 * longer than `gapMs` starts a new poll.
 */
export function groupPolls(entries: readonly GraphLogEntry[], gapMs = 2000): GraphLogEntry[][] {
  const polls: GraphLogEntry[][] = [];
  let last = -Infinity;
  for (const e of [...entries].sort((a, b) => a.time - b.time)) {
    if (e.time - last > gapMs || !polls.length) polls.push([]);
    polls[polls.length - 1]!.push(e);
    last = e.time;
  }
  return polls;
}

/**
 * Wait until the Graph log shows `count` complete polls (the last one quiet for `quietMs`) and, with
 * `othersQuietMs`, no other Graph request for that long (profiles and photos loaded).
 */
export async function waitForPolls(
  count: number,
  { timeoutMs = 60_000, quietMs = 1500, othersQuietMs = 0 } = {},
): Promise<GraphLogEntry[][]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entries = await knobs.graph.log();
    const polls = groupPolls(entries.filter(isPresencePoll));
    const lastPoll = polls.at(-1)?.at(-1)?.time ?? 0;
    const lastOther = Math.max(0, ...entries.filter((e) => !isPresencePoll(e)).map((e) => e.time));
    const now = Date.now();
    if (polls.length >= count && now - lastPoll >= quietMs && now - lastOther >= othersQuietMs) return polls.slice(0, count);
    if (now > deadline) throw new Error(`Timed out waiting for ${count} presence polls (saw ${polls.length}).`);
    await sleep(200);
  }
}

/** Presence overrides that are two distinct Teams states, never out of office (which would mask them). */
export const FORCED_STATES = {
  inAMeeting: { availability: "Busy", activity: "InAMeeting", outOfOfficeSettings: { isOutOfOffice: false, message: null } },
  beRightBack: { availability: "Away", activity: "BeRightBack", outOfOfficeSettings: { isOutOfOffice: false, message: null } },
} as const;
export type ForcedState = keyof typeof FORCED_STATES;
export const otherState = (current: string | null): ForcedState => (current === "inAMeeting" ? "beRightBack" : "inAMeeting");

/**
 * A frozen simulated tenant (speed 0, a weekday morning): presences change only when the bench changes them, so
 * latency and re-render counts measure the bench's changes alone.
 */
export async function freezeTenant(): Promise<void> {
  await knobs.graph.setTenant({ speed: 0, startAt: Date.parse("2025-03-12T09:30:00Z") });
}
