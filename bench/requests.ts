/**
 * Section 2: Graph requests per poll and per hour for boards of 10 … 5,000 people, counted by the Graph stand-in's
 * request log, against a naive per-person poller measured the same way; what that means for a tenant's budget.
 */
import type { Browser, BrowserContext, Request } from "@playwright/test";
import { GRAPH_ORIGIN } from "../e2e/standins/constants";
import { knobs, type GraphLogEntry } from "../e2e/standins/knobs";
import { isPreflight, isPresencePoll, newContext, openBoard, signIn, waitForFirstBadge, waitForPolls } from "./app";
import { fmtInt, fmtMs, fmtRatio, log, round, table } from "./lib";
import { accessTokenByPkce, naivePoll } from "./naive";

/** The documented presence limits, per app per tenant per 30 s: the API's throttling page, and the newer figure. */
export const PRESENCE_LIMITS_PER_30S = [1500, 10_000] as const;
export const DEFAULT_INTERVAL_SECONDS = 15;

export interface BoardCase {
  label: string;
  size: number;
  /** Whether the signed-in person is one of the board's people (their own presence rides along otherwise). */
  includesYou: boolean;
}

export const BOARD_CASES: BoardCase[] = [
  { label: "10", size: 10, includesYou: true },
  { label: "100", size: 100, includesYou: true },
  { label: "650", size: 650, includesYou: true },
  { label: "650 (you not on it)", size: 650, includesYou: false },
  { label: "651", size: 651, includesYou: true },
  { label: "700", size: 700, includesYou: true },
  { label: "2,000", size: 2000, includesYou: true },
  { label: "5,000", size: 5000, includesYou: true },
];

interface StartBreakdown {
  presence: number;
  profileBatches: number;
  photoBatches: number;
  other: number;
  total: number;
  preflights: number;
  otherPaths: string[];
}

export interface BoardRequests {
  label: string;
  size: number;
  includesYou: boolean;
  openedClientSide: boolean;
  /** Requests in each observed poll (first poll, then steady state). */
  requestsPerPoll: number[];
  idsPerRequest: number[];
  pollSpacingMs: number[];
  requestsPerHourAtDefault: number;
  start: StartBreakdown;
  firstBadgeMs: number;
  naive: { requestsPerPoll: number; requestsPerHourAtDefault: number; failed: number; pollMs: number };
  capacity: { limitPer30s: number; boards: number; naiveBoards: number }[];
}

function classify(requests: { method: string; path: string; body: string | null }[]): Omit<StartBreakdown, "preflights"> {
  const out = { presence: 0, profileBatches: 0, photoBatches: 0, other: 0, total: 0, otherPaths: [] as string[] };
  for (const r of requests) {
    out.total += 1;
    if (r.path.includes("/communications/getPresencesByUserId")) out.presence += 1;
    else if (r.path.endsWith("/$batch") && r.body?.includes("/photos/")) out.photoBatches += 1;
    else if (r.path.endsWith("/$batch")) out.profileBatches += 1;
    else {
      out.other += 1;
      out.otherPaths.push(`${r.method} ${r.path.split("?")[0]}`);
    }
  }
  return out;
}

async function measureBoard(context: BrowserContext, ids: readonly string[], c: BoardCase, intervalMs: number): Promise<Omit<BoardRequests, "naive" | "capacity">> {
  const page = await context.newPage();
  const seen: { time: number; method: string; path: string; body: string | null }[] = [];
  page.on("request", (r: Request) => {
    if (!r.url().startsWith(GRAPH_ORIGIN) || r.method() === "OPTIONS") return;
    const url = new URL(r.url());
    seen.push({ time: Date.now(), method: r.method(), path: url.pathname + url.search, body: r.postData() });
  });
  try {
    await knobs.graph.clearLog();
    const t0 = Date.now();
    const { clientSide } = await openBoard(page, ids);
    await waitForFirstBadge(page, 60_000);
    const firstBadgeMs = Date.now() - t0;
    // The first poll and the next one at the interval, and directory loading (profiles, photos) finished.
    const polls = await waitForPolls(2, { timeoutMs: 60_000 + 3 * intervalMs, quietMs: 1500, othersQuietMs: 2000 });
    const entries: GraphLogEntry[] = await knobs.graph.log();
    const secondPollAt = polls[1]![0]!.time;
    const appRequests = entries.filter((e) => !isPreflight(e));
    // "At start": everything before the first steady poll, and the directory loads however long they take.
    const startEntries = appRequests.filter((e) => e.time < secondPollAt || !isPresencePoll(e));
    const startSeen = seen.filter((r) => r.time < secondPollAt - 50 || !r.path.includes("/communications/getPresencesByUserId"));
    const breakdown = classify(startSeen);
    if (breakdown.total !== startEntries.length) {
      log(`  note: browser saw ${breakdown.total} start requests, the stand-in logged ${startEntries.length}`);
    }
    const requestsPerPoll = polls.map((p) => p.length);
    return {
      label: c.label,
      size: ids.length,
      includesYou: c.includesYou,
      openedClientSide: clientSide,
      requestsPerPoll,
      idsPerRequest: polls[1]!.map((e) => e.ids ?? 0),
      pollSpacingMs: polls.slice(1).map((p, i) => p[0]!.time - polls[i]![0]!.time),
      requestsPerHourAtDefault: requestsPerPoll[1]! * (3600 / DEFAULT_INTERVAL_SECONDS),
      start: { ...breakdown, total: startEntries.length, preflights: entries.filter(isPreflight).length },
      firstBadgeMs,
    };
  } finally {
    await page.close();
  }
}

