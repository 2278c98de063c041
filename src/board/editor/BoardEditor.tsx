import { useEffect, useMemo, useRef, useState } from "react";
import { useSession } from "../session";
import { getGroupMembers, getMyTeam, searchGroups, searchPeople, type GroupSummary, type Person } from "../../graph/directory";
import { GROUP_IMPORT_SCOPES } from "../../auth/scopes";
import { createBoard, deleteBoard, renameBoard, type SavedBoard, type WatchedUser } from "../storage";
import type { useBoards } from "../useBoards";
import { describePerson, Picker } from "./PeoplePicker";
import "./BoardEditor.css";

interface Props {
  board: SavedBoard;
  boards: ReturnType<typeof useBoards>;
  isSaved: boolean;
  onAdd: (users: WatchedUser[]) => void;
  onClose: () => void;
}

const asWatched = (people: Person[]): WatchedUser[] => people.map((p) => ({ id: p.id, displayName: p.displayName }));

/**
 * Group search and import need GroupMember.Read.All, asked by incremental consent: the page may leave for the
 * identity provider and come back. What the person was doing (the search typed, or the group picked) is kept in
 * sessionStorage meanwhile, so after the return the search is shown again, or the import finishes by itself.
 */
const PENDING_GROUP_KEY = "presence-board.pending-group-import";

interface PendingGroupImport {
  boardId: string;
  query?: string;
  group?: GroupSummary;
}

function readPending(): PendingGroupImport | null {
  try {
    const raw = window.sessionStorage.getItem(PENDING_GROUP_KEY);
    const value = raw ? (JSON.parse(raw) as unknown) : null;
    if (!value || typeof value !== "object" || typeof (value as PendingGroupImport).boardId !== "string") return null;
    const { boardId, query, group } = value as PendingGroupImport;
    const validGroup = group && typeof group.id === "string" && typeof group.displayName === "string" ? group : undefined;
    return { boardId, ...(typeof query === "string" ? { query } : {}), ...(validGroup ? { group: validGroup } : {}) };
  } catch {
    return null;
  }
}

function writePending(pending: PendingGroupImport | null): void {
  try {
    if (pending) window.sessionStorage.setItem(PENDING_GROUP_KEY, JSON.stringify(pending));
    else window.sessionStorage.removeItem(PENDING_GROUP_KEY);
  } catch {
    // Storage blocked: the person repeats the step after consenting.
  }
}

/** A group search or import for this board was interrupted by a consent redirect (open the editor to finish it). */
export function hasPendingGroupImport(boardId: string): boolean {
  return readPending()?.boardId === boardId;
}

/** Never settles: the page is leaving for the identity provider. */
const leaving = <T,>() => new Promise<T>(() => {});

/** Build the board: people search, group import (asks for group permission only now), "my team", board management. */
export function BoardEditor({ board, boards, isSaved, onAdd, onClose }: Props) {
  const session = useSession();
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [title, setTitle] = useState(board.title);
  const chosen = useMemo(() => new Set(board.watchedUsers.map((u) => u.id.toLowerCase())), [board.watchedUsers]);
  // Read once: what was interrupted by a consent redirect for this board.
  const [resumed] = useState(() => {
    const pending = readPending();
    return pending?.boardId === board.id ? pending : null;
  });

  const run = async (what: string, task: () => Promise<WatchedUser[] | null>) => {
    setBusy(true);
    setNote(`${what}…`);
    try {
      const users = await task();
      if (users === null) return; // redirected for consent
      const fresh = users.filter((u) => !chosen.has(u.id.toLowerCase()));
      onAdd(users);
      setNote(users.length === 0 ? `${what}: nobody found.` : `${what}: added ${fresh.length} ${fresh.length === 1 ? "person" : "people"}${fresh.length < users.length ? ` (${users.length - fresh.length} already on the board)` : ""}.`);
    } catch (error) {
      setNote(`${what} failed: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  /** The Graph client allowed to read groups; remembers `pending` in case consent needs a redirect. Null: leaving. */
  const groupGraph = async (pending: PendingGroupImport) => {
    writePending(pending);
    const graph = await session.graphWithScopes(GROUP_IMPORT_SCOPES);
    if (graph) writePending(null);
    return graph;
  };

  const importGroup = (group: GroupSummary) =>
    void run(`Importing ${group.displayName}`, async () => {
      const graph = await groupGraph({ boardId: board.id, group: { id: group.id, displayName: group.displayName, description: null, mail: null } });
      if (!graph) return null;
      return asWatched(await getGroupMembers(graph, group.id));
    });

  const searchGroupsWithConsent = async (query: string, signal: AbortSignal) => {
    const graph = await groupGraph({ boardId: board.id, query });
    if (!graph) return leaving<GroupSummary[]>();
    return searchGroups(graph, query, signal);
  };

  // Restore it once only: a refused consent must not bring the same search back every time the editor opens.
  useEffect(() => {
    if (resumed) writePending(null);
  }, [resumed]);

  // Back from the consent redirect with a group already picked: finish the import without asking again.
  const resumedImport = useRef(false);
  useEffect(() => {
    if (resumedImport.current || !resumed?.group) return;
    resumedImport.current = true;
    importGroup(resumed.group);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resumed]);

  return (
    <section className="editor" aria-labelledby="editor-title">
      <div className="editor-head">
        <h2 id="editor-title">Edit board</h2>
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
      <div className="editor-grid">
        <Picker<Person>
          label="Add people"
          placeholder="Search by name or email"
          queryKey="people"
          search={(q, signal) => searchPeople(session.graph, q, signal)}
          describe={describePerson}
          onPick={(p) => {
            onAdd(asWatched([p]));
            setNote(chosen.has(p.id.toLowerCase()) ? `${p.displayName} is already on the board.` : `Added ${p.displayName}.`);
          }}
          chosen={chosen}
        />
        <Picker<GroupSummary>
          label="Import a group or team"
          placeholder="Search groups and teams"
          queryKey="groups"
          search={searchGroupsWithConsent}
          describe={(g) => ({ id: g.id, primary: g.displayName, secondary: g.description ?? g.mail })}
          onPick={importGroup}
          hint="Members of nested groups are included. The first search asks for permission to read group members."
          {...(resumed?.query ? { initialText: resumed.query } : {})}
        />
        <div className="editor-block">
          <span className="picker-label">Quick add</span>
          <button type="button" disabled={busy} onClick={() => void run("Adding my team", async () => asWatched(await getMyTeam(session.graph)))}>
            Add my team
          </button>
          <p className="muted small">Your manager, your peers and your direct reports.</p>
        </div>
        {isSaved ? (
          <div className="editor-block">
            <label className="picker-label" htmlFor="board-title-input">
              Board name
            </label>
            <div className="row">
              <input
                id="board-title-input"
                value={title}
                maxLength={120}
                onChange={(e) => setTitle(e.target.value)}
                onKeyDown={(e) => e.key === "Enter" && boards.update((s) => renameBoard(s, board.id, title))}
              />
              <button type="button" onClick={() => boards.update((s) => renameBoard(s, board.id, title))}>
                Rename
              </button>
            </div>
            <div className="row">
              <button type="button" onClick={() => boards.update((s) => createBoard(s, "New board", []))}>
                New board
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(`Delete the board “${board.title}”? People are not affected.`)) boards.update((s) => deleteBoard(s, board.id));
                }}
              >
                Delete board
              </button>
            </div>
          </div>
        ) : null}
      </div>
      <p role="status" className="editor-note">
        {note ?? ""}
      </p>
    </section>
  );
}
