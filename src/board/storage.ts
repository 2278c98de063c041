/**
 * Saved boards in localStorage. This is a PUBLIC CONTRACT: people's boards outlive app versions, so the format
 * is versioned, older versions are migrated, and nothing we cannot read is ever thrown away — the original text
 * is copied to a set-aside key first.
 *
 * Pure module: storage and the clock are passed in, so it runs the same in the browser and in tests.
 */

export interface WatchedUser {
  /** Graph object id (GUID), or a UPN not resolved yet. */
  id: string;
  /** Cached so a reload can show names before Graph answers. */
  displayName?: string;
}

export type BoardSort = "status" | "name" | "custom";

export interface SavedBoard {
  id: string;
  title: string;
  watchedUsers: WatchedUser[];
  sort: BoardSort;
  createdAt: string;
  updatedAt: string;
}

export const CURRENT_VERSION = 1;

export interface BoardsState {
  version: typeof CURRENT_VERSION;
  boards: SavedBoard[];
  activeBoardId: string | null;
}

export const STORAGE_KEY = "presence-board.boards";
export const SET_ASIDE_PREFIX = `${STORAGE_KEY}.set-aside.`;
export const MAX_ID_LENGTH = 256;
export const MAX_TITLE_LENGTH = 120;
export const MAX_NAME_LENGTH = 256;
export const MAX_WATCHED_USERS = 5000;
export const DEFAULT_TITLE = "Untitled board";
const SORTS: readonly BoardSort[] = ["status", "name", "custom"];

export type StorageLike = Pick<Storage, "getItem" | "setItem">;

export type StorageProblemKind = "corrupt" | "newer-version" | "partly-invalid" | "unavailable";

export interface StorageProblem {
  kind: StorageProblemKind;
  /** A sentence for the person at the screen. */
  message: string;
  /** Where the original text was copied, or null when nothing was (or could be) set aside. */
  setAsideKey: string | null;
}

export interface LoadResult {
  state: BoardsState;
  problem: StorageProblem | null;
  /**
   * True when saving would destroy data we could not read (a newer version's boards, or unreadable boards that
   * could not be set aside). saveBoards enforces this on its own; the flag lets the UI say so up front.
   */
  readOnly: boolean;
}

export type SaveResult = { ok: true } | { ok: false; message: string };

export const emptyState = (): BoardsState => ({ version: CURRENT_VERSION, boards: [], activeBoardId: null });

