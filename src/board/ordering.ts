import type { PresenceGroup } from "../presence/presenceView";
import type { PresenceEntry } from "./presenceSnapshot";
import type { BoardSort, WatchedUser } from "./storage";

export interface OrderInput {
  users: readonly WatchedUser[];
  sort: BoardSort;
  entries: Readonly<Record<string, PresenceEntry>>;
  nameOf: (id: string) => string | undefined;
  filterText: string;
  statusFilter: PresenceGroup | "all";
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** Filter by text and status, then sort by status (most reachable first, then name), name, or the board's order. */
export function orderPeople({ users, sort, entries, nameOf, filterText, statusFilter }: OrderInput): WatchedUser[] {
  const needle = filterText.trim().toLocaleLowerCase();
  const name = (u: WatchedUser) => nameOf(u.id) ?? u.displayName ?? u.id;
  let list = users.filter((u) => {
    if (statusFilter !== "all" && (entries[u.id]?.view.group ?? "unknown") !== statusFilter) return false;
    return !needle || name(u).toLocaleLowerCase().includes(needle) || u.id.toLowerCase().includes(needle);
  });
  if (sort === "name") {
    list = [...list].sort((a, b) => collator.compare(name(a), name(b)));
  } else if (sort === "status") {
    const rank = (u: WatchedUser) => entries[u.id]?.view.sortRank ?? Number.MAX_SAFE_INTEGER;
    list = [...list].sort((a, b) => rank(a) - rank(b) || collator.compare(name(a), name(b)));
  }
  return list;
}
