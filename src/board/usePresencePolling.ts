import { useEffect, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getPresencesByUserId, type RawPresence } from "../graph/presence";
import { GUID } from "../graph/directory";
import { usePeople } from "./directoryStores";
import type { EntityStore } from "./entityStore";
import type { Person } from "../graph/directory";
import { GraphError } from "../graph/errors";
import { mergePresences, type PresenceSnapshot } from "./presenceSnapshot";
import { nextPollDelay, type PollFailure } from "./pollSchedule";
import { useSession } from "./session";
import { recordError } from "../ui/errorLog";

export const presenceKeys = {
  all: ["presence"] as const,
  board: (boardId: string) => ["presence", "board", boardId] as const,
};

// Values Graph may add in future show as "Status unknown"; tell the support person once per value which ones.
const reportedValues = new Set<string>();
function noteUnknownValues(snapshot: PresenceSnapshot): void {
  for (const entry of Object.values(snapshot.entries)) {
    for (const value of entry.view.unknownValues) {
      if (reportedValues.has(value) || reportedValues.size >= 50) continue;
      reportedValues.add(value);
      recordError(`Graph sent a presence value this board does not know yet: "${value}" (shown as "Status unknown").`);
    }
  }
}

export function classifyFailure(error: unknown): PollFailure {
  if (error instanceof GraphError) {
    if (error.status === 429) return { kind: "throttled", retryAfterSeconds: error.retryAfterSeconds };
    if (error.kind === "network") return { kind: "network" };
    if (error.kind === "malformed") return { kind: "malformed" };
    if (error.status === 401) return { kind: "signIn" };
    if (error.status >= 500) return { kind: "server", status: error.status };
    return { kind: "other" };
  }
  if (error && typeof error === "object" && (error as { code?: unknown }).code === "signInRequired") return { kind: "signIn" };
  return { kind: "other" };
}

const NO_IDS: readonly string[] = [];

/**
 * getPresencesByUserId takes object ids only, and one id it cannot read fails the whole request (400). A board may
 * hold UPNs (share links allow them until the directory resolves them): ask for their object ids instead, and file
 * each answer under every watched id it belongs to. Ids not resolved yet are left out of this poll.
 */
async function presencesOf(
  graph: Parameters<typeof getPresencesByUserId>[0],
  watchedIds: readonly string[],
  people: EntityStore<Person>,
  signal: AbortSignal,
): Promise<RawPresence[]> {
  const asked: string[] = [];
  const watchersOf = new Map<string, string[]>();
  for (const id of watchedIds) {
    const objectId = GUID.test(id) ? id : people.get(id)?.id;
    if (!objectId || !GUID.test(objectId)) continue;
    const key = objectId.toLowerCase();
    const watchers = watchersOf.get(key);
    if (watchers) watchers.push(id);
    else {
      watchersOf.set(key, [id]);
      asked.push(objectId);
    }
  }
  if (asked.length === 0) return [];
  const raw = await getPresencesByUserId(graph, asked, signal);
  return raw.flatMap((p) => (watchersOf.get(p.id.toLowerCase()) ?? [p.id]).map((id) => (id === p.id ? p : { ...p, id })));
}

export interface PollStatus {
  snapshot: PresenceSnapshot | undefined;
  /** Last successful poll (epoch ms), 0 before the first. */
  updatedAt: number;
  failure: PollFailure | null;
  /** When the current run of failures began (for "Offline since 10:42"). */
  failingSince: number | null;
  consecutiveFailures: number;
  nextPollAt: number | null;
  polls: number;
  refresh(): void;
}

/**
 * Presence of everyone on the board, one request per 650 people, at the configured interval — also in a background
 * tab, since the board is pinned. React Query never runs two fetches of one query at once, so polls never overlap.
 */