export async function runRequests(browser: Browser, options: { intervalSeconds: number; cases?: BoardCase[] }): Promise<{ result: BoardRequests[]; text: string }> {
  const intervalMs = options.intervalSeconds * 1000;
  await knobs.resetAll();
  await knobs.app.patchConfig({ pollIntervalSeconds: options.intervalSeconds });
  const tenant = await knobs.graph.tenant();
  const me = tenant.meId;
  const others = tenant.allUserIds.filter((id) => id !== me);
  const idsFor = (c: BoardCase) => (c.includesYou ? [me, ...others.slice(0, c.size - 1)] : others.slice(0, c.size));

  const token = await accessTokenByPkce();
  const context = await newContext(browser);
  await signIn(context);
  const results: BoardRequests[] = [];
  for (const c of options.cases ?? BOARD_CASES) {
    log(`requests: board of ${c.label}`);
    const ids = idsFor(c);
    const measured = await measureBoard(context, ids, c, intervalMs);
    const naive = await naivePoll(token, ids);
    const steady = measured.requestsPerPoll[1]!;
    const perHour = 3600 / DEFAULT_INTERVAL_SECONDS;
    results.push({
      ...measured,
      naive: { requestsPerPoll: naive.requests, requestsPerHourAtDefault: naive.requests * perHour, failed: naive.failed, pollMs: round(naive.ms, 0) },
      capacity: PRESENCE_LIMITS_PER_30S.map((limit) => ({
        limitPer30s: limit,
        boards: round(limit / (steady * (30 / DEFAULT_INTERVAL_SECONDS)), 2),
        naiveBoards: round(limit / (naive.requests * (30 / DEFAULT_INTERVAL_SECONDS)), 2),
      })),
    });
  }
  await context.close();

  const boards = (n: number) => (n >= 1 ? fmtInt(Math.floor(n)) : n.toFixed(2));
  const text = [
    table(
      `2. Graph requests per poll (measured in Chromium, ${options.intervalSeconds} s interval) and per hour at the default ${DEFAULT_INTERVAL_SECONDS} s`,
      ["people on board", "req/poll", "ids/request", "req/hour", "naive req/poll", "naive req/hour", "naive ÷ board"],
      results.map((r) => [
        r.label,
        r.requestsPerPoll.join(" / "),
        r.idsPerRequest.join("+"),
        fmtInt(r.requestsPerHourAtDefault),
        fmtInt(r.naive.requestsPerPoll),
        fmtInt(r.naive.requestsPerHourAtDefault),
        fmtRatio(r.naive.requestsPerPoll / r.requestsPerPoll[1]!),
      ]),
      [
        "req/poll: first poll / next poll, as the Graph stand-in logged them. The signed-in person's own presence rides",
        "along in the same request; \"you not on it\" adds that id to the 650 (651 ids → 2 requests).",
        `First → second poll: ${results.flatMap((r) => r.pollSpacingMs).map((ms) => fmtMs(ms)).join(", ")} ms (React Query restarts the`,
        "interval when an answer arrives, so this includes the first poll's duration and the first render; later polls are ~5.0 s apart).",
        `Naive: one GET /users/{id}/presence per person per poll, 6 in flight; naive poll wall time (local stand-in): ${results
          .map((r) => `${r.label}: ${fmtInt(r.naive.pollMs)} ms`)
          .join(", ")}.`,
      ],
    ),
    table(
      `   Tenant capacity at the default ${DEFAULT_INTERVAL_SECONDS} s interval: boards of this size one app registration can run before Graph throttles presence`,
      ["people on board", ...PRESENCE_LIMITS_PER_30S.flatMap((l) => [`boards @${fmtInt(l)}/30 s`, `naive @${fmtInt(l)}/30 s`])],
      results.map((r) => [r.label, ...r.capacity.flatMap((c) => [boards(c.boards), boards(c.naiveBoards)])]),
      ["boards = limit ÷ (requests per poll × 2 polls per 30 s). Below 1: a single naive board of that size is already throttled."],
    ),
    table(
      "   Requests at start (opening the board until profiles and photos are loaded; CORS preflights apart, cached 1 h by the browser)",
      ["people on board", "presence", "profile $batch", "photo $batch", "other", "total", "preflights", "first badge ms"],
      results.map((r) => [
        r.label,
        r.start.presence,
        r.start.profileBatches,
        r.start.photoBatches,
        r.start.other,
        r.start.total,
        r.start.preflights,
        fmtInt(r.firstBadgeMs),
      ]),
      [
        "Profiles: 300 people per $batch (20 × `id in (15 ids)`); photos: 20 per $batch, only for the first 400 tiles.",
        `Other requests at start: ${[...new Set(results.flatMap((r) => r.start.otherPaths))].join(", ") || "none"}.`,
        ...results.filter((r) => r.openedClientSide).map((r) => `${r.label}: link longer than the stand-in accepts; its query was set client-side (see bench/README.md).`),
      ],
    ),
  ].join("\n");
  return { result: results, text };
}
