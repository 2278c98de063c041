/**
 * Share links: `/?users=<id>,<id>,…&title=<text>` opens that board. A PUBLIC CONTRACT — links live on in chats
 * and wiki pages, so the parser is lenient about how they were mangled on the way and strict about what it keeps.
 */
import { cleanTitle, isUserId, MAX_WATCHED_USERS, userKey, type BoardsState, type SavedBoard } from "./storage";

export interface ParsedShareLink {
  /** Valid ids (GUIDs or UPNs), trimmed, deduplicated case-insensitively, in link order, at most 5,000. */
  userIds: string[];
  title: string | null;
  /** Sentences for the person, e.g. "2 entries in the link were not user ids and were skipped." */
  problems: string[];
}

// '@' is legal in a query (RFC 3986 pchar), so leave it readable; '#' (guest UPNs) and the rest stay encoded.
const encodeId = (id: string): string => encodeURIComponent(id).replace(/%40/g, "@");

/**
 * An absolute link to the board. `baseUrl` must be absolute (e.g. location.href): its path is kept, so an app
 * served under a sub-path still works; its query and hash are dropped. Commas between ids are left unencoded so
 * the link stays readable.
 */
export function formatShareLink(baseUrl: string, board: { title: string; watchedUsers: readonly { id: string }[] }): string {
  const url = new URL(baseUrl);
  let query = `users=${board.watchedUsers.map((u) => encodeId(u.id)).join(",")}`;
  const title = cleanTitle(board.title).title;
  if (title) query += `&title=${encodeURIComponent(title)}`;
  return `${url.origin}${url.pathname}?${query}`;
}

// After decoding: commas, whitespace (a '+' decodes to a space), ';' (pasted from Outlook) and a literal '+'
// or "%2C" (double-encoded by some chat tools) all separate ids. None of them can occur in a GUID or UPN.
const SEPARATORS = /(?:[\s,;+]|%2C|%20)+/i;

const count = (n: number) => n.toLocaleString("en-US");

/** Null when the query has no `users` parameter (not a share link). Other parameters are ignored. */
export function parseShareLink(search: string): ParsedShareLink | null {
  const params = new URLSearchParams(search);
  const lists = params.getAll("users");
  if (lists.length === 0) return null;

  const problems: string[] = [];
  const userIds: string[] = [];
  const seen = new Set<string>();
  let invalid = 0;
  let overCap = 0;
  for (const entry of lists.flatMap((list) => list.split(SEPARATORS))) {
    const id = entry.trim();
    if (!id) continue;
    if (!isUserId(id)) {
      invalid++;
      continue;
    }
    if (seen.has(userKey(id))) continue; // a repeated person is harmless, not worth a message
    if (userIds.length >= MAX_WATCHED_USERS) {
      overCap++;
      continue;
    }
    seen.add(userKey(id));
    userIds.push(id);
  }
  if (invalid === 1) problems.push("1 entry in the link was not a user id and was skipped.");
  if (invalid > 1) problems.push(`${count(invalid)} entries in the link were not user ids and were skipped.`);
  if (overCap > 0) {
    problems.push(`The link lists more than ${count(MAX_WATCHED_USERS)} people; only the first ${count(MAX_WATCHED_USERS)} were opened.`);
  }

  const rawTitle = params.get("title");
  const cleaned = rawTitle === null ? null : cleanTitle(rawTitle);
  if (cleaned?.clipped) problems.push("The board title in the link was too long and was shortened.");

  return { userIds, title: cleaned?.title || null, problems };
}

/**
 * The saved board watching exactly the same people (order and case ignored), so opening a shared link can switch
 * to it instead of creating a duplicate. Prefers the active board, then the first in the list. Null for an empty
 * link: an empty saved board is not "the same board".
 */
export function matchSavedBoard(state: BoardsState, link: Pick<ParsedShareLink, "userIds">): SavedBoard | null {
  const wanted = new Set(link.userIds.map(userKey));
  if (wanted.size === 0) return null;
  const same = (board: SavedBoard) => {
    const ids = new Set(board.watchedUsers.map((u) => userKey(u.id)));
    return ids.size === wanted.size && [...ids].every((id) => wanted.has(id));
  };
  const active = state.boards.find((b) => b.id === state.activeBoardId);
  if (active && same(active)) return active;
  return state.boards.find(same) ?? null;
}
