import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { now as perfNow, recordCommit } from "../ui/renderStats";
import { useSession } from "./session";
import { usePresencePolling } from "./usePresencePolling";
import { usePeople } from "./directoryStores";
import { isStale } from "./presenceSnapshot";
import { bannerFor } from "./statusBanner";
import { summarize } from "../presence/summary";
import type { PresenceGroup } from "../presence/presenceView";
import {
  addWatchedUsers,
  moveWatchedUser,
  removeWatchedUser,
  setSort,
  updateCachedNames,
  type BoardSort,
  type SavedBoard,
  type WatchedUser,
} from "./storage";
import type { useBoards } from "./useBoards";
import type { useTheme, useWallMode } from "./viewPrefs";
import { BoardHeader } from "./BoardHeader";
import { BoardEditor, hasPendingGroupImport } from "./editor/BoardEditor";
import { BoardGrid } from "./BoardGrid";
import { DiagnosticsPanel } from "./DiagnosticsPanel";
import { useWallKeepAlive } from "./useWallKeepAlive";
import { orderPeople } from "./ordering";
import { MAX_IDS_PER_PRESENCE_REQUEST } from "../graph/presence";

export interface BoardProps {
  board: SavedBoard;
  boards: ReturnType<typeof useBoards>;
  shared: { problems: string[]; onSave: () => void; onDismiss: () => void } | null;
  onAddToShared: (users: WatchedUser[]) => void;
  theme: ReturnType<typeof useTheme>;
  wallMode: ReturnType<typeof useWallMode>;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export function Board({ board, boards, shared, onAddToShared, theme, wallMode }: BoardProps) {
  const session = useSession();
  const { update } = boards;
  const wall = wallMode.wall;
  const ids = useMemo(() => board.watchedUsers.map((u) => u.id), [board.watchedUsers]);
  // Your own presence rides along in the same request: no extra call per poll.
  // Your own presence rides along only when it fits in the last request (650 + you would cost a second request).
  const pollIds = useMemo(
    () =>
      session.account && !ids.includes(session.account.id) && ids.length % MAX_IDS_PER_PRESENCE_REQUEST !== 0
        ? [...ids, session.account.id]
        : ids,
    [ids, session.account],
  );
  const poll = usePresencePolling(board.id, pollIds);
  const people = usePeople(ids);
  const signInNeeded = useSyncExternalStore(session.signInNeeded.subscribe, session.signInNeeded.get);
  const now = useNow(1000);
  const intervalMs = session.pollIntervalSeconds * 1000;
  // Back from the consent page in the middle of a group import: reopen the editor so it can finish.
  const [editing, setEditing] = useState(() => hasPendingGroupImport(board.id));
  const [filterText, setFilterText] = useState("");
  const [statusFilter, setStatusFilter] = useState<PresenceGroup | "all">("all");
  const [diagnosticsOpen, setDiagnosticsOpen] = useState(false);
  useWallKeepAlive(wall);

  // Wall mode, opt-in: recover a lapsed sign-in without a person, a minute after it lapsed (rate-limited in auth).
  useEffect(() => {
    if (!wall || !session.autoReauth || !signInNeeded) return;
    const t = setTimeout(() => session.autoSignIn(), 60_000);
    return () => clearTimeout(t);
  }, [wall, session, signInNeeded]);

  const isSaved = !shared;
  const edit = useCallback(
    (fn: (b: string) => Parameters<typeof update>[0]) => {
      if (isSaved) update(fn(board.id));
    },
    [isSaved, update, board.id],
  );

  // Remember names for the next cold start (shown before Graph answers).
  const peopleVersion = people.version();
  useEffect(() => {
    if (!isSaved) return;
    const names = new Map<string, string>();
    for (const u of board.watchedUsers) {
      const p = people.get(u.id);
      if (p && p.displayName !== u.displayName) names.set(u.id, p.displayName);
    }
    if (names.size) update((s) => updateCachedNames(s, names));
  }, [peopleVersion, board.watchedUsers, isSaved, people, update]);

  const snapshot = poll.snapshot;
  // Benchmarks: how long React took from receiving a new snapshot to committing it (render + DOM).
  const renderStart = useRef(0);
  const lastSnapshot = useRef(snapshot);
  if (lastSnapshot.current !== snapshot) renderStart.current = perfNow();
  useLayoutEffect(() => {
    if (lastSnapshot.current === snapshot) return;
    lastSnapshot.current = snapshot;
    if (snapshot) recordCommit(perfNow() - renderStart.current, snapshot.changed);
  }, [snapshot]);
  const entries = snapshot?.entries;
  const views = useMemo(() => (entries ? ids.map((id) => entries[id]?.view).filter((v) => v !== undefined) : []), [entries, ids]);
  const summary = useMemo(() => summarize(views), [views]);

  const ordered = useMemo(
    () =>
      orderPeople({
        users: board.watchedUsers,
        sort: board.sort,
        entries: entries ?? {},
        nameOf: (id) => people.get(id)?.displayName,
        filterText,
        statusFilter,
      }),
    // peopleVersion: names arrive over time and change name sorting / text filtering.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [board.watchedUsers, board.sort, entries, filterText, statusFilter, peopleVersion],
  );

  const staleIds = useMemo(() => {
    const set = new Set<string>();
    for (const id of ids) if (isStale(snapshot, id, now, intervalMs)) set.add(id);
    return set;
  }, [ids, snapshot, now, intervalMs]);
  const allStale = ids.length > 0 && staleIds.size === ids.length;

  const banner = bannerFor({
    failure: poll.failure,
    failingSince: poll.failingSince,
    nextPollAt: poll.nextPollAt,
    signInNeeded,
    updatedAt: poll.updatedAt,
    // The render clock ticks once a second; the countdown must not read a second long right after a poll.
    now: Date.now(),
  });

  const onRemove = useCallback((id: string) => edit((b) => (s) => removeWatchedUser(s, b, id)), [edit]);
  const onMove = useCallback((id: string, to: number) => edit((b) => (s) => moveWatchedUser(s, b, id, to)), [edit]);
  const onAdd = (users: WatchedUser[]) => {
    if (isSaved) update((s) => addWatchedUsers(s, board.id, users));
    else onAddToShared(users);
  };

  return (
    <div className={`board-shell${wall ? " is-wall" : ""}`}>
      <BoardHeader
        board={board}
        boards={boards}
        summary={summary.text}
        outOfOffice={summary.outOfOfficeAny}
        outOfOfficeGroup={summary.counts.outOfOffice}
        updatedAt={poll.updatedAt}
        now={now}
        wall={wall}
        editing={editing}
        onToggleEditing={() => setEditing((e) => !e)}
        onToggleWall={() => wallMode.setWall(!wall)}
        theme={theme}
        onOpenDiagnostics={() => setDiagnosticsOpen(true)}
        isSaved={isSaved}
        myPresence={session.account ? entries?.[session.account.id]?.view ?? null : null}
      />
      <div className="banners" aria-live="polite">
        {banner ? (
          <div role={banner.tone === "error" ? "alert" : "status"} className={`banner banner-${banner.tone}${allStale ? " is-all-stale" : ""}`}>
            <span>{banner.text}</span>
            {banner.action === "signIn" ? (
              <button type="button" className="primary" onClick={session.signInAgain}>
                Sign in again
              </button>
            ) : null}
            {banner.action === "retry" && !wall ? (
              <button type="button" onClick={poll.refresh}>
                Retry now
              </button>
            ) : null}
          </div>
        ) : null}
        {shared ? (
          <div role="status" className="banner banner-info">
            <span>
              You opened a shared board{shared.problems.length ? ` (${shared.problems.join(" ")})` : ""}. It is not saved in your boards yet.
            </span>
            <button type="button" className="primary" onClick={shared.onSave}>
              Save to my boards
            </button>
            <button type="button" onClick={shared.onDismiss}>
              Back to my boards
            </button>
          </div>
        ) : null}
        {boards.problem && !wall ? (
          <div role="status" className="banner banner-warning">
            <span>{boards.problem.message}</span>
          </div>
        ) : null}
        {boards.saveError && !wall ? (
          <div role="alert" className="banner banner-error">
            <span>{boards.saveError}</span>
          </div>
        ) : null}
      </div>
      {editing && !wall ? (
        <BoardEditor
          board={board}
          boards={boards}
          isSaved={isSaved}
          onAdd={onAdd}
          onClose={() => setEditing(false)}
        />
      ) : null}
      {!wall ? (
        <div className="board-toolbar" role="search">
          <label>
            <span className="visually-hidden">Filter people</span>
            <input type="search" placeholder="Filter by name" value={filterText} onChange={(e) => setFilterText(e.target.value)} />
          </label>
          <label>
            <span className="toolbar-label">Status</span>
            <select value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as PresenceGroup | "all")}>
              <option value="all">Everyone</option>
              <option value="available">Available</option>
              <option value="busy">Busy</option>
              <option value="away">Away</option>
              <option value="outOfOffice">Out of office</option>
              <option value="offline">Offline</option>
              <option value="unknown">Unknown</option>
            </select>
          </label>
          <label>
            <span className="toolbar-label">Sort</span>
            <select value={board.sort} disabled={!isSaved} onChange={(e) => edit((b) => (s) => setSort(s, b, e.target.value as BoardSort))}>
              <option value="status">By status</option>
              <option value="name">By name</option>
              <option value="custom">My order</option>
            </select>
          </label>
          <span className="toolbar-count muted">
            {ordered.length === ids.length ? `${ids.length} people` : `${ordered.length} of ${ids.length} people`}
          </span>
        </div>
      ) : null}
      <BoardGrid
        ordered={ordered}
        board={board}
        entries={entries}
        staleIds={staleIds}
        editing={editing && isSaved && board.sort === "custom"}
        removable={editing && isSaved}
        wall={wall}
        onRemove={onRemove}
        onMove={onMove}
        people={people}
        emptyText={
          ids.length === 0
            ? "Nobody on this board yet. Choose “Edit board” to add people."
            : "Nobody matches the filter."
        }
      />
      {diagnosticsOpen ? <DiagnosticsPanel poll={poll} onClose={() => setDiagnosticsOpen(false)} watched={ids.length} /> : null}
    </div>
  );
}