// ---------------------------------------------------------------------------------------------------------------
// Ids, titles, names

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Entra ID allows only these characters before the @ (guests look like alice_contoso.com#EXT#@tenant.onmicrosoft.com).
// Being strict keeps commas, spaces and '+' free to separate ids in a share link.
const UPN = /^[A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** A Graph object id (GUID) or a user principal name. */
export function isUserId(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && (GUID.test(value) || UPN.test(value));
}

/** Ids are compared case-insensitively: Graph treats GUIDs and UPNs that way. */
export const userKey = (id: string): string => id.toLowerCase();

/** Cut by code points, so an emoji is never split into a lone surrogate. */
function clip(text: string, max: number): { text: string; clipped: boolean } {
  if (text.length <= max) return { text, clipped: false };
  const points = Array.from(text);
  if (points.length <= max) return { text, clipped: false };
  return { text: points.slice(0, max).join("").trimEnd(), clipped: true };
}

/** One line, trimmed, at most MAX_TITLE_LENGTH characters. Empty means "no title". */
export function cleanTitle(raw: string): { title: string; clipped: boolean } {
  const { text, clipped } = clip(raw.replace(/\s+/g, " ").trim(), MAX_TITLE_LENGTH);
  return { title: text, clipped };
}

function cleanName(raw: string): { name: string; clipped: boolean } {
  const { text, clipped } = clip(raw.replace(/\s+/g, " ").trim(), MAX_NAME_LENGTH);
  return { name: text, clipped };
}

type CryptoLike = Partial<Pick<Crypto, "randomUUID" | "getRandomValues">>;

/** A v4 UUID. `randomUUID` exists only in secure contexts; a wall screen on plain http still has getRandomValues. */
export function newBoardId(crypto: CryptoLike | undefined = globalThis.crypto): string {
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof crypto?.getRandomValues === "function") crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Migrations

export interface MigrationContext {
  now: Date;
  newId: () => string;
}

type Stored = Record<string, unknown>;

/**
 * migrations[n] turns a version-n object into a version-(n+1) object. Steps only reshape; validation runs once,
 * on the result, so a step may pass odd values through. Version 2 = bump CURRENT_VERSION and add `1: (v1) => …`.
 */
export const migrations: Readonly<Record<number, (old: Stored, ctx: MigrationContext) => Stored>> = {
  // v0: the pre-release single board `{ users: string[], title }`, written without a version field.
  0: (old, { now, newId }) => {
    const id = newId();
    const at = now.toISOString();
    const users = Array.isArray(old.users) ? old.users.map((u: unknown) => (typeof u === "string" ? { id: u } : u)) : old.users;
    const board = { id, title: old.title ?? DEFAULT_TITLE, watchedUsers: users, sort: "custom", createdAt: at, updatedAt: at };
    return { version: 1, boards: [board], activeBoardId: id };
  },
};

/** Runs the steps from `fromVersion` up to CURRENT_VERSION; null when a step is missing. */
export function migrate(value: Stored, fromVersion: number, ctx: MigrationContext): Stored | null {
  let current = value;
  for (let version = fromVersion; version < CURRENT_VERSION; version++) {
    const step = migrations[version];
    if (!step) return null;
    current = step(current, ctx);
  }
  return current;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and validating

interface Tally {
  boardsDropped: number;
  usersDropped: number;
  /** Values replaced by a default or shortened (bad sort, missing id, over-long title, …). */
  fixed: number;
}

const isRecord = (v: unknown): v is Stored => typeof v === "object" && v !== null && !Array.isArray(v);

const isTimestamp = (v: unknown): v is string => typeof v === "string" && v.length <= 64 && !Number.isNaN(Date.parse(v));

function readUser(raw: unknown, tally: Tally): WatchedUser | null {
  if (!isRecord(raw) || typeof raw.id !== "string") return null;
  const id = raw.id.trim();
  if (!isUserId(id)) return null;
  if (raw.displayName === undefined) return { id };
  if (typeof raw.displayName !== "string") {
    tally.fixed++;
    return { id };
  }
  const { name, clipped } = cleanName(raw.displayName);
  if (clipped) tally.fixed++;
  return name ? { id, displayName: name } : { id };
}

/** Valid, deduplicated (first wins, order kept), capped. */
function readUsers(raw: unknown, tally: Tally): WatchedUser[] {
  if (!Array.isArray(raw)) {
    tally.fixed++;
    return [];
  }
  const users: WatchedUser[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    const user = readUser(entry, tally);
    if (!user || seen.has(userKey(user.id)) || users.length >= MAX_WATCHED_USERS) {
      tally.usersDropped++;
      continue;
    }
    seen.add(userKey(user.id));
    users.push(user);
  }
  return users;
}

function readBoard(raw: unknown, ctx: MigrationContext, tally: Tally): SavedBoard | null {
  if (!isRecord(raw)) return null;
  const fix = <T>(value: T): T => {
    tally.fixed++;
    return value;
  };
  const rawId = typeof raw.id === "string" ? raw.id.trim() : "";
  const id = rawId && rawId.length <= MAX_ID_LENGTH ? rawId : fix(ctx.newId());
  const cleaned = typeof raw.title === "string" ? cleanTitle(raw.title) : null;
  const title = cleaned?.title && !cleaned.clipped ? cleaned.title : fix(cleaned?.title || DEFAULT_TITLE);
  const sort = SORTS.includes(raw.sort as BoardSort) ? (raw.sort as BoardSort) : fix("custom");
  const at = ctx.now.toISOString();
  const createdAt = isTimestamp(raw.createdAt) ? raw.createdAt : fix(at);
  const updatedAt = isTimestamp(raw.updatedAt) ? raw.updatedAt : fix(at);
  return { id, title, watchedUsers: readUsers(raw.watchedUsers, tally), sort, createdAt, updatedAt };
}

/** Null when the object is not a boards state at all. */
function readState(value: Stored, ctx: MigrationContext, tally: Tally): BoardsState | null {
  if (value.version !== CURRENT_VERSION || !Array.isArray(value.boards)) return null;
  const boards: SavedBoard[] = [];
  const ids = new Set<string>();
  for (const entry of value.boards) {
    const board = readBoard(entry, ctx, tally);
    if (!board) {
      tally.boardsDropped++;
      continue;
    }
    if (ids.has(board.id)) {
      tally.fixed++;
      board.id = uniqueId(ids, ctx.newId);
    }
    ids.add(board.id);
    boards.push(board);
  }
  // A dangling active id is not worth a set-aside copy: nothing the person made is lost.
  const active = typeof value.activeBoardId === "string" && ids.has(value.activeBoardId) ? value.activeBoardId : null;
  return { version: CURRENT_VERSION, boards, activeBoardId: active };
}

function uniqueId(taken: ReadonlySet<string>, newId: () => string): string {
  let id = newId();
  while (taken.has(id)) id = newId();
  return id;
}

type Reading =
  | { kind: "clean"; state: BoardsState; migrated: boolean }
  | { kind: "partly-invalid"; state: BoardsState; tally: Tally }
  | { kind: "corrupt" }
  | { kind: "newer-version"; version: number };

function readStored(raw: string, ctx: MigrationContext): Reading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { kind: "corrupt" };
  }
  if (!isRecord(parsed)) return { kind: "corrupt" };
  const version = parsed.version === undefined && "users" in parsed ? 0 : parsed.version;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0) return { kind: "corrupt" };
  if (version > CURRENT_VERSION) return { kind: "newer-version", version };
  const migrated = migrate(parsed, version, ctx);
  const tally: Tally = { boardsDropped: 0, usersDropped: 0, fixed: 0 };
  const state = migrated && readState(migrated, ctx, tally);
  if (!state) return { kind: "corrupt" };
  const damaged = tally.boardsDropped + tally.usersDropped + tally.fixed > 0;
  return damaged ? { kind: "partly-invalid", state, tally } : { kind: "clean", state, migrated: version < CURRENT_VERSION };
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const KEPT_COPY = "A copy of the original was set aside.";
const NO_COPY = "There was no room to keep a copy, so the original was left in place and changes will not be saved.";

function partlyMessage(tally: Tally, setAside: boolean): string {
  const lost = [
    tally.boardsDropped ? count(tally.boardsDropped, "board", "boards") : "",
    tally.usersDropped ? count(tally.usersDropped, "person", "people") : "",
  ].filter(Boolean);
  const first = lost.length
    ? `Some of your saved boards could not be read completely: ${lost.join(" and ")} had to be skipped.`
    : "Some details of your saved boards were invalid and were reset.";
  return `${first} ${setAside ? KEPT_COPY : NO_COPY}`;
}

const MESSAGES = {
  corrupt: "Your saved boards could not be read; a copy was set aside and the app started clean.",
  corruptNoCopy: `Your saved boards could not be read. ${NO_COPY}`,
  newer:
    "Your saved boards were saved by a newer version of Presence Board, so this version cannot show them. " +
    "They were left untouched and changes made here will not be saved; reload the page to get the newer version.",
  unavailable: "Saved boards are not available because this browser is blocking storage; boards made now will not be kept.",
  saveNewer: "Not saved: your boards were saved by a newer version of Presence Board. Reload the page to get it.",
  saveUnreadable: "Not saved: the boards already saved could not be read or backed up, so they were left untouched.",
  saveFull: "Your boards could not be saved because the browser's storage is full.",
  saveUnavailable: "Your boards could not be saved because this browser is blocking storage.",
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Load and save

/** Copies the original text to a fresh set-aside key; never overwrites an earlier copy. Null when it failed. */
function setAside(storage: StorageLike, raw: string, now: Date): string | null {
  try {
    const base = SET_ASIDE_PREFIX + now.toISOString();
    for (let n = 1; n < 100; n++) {
      const key = n === 1 ? base : `${base}-${n}`;
      const existing = storage.getItem(key);
      if (existing === raw) return key;
      if (existing !== null) continue;
      storage.setItem(key, raw);
      return key;
    }
    return null;
  } catch {
    return null;
  }
}

function writeBack(storage: StorageLike, state: BoardsState): boolean {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the saved boards. Never throws and never loses data: whatever cannot be read is set aside first, and
 * the salvaged state is then written back so later saves start from readable data.
 */
export function loadBoards(storage: StorageLike, now: () => Date, newId: () => string = newBoardId): LoadResult {
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return { state: emptyState(), problem: { kind: "unavailable", message: MESSAGES.unavailable, setAsideKey: null }, readOnly: true };
  }
  if (raw === null) return { state: emptyState(), problem: null, readOnly: false };

  try {
    const at = now();
    const reading = readStored(raw, { now: at, newId });
    if (reading.kind === "clean") {
      // Write a migrated state back at once so ids made by the migration stay the same across reloads; keep the
      // original too, in case a migration step turns out to be wrong. Nothing was lost, so no problem to show.
      if (reading.migrated && setAside(storage, raw, at)) writeBack(storage, reading.state);
      return { state: reading.state, problem: null, readOnly: false };
    }
    if (reading.kind === "newer-version") {
      return { state: emptyState(), problem: { kind: "newer-version", message: MESSAGES.newer, setAsideKey: null }, readOnly: true };
    }

    const state = reading.kind === "corrupt" ? emptyState() : reading.state;
    const setAsideKey = setAside(storage, raw, at);
    // If this fails (full, blocked) the original stays in place and saveBoards refuses to overwrite it.
    const repaired = setAsideKey !== null && writeBack(storage, state);
    const message =
      reading.kind === "corrupt"
        ? setAsideKey ? MESSAGES.corrupt : MESSAGES.corruptNoCopy
        : partlyMessage(reading.tally, setAsideKey !== null);
    return { state, problem: { kind: reading.kind, message, setAsideKey }, readOnly: !repaired };
  } catch {
    // Belt and braces (e.g. a clock returning an invalid Date): start clean, touch nothing.
    return { state: emptyState(), problem: { kind: "corrupt", message: MESSAGES.corruptNoCopy, setAsideKey: null }, readOnly: true };
  }
}

function isQuotaError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014;
}

/**
 * Writes the state, unless what is stored now must not be overwritten: boards from a newer version (possibly
 * written by another tab after we loaded), or unreadable boards that could not be set aside. Checking the stored
 * text itself, rather than trusting a flag, makes the rule hold whatever the caller does.
 */
export function saveBoards(storage: StorageLike, state: BoardsState): SaveResult {
  let current: string | null;
  try {
    current = storage.getItem(STORAGE_KEY);
  } catch {
    return { ok: false, message: MESSAGES.saveUnavailable };
  }
  if (current !== null) {
    let n = 0;
    const kind = readStored(current, { now: new Date(0), newId: () => `check-${n++}` }).kind;
    if (kind === "newer-version") return { ok: false, message: MESSAGES.saveNewer };
    if (kind !== "clean") return { ok: false, message: MESSAGES.saveUnreadable };
  }
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
    return { ok: true };
  } catch (error) {
    return { ok: false, message: isQuotaError(error) ? MESSAGES.saveFull : MESSAGES.saveUnavailable };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pure updaters: each returns a new state, or the same object when nothing changed (cheap to compare in React).

/** Validates, dedupes (first wins, order kept) and caps users coming from the UI. */
function cleanUsers(users: readonly WatchedUser[], existing: readonly WatchedUser[] = []): WatchedUser[] {
  const seen = new Set(existing.map((u) => userKey(u.id)));
  const added: WatchedUser[] = [];
  for (const user of users) {
    const id = user.id.trim();
    if (existing.length + added.length >= MAX_WATCHED_USERS) break;
    if (!isUserId(id) || seen.has(userKey(id))) continue;
    seen.add(userKey(id));
    const name = user.displayName === undefined ? "" : cleanName(user.displayName).name;
    added.push(name ? { id, displayName: name } : { id });
  }
  return added;
}

function editBoard(
  state: BoardsState,
  boardId: string,
  now: Date,
  edit: (board: SavedBoard) => Partial<SavedBoard> | null,
): BoardsState {
  const index = state.boards.findIndex((b) => b.id === boardId);
  const board = state.boards[index];
  if (!board) return state;
  const patch = edit(board);
  if (!patch) return state;
  const boards = state.boards.slice();
  boards[index] = { ...board, ...patch, updatedAt: now.toISOString() };
  return { ...state, boards };
}

/** Adds a board and makes it the active one (creating a board is opening it). Read its id from activeBoardId. */
export function createBoard(
  state: BoardsState,
  title: string,
  users: readonly WatchedUser[],
  now: Date = new Date(),
  newId: () => string = newBoardId,
): BoardsState {
  const id = uniqueId(new Set(state.boards.map((b) => b.id)), newId);
  const at = now.toISOString();
  const board: SavedBoard = {
    id,
    title: cleanTitle(title).title || DEFAULT_TITLE,
    watchedUsers: cleanUsers(users),
    sort: "custom",
    createdAt: at,
    updatedAt: at,
  };
  return { ...state, boards: [...state.boards, board], activeBoardId: id };
}

/** A blank title is ignored (most likely a cleared text box), not turned into a placeholder. */
export function renameBoard(state: BoardsState, boardId: string, title: string, now: Date = new Date()): BoardsState {
  const next = cleanTitle(title).title;
  return editBoard(state, boardId, now, (b) => (next && next !== b.title ? { title: next } : null));
}

/** When the active board goes, the first remaining one becomes active. */
export function deleteBoard(state: BoardsState, boardId: string): BoardsState {
  const boards = state.boards.filter((b) => b.id !== boardId);
  if (boards.length === state.boards.length) return state;
  const activeBoardId = state.activeBoardId === boardId ? (boards[0]?.id ?? null) : state.activeBoardId;
  return { ...state, boards, activeBoardId };
}

export function setActiveBoard(state: BoardsState, boardId: string | null): BoardsState {
  if (state.activeBoardId === boardId) return state;
  if (boardId !== null && !state.boards.some((b) => b.id === boardId)) return state;
  return { ...state, activeBoardId: boardId };
}

/** Appends new users in the given order; ids already watched, invalid ids and anything past the cap are skipped. */
export function addWatchedUsers(
  state: BoardsState,
  boardId: string,
  users: readonly WatchedUser[],
  now: Date = new Date(),
): BoardsState {
  return editBoard(state, boardId, now, (b) => {
    const added = cleanUsers(users, b.watchedUsers);
    return added.length ? { watchedUsers: [...b.watchedUsers, ...added] } : null;
  });
}

export function removeWatchedUser(state: BoardsState, boardId: string, userId: string, now: Date = new Date()): BoardsState {
  const key = userKey(userId.trim());
  return editBoard(state, boardId, now, (b) => {
    const watchedUsers = b.watchedUsers.filter((u) => userKey(u.id) !== key);
    return watchedUsers.length === b.watchedUsers.length ? null : { watchedUsers };
  });
}

/**
 * Moves a user to `toIndex` (clamped). A hand-made order only shows in "custom" sort, so moving switches to it —
 * otherwise the drag would appear to do nothing.
 */
export function moveWatchedUser(
  state: BoardsState,
  boardId: string,
  userId: string,
  toIndex: number,
  now: Date = new Date(),
): BoardsState {
  const key = userKey(userId.trim());
  return editBoard(state, boardId, now, (b) => {
    const from = b.watchedUsers.findIndex((u) => userKey(u.id) === key);
    const user = b.watchedUsers[from];
    if (!user) return null;
    const last = b.watchedUsers.length - 1;
    const to = Number.isNaN(toIndex) ? from : Math.min(Math.max(Math.trunc(toIndex), 0), last);
    if (to === from) return b.sort === "custom" ? null : { sort: "custom" };
    const watchedUsers = b.watchedUsers.slice();
    watchedUsers.splice(from, 1);
    watchedUsers.splice(to, 0, user);
    return { watchedUsers, sort: "custom" };
  });
}

export function setSort(state: BoardsState, boardId: string, sort: BoardSort, now: Date = new Date()): BoardsState {
  if (!SORTS.includes(sort)) return state;
  return editBoard(state, boardId, now, (b) => (b.sort === sort ? null : { sort }));
}

/**
 * Refreshes cached display names (keys are watched ids, matched case-insensitively). Does not touch updatedAt:
 * a background refresh is not an edit by the person. Returns the same object when no name changed, so callers
 * can skip saving. Empty names are ignored rather than erasing a cached one.
 */
export function updateCachedNames(state: BoardsState, names: ReadonlyMap<string, string>): BoardsState {
  if (names.size === 0) return state;
  const byKey = new Map<string, string>();
  for (const [id, raw] of names) {
    const name = cleanName(raw).name;
    if (name) byKey.set(userKey(id), name);
  }
  let changed = false;
  const boards = state.boards.map((board) => {
    let boardChanged = false;
    const watchedUsers = board.watchedUsers.map((user) => {
      const name = byKey.get(userKey(user.id));
      if (name === undefined || name === user.displayName) return user;
      boardChanged = true;
      return { ...user, displayName: name };
    });
    if (!boardChanged) return board;
    changed = true;
    return { ...board, watchedUsers };
  });
  return changed ? { ...state, boards } : state;
}
