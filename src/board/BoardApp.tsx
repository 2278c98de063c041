import { useEffect, useMemo, useRef, useState } from "react";
import { useSession } from "./session";
import { useBoards } from "./useBoards";
import { createDirectoryStores, DirectoryContext } from "./directoryStores";
import { parseShareLink, matchSavedBoard } from "./shareLink";
import { createBoard, setActiveBoard, type SavedBoard, type WatchedUser } from "./storage";
import { getMyTeam } from "../graph/directory";
import { useTheme, useWallMode } from "./viewPrefs";
import { Board } from "./Board";
import { ErrorBoundary } from "../ui/ErrorBoundary";
import "./BoardApp.css";

/** A board opened from a share link that is not saved yet: shown, never written over a saved board silently. */
interface SharedPreview {
  board: SavedBoard;
  problems: string[];
}

function previewFromLink(search: string): SharedPreview | null {
  const link = parseShareLink(search);
  if (!link) return null;
  const at = new Date().toISOString();
  return {
    board: {
      id: "shared-link",
      title: link.title ?? "Shared board",
      watchedUsers: link.userIds.map((id) => ({ id })),
      sort: "custom",
      createdAt: at,
      updatedAt: at,
    },
    problems: link.problems,
  };
}

export function BoardApp() {
  const session = useSession();
  const boards = useBoards();
  const { state, update } = boards;
  const theme = useTheme();
  const wallMode = useWallMode();
  const stores = useMemo(() => createDirectoryStores(session.graph), [session.graph]);
  const [preview, setPreview] = useState<SharedPreview | null>(() => {
    const p = previewFromLink(window.location.search);
    if (!p) return null;
    // The same people are already a saved board: open that one instead of a duplicate.
    const saved = matchSavedBoard(state, { userIds: p.board.watchedUsers.map((u) => u.id) });
    return saved ? null : p;
  });

  // Opening a share link that matches a saved board switches to it.
  const handledLink = useRef(false);
  useEffect(() => {
    if (handledLink.current) return;
    handledLink.current = true;
    const link = parseShareLink(window.location.search);
    if (!link) return;
    const saved = matchSavedBoard(state, link);
    if (saved) update((s) => setActiveBoard(s, saved.id));
  }, [state, update]);

  // First run: start with "my team" so a team lead sees a board without setting anything up.
  const [starting, setStarting] = useState(false);
  const startedFirstRun = useRef(false);
  useEffect(() => {
    if (startedFirstRun.current || preview || state.boards.length > 0 || boards.readOnly) return;
    startedFirstRun.current = true;
    setStarting(true);
    getMyTeam(session.graph)
      .then((people) => {
        const users: WatchedUser[] = people.map((p) => ({ id: p.id, displayName: p.displayName }));
        update((s) => (s.boards.length ? s : createBoard(s, "My team", users)));
      })
      .catch(() => update((s) => (s.boards.length ? s : createBoard(s, "My team", []))))
      .finally(() => setStarting(false));
  }, [preview, state.boards.length, boards.readOnly, session.graph, update]);

  const active = preview?.board ?? state.boards.find((b) => b.id === state.activeBoardId) ?? state.boards[0] ?? null;

  const saveShared = () => {
    if (!preview) return;
    update((s) => createBoard(s, preview.board.title, preview.board.watchedUsers));
    setPreview(null);
    const url = new URL(window.location.href);
    url.searchParams.delete("users");
    url.searchParams.delete("title");
    window.history.replaceState(null, "", url);
  };
  const dismissShared = () => {
    setPreview(null);
    const url = new URL(window.location.href);
    url.searchParams.delete("users");
    url.searchParams.delete("title");
    window.history.replaceState(null, "", url);
  };

  return (
    <DirectoryContext.Provider value={stores}>
      <ErrorBoundary label="the board">
        {active ? (
          <Board
            key={active.id}
            board={active}
            boards={boards}
            shared={preview ? { problems: preview.problems, onSave: saveShared, onDismiss: dismissShared } : null}
            onAddToShared={(users) =>
              setPreview((p) => (p ? { ...p, board: { ...p.board, watchedUsers: addToList(p.board.watchedUsers, users) } } : p))
            }
            theme={theme}
            wallMode={wallMode}
          />
        ) : (
          <main className="board-empty">
            <p role="status">{starting ? "Setting up your first board…" : "No board yet."}</p>
            {!starting ? (
              <button type="button" className="primary" onClick={() => update((s) => createBoard(s, "My board", []))}>
                New board
              </button>
            ) : null}
          </main>
        )}
      </ErrorBoundary>
    </DirectoryContext.Provider>
  );
}

function addToList(list: WatchedUser[], users: WatchedUser[]): WatchedUser[] {
  const seen = new Set(list.map((u) => u.id.toLowerCase()));
  return [...list, ...users.filter((u) => !seen.has(u.id.toLowerCase()))];
}