export function usePresencePolling(boardId: string, watchedIds: readonly string[]): PollStatus {
  const session = useSession();
  const queryClient = useQueryClient();
  const people = usePeople(NO_IDS);
  const intervalMs = session.pollIntervalSeconds * 1000;
  // Mutable bookkeeping shared with queryFn/refetchInterval (which React Query calls outside render).
  const [tracker] = useState(() => ({
    ids: watchedIds,
    failures: 0,
    failure: null as PollFailure | null,
    failingSince: null as number | null,
    polls: 0,
    // Jitter drawn once per failure: refetchInterval is re-evaluated on every render, and React Query restarts its
    // timer whenever the value changes, so a fresh Math.random() per call would postpone the retry forever.
    jitter: 0.5,
  }));
  const [health, setHealth] = useState({ failures: 0, failure: null as PollFailure | null, failingSince: null as number | null, polls: 0, nextPollAt: null as number | null });
  const key = presenceKeys.board(boardId);

  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const ids = tracker.ids;
      tracker.polls += 1;
      try {
        const raw = ids.length ? await presencesOf(session.graph, ids, people, signal) : [];
        const merged = mergePresences(queryClient.getQueryData<PresenceSnapshot>(key), raw, ids, Date.now());
        if (merged.changed) noteUnknownValues(merged);
        tracker.failures = 0;
        tracker.failure = null;
        tracker.failingSince = null;
        return merged;
      } catch (error) {
        if ((error as Error).name === "AbortError") throw error;
        tracker.failures += 1;
        tracker.failure = classifyFailure(error);
        recordError(
          error instanceof GraphError
            ? `Presence update failed: HTTP ${error.status || "—"} ${error.code}${error.requestId ? ` (request-id ${error.requestId})` : ""}`
            : `Presence update failed: ${(error as Error).name}`,
        );
        tracker.failingSince ??= Date.now();
        tracker.jitter = Math.random();
        throw error;
      }
    },
    // We merge by hand (mergePresences keeps unchanged entries), so React Query's deep compare would be wasted work.
    structuralSharing: false,
    refetchIntervalInBackground: true,
    refetchInterval: () =>
      nextPollDelay({
        intervalMs,
        consecutiveFailures: tracker.failures,
        lastFailure: tracker.failure,
        notBefore: session.graph.stats.notBefore,
        now: Date.now(),
        random: tracker.jitter,
      }),
  });

  const { dataUpdatedAt, errorUpdatedAt, refetch } = query;
  // After each poll, publish its outcome for the banner, the countdown and diagnostics.
  useEffect(() => {
    const last = Math.max(dataUpdatedAt, errorUpdatedAt);
    if (!last) return;
    const delay = nextPollDelay({
      intervalMs,
      consecutiveFailures: tracker.failures,
      lastFailure: tracker.failure,
      notBefore: session.graph.stats.notBefore,
      now: last,
      random: tracker.jitter,
    });
    setHealth({ failures: tracker.failures, failure: tracker.failure, failingSince: tracker.failingSince, polls: tracker.polls, nextPollAt: last + delay });
  }, [dataUpdatedAt, errorUpdatedAt, intervalMs, session.graph, tracker]);

  // A person added or removed: ask now rather than at the next tick.
  const idsKey = watchedIds.join(",");
  useEffect(() => {
    if (tracker.ids.join(",") === idsKey) return;
    tracker.ids = watchedIds;
    void refetch();
  }, [idsKey, watchedIds, refetch, tracker]);

  // Back online: try at once instead of waiting out the backoff.
  useEffect(() => {
    const onOnline = () => {
      if (tracker.failures > 0 && Date.now() >= session.graph.stats.notBefore) void refetch();
    };
    // Gone offline: check now, so the banner says so at once instead of at the next tick.
    const onOffline = () => void refetch();
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    };
  }, [refetch, session.graph, tracker]);

  return {
    snapshot: query.data,
    updatedAt: dataUpdatedAt,
    failure: health.failure,
    failingSince: health.failingSince,
    consecutiveFailures: health.failures,
    nextPollAt: health.nextPollAt,
    polls: health.polls,
    refresh: () => void refetch(),
  };
}
