import { useMemo, useState } from "react";
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

/** Build the board: people search, group import (asks for group permission only now), "my team", board management. */
export function BoardEditor({ board, boards, isSaved, onAdd, onClose }: Props) {
  const session = useSession();
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [title, setTitle] = useState(board.title);
  const chosen = useMemo(() => new Set(board.watchedUsers.map((u) => u.id.toLowerCase())), [board.watchedUsers]);

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

  const importGroup = (group: GroupSummary) =>
    void run(`Importing ${group.displayName}`, async () => {
      const graph = await session.graphWithScopes(GROUP_IMPORT_SCOPES);
      if (!graph) return null;
      return asWatched(await getGroupMembers(graph, group.id));
    });

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
          search={(q, signal) => searchGroups(session.graph, q, signal)}
          describe={(g) => ({ id: g.id, primary: g.displayName, secondary: g.description ?? g.mail })}
          onPick={importGroup}
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
