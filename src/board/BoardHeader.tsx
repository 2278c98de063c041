import { useState } from "react";
import { useSession } from "./session";
import { setActiveBoard, type SavedBoard } from "./storage";
import { formatShareLink } from "./shareLink";
import type { useBoards } from "./useBoards";
import type { ThemeChoice, useTheme } from "./viewPrefs";
import type { PresenceView } from "../presence/presenceView";
import { PresenceBadge } from "../ui/PresenceBadge";

interface Props {
  board: SavedBoard;
  boards: ReturnType<typeof useBoards>;
  summary: string;
  outOfOffice: number;
  /** People whose state is "Out of office" (counted in the summary). */
  outOfOfficeGroup: number;
  updatedAt: number;
  now: number;
  wall: boolean;
  editing: boolean;
  isSaved: boolean;
  onToggleEditing: () => void;
  onToggleWall: () => void;
  onOpenDiagnostics: () => void;
  theme: ReturnType<typeof useTheme>;
  myPresence: PresenceView | null;
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });

export function updatedAgo(updatedAt: number, now: number): string {
  if (!updatedAt) return "Not updated yet";
  const s = Math.max(0, Math.round((now - updatedAt) / 1000));
  if (s < 5) return "Updated just now";
  if (s < 90) return `Updated ${s} s ago`;
  if (s < 90 * 60) return `Updated ${Math.round(s / 60)} min ago`;
  return `Updated at ${clockFormat.format(updatedAt)}`;
}

export function BoardHeader(props: Props) {
  const { board, boards, summary, outOfOffice, outOfOfficeGroup, updatedAt, now, wall, editing, isSaved, theme } = props;
  // People at work (available, busy) with automatic replies on are not in the "out of office" count: say so apart.
  const outOfOfficeElsewhere = outOfOffice - outOfOfficeGroup;
  const session = useSession();
  const [copied, setCopied] = useState<string | null>(null);

  const copyLink = async () => {
    const link = formatShareLink(window.location.href, board);
    try {
      await navigator.clipboard.writeText(link);
      setCopied("Link copied");
    } catch {
      // Clipboard blocked (http, permissions): show the link so it can be copied by hand.
      window.prompt("Copy this link to share the board:", link);
      setCopied(null);
    }
    window.setTimeout(() => setCopied(null), 3000);
  };

  return (
    <header className="board-header">
      <div className="board-heading">
        <h1 className="board-title" dir="auto">
          {board.title}
          {session.mode === "demo" ? <span className="demo-tag">Demo</span> : null}
        </h1>
        <p className="board-summary">
          <span>
            <span className="summary-counts">{summary || "Waiting for presence…"}</span>
            {outOfOfficeElsewhere > 0 ? <span> · {outOfOfficeElsewhere} more at work with out of office on</span> : null}
          </span>
          <span className="board-updated" title={updatedAt ? new Date(updatedAt).toLocaleString() : undefined}>
            {updatedAgo(updatedAt, now)}
          </span>
        </p>
      </div>
      {wall ? (
        <div className="wall-clock" aria-label="Current time">
          <span className="wall-time">{clockFormat.format(now)}</span>
          <span className="wall-date">{dateFormat.format(now)}</span>
          <button type="button" className="wall-exit" onClick={props.onToggleWall}>
            Exit wall mode
          </button>
        </div>
      ) : (
        <nav className="board-actions" aria-label="Board actions">
          {boards.state.boards.length > 1 && isSaved ? (
            <label>
              <span className="visually-hidden">Switch board</span>
              <select value={board.id} onChange={(e) => boards.update((s) => setActiveBoard(s, e.target.value))}>
                {boards.state.boards.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.title}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="button" aria-pressed={editing} onClick={props.onToggleEditing}>
            {editing ? "Done editing" : "Edit board"}
          </button>
          <button type="button" onClick={() => void copyLink()}>
            Copy link
          </button>
          <span role="status" className="copied">
            {copied ?? ""}
          </span>
          <button type="button" onClick={props.onToggleWall}>
            Wall mode
          </button>
          <label>
            <span className="visually-hidden">Theme</span>
            <select value={theme.choice} onChange={(e) => theme.setChoice(e.target.value as ThemeChoice)}>
              <option value="system">System theme</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
              <option value="high-contrast">High contrast</option>
            </select>
          </label>
          <button type="button" onClick={props.onOpenDiagnostics}>
            Diagnostics
          </button>
          {session.account ? (
            <span className="account" title={session.account.username} data-testid="my-account">
              <PresenceBadge badge={props.myPresence?.badge ?? "unknown"} outOfOffice={props.myPresence?.outOfOffice ?? false} size={14} />
              <span className="account-name">{session.account.name}</span>
              <span className="account-presence">{props.myPresence?.fullLabel ?? "…"}</span>
            </span>
          ) : null}
          <button type="button" onClick={session.signOut}>
            {session.mode === "demo" ? "Leave demo" : "Sign out"}
          </button>
        </nav>
      )}
    </header>
  );
}
