import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type HTMLAttributes } from "react";
import type { Person } from "../graph/directory";
import type { EntityStore } from "./entityStore";
import type { PresenceEntry } from "./presenceSnapshot";
import type { SavedBoard, WatchedUser } from "./storage";
import { PersonTile } from "./tile/PersonTile";
import { ErrorBoundary } from "../ui/ErrorBoundary";
import { wallLayout } from "./wallLayout";
import { usePhotos } from "./directoryStores";

interface Props {
  ordered: WatchedUser[];
  board: SavedBoard;
  entries: Readonly<Record<string, PresenceEntry>> | undefined;
  staleIds: ReadonlySet<string>;
  /** Reordering allowed (custom sort, editing a saved board). */
  editing: boolean;
  removable: boolean;
  wall: boolean;
  onRemove: (id: string) => void;
  onMove: (id: string, toIndex: number) => void;
  people: EntityStore<Person>;
  emptyText: string;
}

/** Normal mode renders this many tiles, then "Show more": a 5,000-person board stays responsive. */
const PAGE = 300;
const WALL_PAGE_SECONDS = 20;

export function BoardGrid(props: Props) {
  const { ordered, entries, staleIds, editing, removable, wall, onRemove, onMove, people, emptyText, board } = props;
  const [limit, setLimit] = useState(PAGE);
  const [dragId, setDragId] = useState<string | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [page, setPage] = useState(0);

  useLayoutEffect(() => {
    if (!wall || !containerRef.current) return;
    const el = containerRef.current;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [wall]);

  // Scale so a 4K screen at 100% zoom reads like 1080p: everything is sized in "wall pixels".
  const scale = wall && size ? Math.max(1, Math.min(size.width / 1920, size.height / 1000)) : 1;
  const layout =
    wall && size
      ? wallLayout({ count: ordered.length, width: size.width / scale, height: size.height / scale, gap: 12, minTileHeight: 96, aspect: 2 })
      : null;
  const pages = layout?.pages ?? 1;

  useEffect(() => {
    if (pages <= 1) return;
    const t = setInterval(() => setPage((p) => (p + 1) % pages), WALL_PAGE_SECONDS * 1000);
    return () => clearInterval(t);
  }, [pages]);
  const currentPage = page % pages;

  const shown = layout
    ? ordered.slice(currentPage * layout.perPage, (currentPage + 1) * layout.perPage)
    : ordered.slice(0, limit);

  // Photos only for the tiles on screen: a 5,000-person board must not ask for 5,000 photos.
  const photos = usePhotos(useMemo(() => shown.map((u) => u.id), [shown]));
  const indexOf = new Map(board.watchedUsers.map((u, i) => [u.id, i] as const));
  const style: CSSProperties | undefined = layout
    ? ({
        gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
        "--wall-scale": scale,
        "--tile-h": `${layout.tileHeight}px`,
        fontSize: `${Math.max(14, Math.min(28, layout.tileHeight / 5.2)) * scale}px`,
      } as CSSProperties)
    : undefined;

  return (
    <main className="board-main" ref={containerRef}>
      {ordered.length === 0 ? (
        <p className="board-empty-text">{emptyText}</p>
      ) : (
        <ul className={`tiles${wall ? " is-wall" : ""}`} style={style} aria-label={`${board.title}: people`}>
          {shown.map((user) => {
            const index = indexOf.get(user.id) ?? 0;
            return (
              <ErrorBoundary key={user.id} label="this person" compact>
                  <PersonTile
                    id={user.id}
                    person={people.get(user.id)}
                    cachedName={user.displayName}
                    entry={entries?.[user.id]}
                    photoUrl={photos.get(user.id)}
                    stale={staleIds.has(user.id)}
                    editing={editing}
                    wall={wall}
                    index={index}
                    count={board.watchedUsers.length}
                    {...(removable ? { onRemove } : {})}
                    {...(editing ? { onMove } : {})}
                    dragging={dragId === user.id}
                    {...(editing
                      ? { dragProps: dragProps(user.id, setDragId, (from) => from !== user.id && onMove(from, index)) }
                      : {})}
                  />
              </ErrorBoundary>
            );
          })}
        </ul>
      )}
      {!wall && ordered.length > limit ? (
        <p className="show-more">
          <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
            Show {Math.min(PAGE, ordered.length - limit)} more of {ordered.length - limit}
          </button>
        </p>
      ) : null}
      {wall && pages > 1 ? (
        <p className="wall-page" aria-live="off">
          Page {currentPage + 1} of {pages}
        </p>
      ) : null}
    </main>
  );
}

/** Drag to reorder (mouse); the tile's ← → buttons do the same by keyboard. */
function dragProps(
  id: string,
  setDragId: (id: string | null) => void,
  onDrop: (fromId: string) => void,
): HTMLAttributes<HTMLLIElement> {
  return {
    draggable: true,
    onDragStart: (e) => {
      e.dataTransfer.setData("text/plain", id);
      e.dataTransfer.effectAllowed = "move";
      setDragId(id);
    },
    onDragEnd: () => setDragId(null),
    onDragOver: (e) => e.preventDefault(),
    onDrop: (e) => {
      e.preventDefault();
      const from = e.dataTransfer.getData("text/plain");
      if (from) onDrop(from);
      setDragId(null);
    },
  };
}
