import { memo, useState, type HTMLAttributes } from "react";
import type { Person } from "../../graph/directory";
import type { PresenceEntry } from "../presenceSnapshot";
import { PresenceBadge } from "../../ui/PresenceBadge";
import { Avatar } from "../../ui/Avatar";
import { sanitizeInline } from "../../presence/safeText";
import { countTileRender } from "../../ui/renderStats";
import "./PersonTile.css";

export interface PersonTileProps {
  id: string;
  person: Person | undefined | null;
  /** Name remembered from the saved board, shown until the directory answers. */
  cachedName: string | undefined;
  entry: PresenceEntry | undefined;
  photoUrl: string | null | undefined;
  stale: boolean;
  editing: boolean;
  wall: boolean;
  index: number;
  count: number;
  onRemove?: (id: string) => void;
  onMove?: (id: string, toIndex: number) => void;
  /** Drag-to-reorder handlers, only while editing. */
  dragProps?: HTMLAttributes<HTMLLIElement>;
  dragging?: boolean;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" });

export function formatSince(since: number, now: number): string {
  return now - since < 20 * 60 * 60 * 1000 ? timeFormat.format(since) : dayFormat.format(since);
}

const LOCATION_TEXT = { office: "In the office", remote: "Remote", timeOff: "Time off" } as const;

/** One watched person. Memoised: it re-renders only when their presence entry, profile or photo changed. */
export const PersonTile = memo(function PersonTile(props: PersonTileProps) {
  const { id, person, cachedName, entry, photoUrl, stale, editing, wall, index, count, onRemove, onMove, dragProps, dragging } = props;
  const [expanded, setExpanded] = useState(false);
  countTileRender();
  const view = entry?.view;
  const name = sanitizeInline(person?.displayName ?? cachedName ?? (id.includes("@") || person === null ? id : "Loading…"), 256);
  const address = person?.userPrincipalName ?? person?.mail ?? (id.includes("@") ? id : null);
  // null: the directory answered and has no such person (left the company, or a typo in a share link).
  const label = view ? view.fullLabel : person === null ? "Not found in the directory" : "Checking presence…";
  const badge = view?.badge ?? "unknown";
  const ooo = view?.outOfOffice ?? false;
  const noteId = `ooo-${id}`;

  return (
    <li
      {...dragProps}
      className={`tile tone-${view?.group ?? "unknown"}${stale ? " is-stale" : ""}${dragging ? " is-dragging" : ""}`}
      data-person-id={id}
      data-state={view?.state ?? "pending"}
      aria-label={`${name}, ${label}${stale ? ", not updated recently" : ""}`}
    >
      <div className="tile-head">
        <div className="tile-avatar">
          <Avatar name={name} photoUrl={photoUrl ?? null} size={wall ? 72 : 56} />
          <span className="tile-badge">
            <PresenceBadge badge={badge} outOfOffice={ooo} size={wall ? 26 : 20} />
          </span>
        </div>
        <div className="tile-names">
          <p className="tile-name" dir="auto" title={name}>
            {name}
          </p>
          {person?.jobTitle ? (
            <p className="tile-title" dir="auto">
              {sanitizeInline(person.jobTitle, 120)}
            </p>
          ) : null}
        </div>
      </div>
      <p className="tile-status">
        <PresenceBadge badge={badge} outOfOffice={ooo} size="1em" className="tile-status-icon" />
        <span className="tile-label">{label}</span>
      </p>
      {(entry && view?.recognized !== false) || view?.workLocation ? (
        <p className="tile-meta">
          {entry && view?.recognized !== false ? <span className="tile-since">since {formatSince(entry.since, Date.now())}</span> : null}
          {view?.workLocation ? <span className="tile-location">{LOCATION_TEXT[view.workLocation]}</span> : null}
        </p>
      ) : null}
      {stale ? <p className="tile-stale">Not updated recently</p> : null}
      {view?.statusMessage ? (
        <p className="tile-message" dir="auto">
          <span className="visually-hidden">Status message: </span>
          {view.statusMessage}
        </p>
      ) : null}
      {view?.outOfOfficeMessage ? (
        <div className="tile-ooo">
          <p id={noteId} className={`tile-ooo-text${expanded ? " is-expanded" : ""}`} dir="auto">
            <span className="tile-ooo-heading">Out of office: </span>
            {view.outOfOfficeMessage}
          </p>
          {!wall && view.outOfOfficeMessage.length > 120 ? (
            <button type="button" className="link-button" aria-expanded={expanded} aria-controls={noteId} onClick={() => setExpanded(!expanded)}>
              {expanded ? "less" : "more"}
            </button>
          ) : null}
        </div>
      ) : null}
      {!wall ? (
        <div className="tile-actions">
          {address ? (
            <>
              <a
                className="tile-action"
                href={`https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(address)}`}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={`Chat with ${name} in Teams`}
              >
                Chat
              </a>
              <a
                className="tile-action"
                href={`https://teams.microsoft.com/l/call/0/0?users=${encodeURIComponent(address)}`}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={`Call ${name} in Teams`}
              >
                Call
              </a>
            </>
          ) : null}
          {editing && onMove ? (
            <>
              <button type="button" className="tile-action" disabled={index === 0} onClick={() => onMove(id, index - 1)} aria-label={`Move ${name} earlier`}>
                ←
              </button>
              <button type="button" className="tile-action" disabled={index === count - 1} onClick={() => onMove(id, index + 1)} aria-label={`Move ${name} later`}>
                →
              </button>
            </>
          ) : null}
          {editing && onRemove ? (
            <button type="button" className="tile-action danger" onClick={() => onRemove(id)} aria-label={`Remove ${name} from board`}>
              Remove
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
});
