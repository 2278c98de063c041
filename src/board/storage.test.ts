import { describe, it, expect } from "vitest";
import {
  addWatchedUsers,
  createBoard,
  CURRENT_VERSION,
  DEFAULT_TITLE,
  deleteBoard,
  emptyState,
  isUserId,
  loadBoards,
  MAX_WATCHED_USERS,
  migrate,
  migrations,
  moveWatchedUser,
  newBoardId,
  removeWatchedUser,
  renameBoard,
  saveBoards,
  SET_ASIDE_PREFIX,
  setActiveBoard,
  setSort,
  STORAGE_KEY,
  updateCachedNames,
  type BoardsState,
  type SavedBoard,
  type StorageLike,
} from "./storage";

/** In-memory Storage with switchable failures; never touches a global. */
class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  failGet: (key: string) => boolean = () => false;
  failSet: (key: string) => Error | null = () => null;
  getItem(key: string): string | null {
    if (this.failGet(key)) throw new DOMException("The operation is insecure.", "SecurityError");
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    const error = this.failSet(key);
    if (error) throw error;
    this.data.set(key, String(value));
  }
  setAsideKeys(): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(SET_ASIDE_PREFIX));
  }
}

const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

const NOW = new Date("2024-05-06T07:08:09.010Z");
const LATER = new Date("2024-06-01T00:00:00.000Z");
const clock = () => NOW;
const GUID_A = "0b8b8b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const GUID_B = "1b8b8b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const GUID_C = "2b8b8b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

let seq = 0;
const ids = () => `board-${++seq}`;

const board = (over: Partial<SavedBoard> = {}): SavedBoard => ({
  id: "b1",
  title: "Support desk",
  watchedUsers: [{ id: GUID_A, displayName: "Ada" }, { id: "grace@contoso.com" }],
  sort: "status",
  createdAt: "2024-01-01T00:00:00.000Z",
  updatedAt: "2024-01-02T00:00:00.000Z",
  ...over,
});

const v1 = (boards: unknown[], activeBoardId: unknown = null) => ({ version: 1, boards, activeBoardId });

function stored(value: unknown): MemoryStorage {
  const storage = new MemoryStorage();
  storage.data.set(STORAGE_KEY, typeof value === "string" ? value : JSON.stringify(value));
  return storage;
}

describe("isUserId", () => {
  it("accepts GUIDs and UPNs, including guest UPNs", () => {
    expect(isUserId(GUID_A)).toBe(true);
    expect(isUserId(GUID_A.toUpperCase())).toBe(true);
    expect(isUserId("ada.lovelace@contoso.com")).toBe(true);
    expect(isUserId("o'brien@contoso.co.uk")).toBe(true);
    expect(isUserId("alice_fabrikam.com#EXT#@contoso.onmicrosoft.com")).toBe(true);
  });

  it("rejects everything else", () => {
    for (const bad of ["", "ada", "ada@", "@contoso.com", "ada@contoso", "a b@contoso.com", "a,b@contoso.com", "a+b@contoso.com", "not-a-guid-0000", `${"a".repeat(250)}@contoso.com`]) {
      expect(isUserId(bad), bad).toBe(false);
    }
  });
});

describe("newBoardId", () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("uses randomUUID when available", () => {
    expect(newBoardId({ randomUUID: () => "11111111-1111-4111-8111-111111111111" })).toBe("11111111-1111-4111-8111-111111111111");
    expect(newBoardId()).toMatch(V4);
  });

  it("falls back to getRandomValues (insecure context), then Math.random", () => {
    const fill = <T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array) array.fill(0xff);
      return array;
    };
    expect(newBoardId({ getRandomValues: fill })).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect(newBoardId(undefined)).toMatch(V4);
    expect(newBoardId({})).toMatch(V4);
  });
});

describe("loadBoards", () => {
  it("starts empty, without a problem, when nothing is saved", () => {
    const storage = new MemoryStorage();
    expect(loadBoards(storage, clock)).toEqual({ state: emptyState(), problem: null, readOnly: false });
    expect(storage.data.size).toBe(0);
  });

  it("reads a valid state as is and writes nothing", () => {
    const state = v1([board(), board({ id: "b2", sort: "name", watchedUsers: [] })], "b2");
    const storage = stored(state);
    const result = loadBoards(storage, clock);
    expect(result).toEqual({ state, problem: null, readOnly: false });
    expect(storage.setAsideKeys()).toEqual([]);
  });

  it.each([
    ["garbage text", "{not json"],
    ["empty text", ""],
    ["null", "null"],
    ["an array", "[1,2,3]"],
    ["a number", "42"],
    ["a string", '"boards"'],
    ["an object without version", '{"boards":[]}'],
    ["a non-integer version", '{"version":1.5,"boards":[]}'],
    ["a negative version", '{"version":-1,"boards":[]}'],
    ["a string version", '{"version":"1","boards":[]}'],
    ["boards that are not a list", '{"version":1,"boards":{}}'],
  ])("sets %s aside and starts clean", (_, raw) => {
    const storage = stored(raw);
    const result = loadBoards(storage, clock);
    const key = `${SET_ASIDE_PREFIX}2024-05-06T07:08:09.010Z`;
    expect(result.state).toEqual(emptyState());
    expect(result.problem).toEqual({
      kind: "corrupt",
      message: "Your saved boards could not be read; a copy was set aside and the app started clean.",
      setAsideKey: key,
    });
    expect(result.readOnly).toBe(false);
    expect(storage.data.get(key)).toBe(raw);
    // The clean state is written back, so the next save is allowed.
    expect(JSON.parse(storage.data.get(STORAGE_KEY) ?? "")).toEqual(emptyState());
    expect(saveBoards(storage, result.state)).toEqual({ ok: true });
    expect(storage.data.get(key)).toBe(raw);
  });

  it("never overwrites an earlier set-aside copy", () => {
    const storage = stored("first garbage");
    loadBoards(storage, clock);
    storage.data.set(STORAGE_KEY, "second garbage");
    const second = loadBoards(storage, clock);
    expect(second.problem?.setAsideKey).toBe(`${SET_ASIDE_PREFIX}2024-05-06T07:08:09.010Z-2`);
    expect(storage.setAsideKeys().map((k) => storage.data.get(k))).toEqual(["first garbage", "second garbage"]);
  });

  it("reuses an identical set-aside copy instead of duplicating it", () => {
    const storage = stored("garbage");
    storage.data.set(`${SET_ASIDE_PREFIX}2024-05-06T07:08:09.010Z`, "garbage");
    expect(loadBoards(storage, clock).problem?.setAsideKey).toBe(`${SET_ASIDE_PREFIX}2024-05-06T07:08:09.010Z`);
    expect(storage.setAsideKeys()).toHaveLength(1);
  });

  it("keeps the good users of a board with one bad user, and sets the original aside", () => {
    const raw = JSON.stringify(
      v1([board({ watchedUsers: [{ id: GUID_A }, { id: "not an id" }, { id: GUID_B, displayName: "Bo" }] as SavedBoard["watchedUsers"] })], "b1"),
    );
    const storage = stored(raw);
    const result = loadBoards(storage, clock);
    expect(result.state.boards[0]?.watchedUsers).toEqual([{ id: GUID_A }, { id: GUID_B, displayName: "Bo" }]);
    expect(result.state.activeBoardId).toBe("b1");
    expect(result.problem?.kind).toBe("partly-invalid");
    expect(result.problem?.message).toBe(
      "Some of your saved boards could not be read completely: 1 person had to be skipped. A copy of the original was set aside.",
    );
    expect(storage.data.get(result.problem?.setAsideKey ?? "")).toBe(raw);
    expect(result.readOnly).toBe(false);
    expect(loadBoards(storage, clock)).toEqual({ state: result.state, problem: null, readOnly: false });
  });

  it("salvages every kind of bad entry, board by board and user by user", () => {
    const long = "x".repeat(130);
    const raw = v1(
      [
        null,
        42,
        "board",
        [],
        {
          id: "b1",
          title: `  ${long}  `,
          watchedUsers: [
            { id: ` ${GUID_A} `, displayName: "  Ada   Lovelace " },
            { id: GUID_A.toUpperCase(), displayName: "Duplicate" },
            { id: GUID_B, displayName: 7 },
            { id: GUID_C, displayName: "   " },
            { id: 12 },
            "grace@contoso.com",
            null,
            { id: "x".repeat(300) },
          ],
          sort: "alphabetical",
          createdAt: "yesterday",
          updatedAt: 5,
        },
        { id: "", title: "", watchedUsers: "everyone" },
        { id: "b1", title: 3, watchedUsers: [], sort: "name", createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-01T00:00:00Z" },
        { id: "y".repeat(257), title: "Fine", watchedUsers: [], sort: "custom", createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-01T00:00:00Z" },
      ],
      "missing",
    );
    const storage = stored(raw);
    seq = 0;
    const { state, problem } = loadBoards(storage, clock, ids);
    expect(state.boards).toEqual([
      {
        id: "b1",
        title: "x".repeat(120),
        watchedUsers: [{ id: GUID_A, displayName: "Ada Lovelace" }, { id: GUID_B }, { id: GUID_C }],
        sort: "custom",
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
      { id: "board-1", title: DEFAULT_TITLE, watchedUsers: [], sort: "custom", createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() },
      { id: "board-2", title: DEFAULT_TITLE, watchedUsers: [], sort: "name", createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-01T00:00:00Z" },
      { id: "board-3", title: "Fine", watchedUsers: [], sort: "custom", createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-01T00:00:00Z" },
    ]);
    expect(state.activeBoardId).toBeNull();
    expect(problem?.message).toBe(
      "Some of your saved boards could not be read completely: 4 boards and 5 people had to be skipped. A copy of the original was set aside.",
    );
    expect(storage.data.get(problem?.setAsideKey ?? "")).toBe(JSON.stringify(raw));
  });

  it("reports fixes that dropped nothing with their own message", () => {
    const { problem } = loadBoards(stored(v1([board({ sort: "random" as never })])), clock);
    expect(problem?.kind).toBe("partly-invalid");
    expect(problem?.message).toBe("Some details of your saved boards were invalid and were reset. A copy of the original was set aside.");
  });

  it("treats whitespace-only differences as clean", () => {
    const storage = stored(v1([board({ title: "  Support   desk " })]));
    const result = loadBoards(storage, clock);
    expect(result.problem).toBeNull();
    expect(result.state.boards[0]?.title).toBe("Support desk");
  });

  it("clips over-long cached names, and counts characters, not UTF-16 units", () => {
    const emoji = "😀".repeat(100); // 200 UTF-16 units, 100 characters: fits
    const raw = v1([board({ title: emoji, watchedUsers: [{ id: GUID_A, displayName: "n".repeat(300) }] })]);
    const { state, problem } = loadBoards(stored(raw), clock);
    expect(state.boards[0]?.title).toBe(emoji);
    expect(state.boards[0]?.watchedUsers[0]?.displayName).toBe("n".repeat(256));
    expect(problem?.message).toBe("Some details of your saved boards were invalid and were reset. A copy of the original was set aside.");
  });

  it("gives up setting aside rather than overwrite 99 earlier copies", () => {
    const storage = stored("garbage");
    const base = `${SET_ASIDE_PREFIX}2024-05-06T07:08:09.010Z`;
    for (let n = 1; n < 100; n++) storage.data.set(n === 1 ? base : `${base}-${n}`, `copy ${n}`);
    const result = loadBoards(storage, clock);
    expect(result.problem?.setAsideKey).toBeNull();
    expect(result.readOnly).toBe(true);
    expect(storage.data.get(base)).toBe("copy 1");
  });

  it("caps a board at 5,000 users", () => {
    const many = Array.from({ length: MAX_WATCHED_USERS + 2 }, (_, i) => ({ id: `user${i}@contoso.com` }));
    const { state, problem } = loadBoards(stored(v1([board({ watchedUsers: many })])), clock);
    expect(state.boards[0]?.watchedUsers).toHaveLength(MAX_WATCHED_USERS);
    expect(state.boards[0]?.watchedUsers.at(-1)?.id).toBe(`user${MAX_WATCHED_USERS - 1}@contoso.com`);
    expect(problem?.message).toContain("2 people had to be skipped");
  });

  it("leaves boards from a newer version untouched and refuses to save over them", () => {
    const raw = JSON.stringify({ version: 99, boards: [{ everything: "different" }] });
    const storage = stored(raw);
    const result = loadBoards(storage, clock);
    expect(result.state).toEqual(emptyState());
    expect(result.readOnly).toBe(true);
    expect(result.problem?.kind).toBe("newer-version");
    expect(result.problem?.setAsideKey).toBeNull();
    expect(result.problem?.message).toContain("saved by a newer version");
    expect(saveBoards(storage, createBoard(result.state, "Mine", []))).toEqual({
      ok: false,
      message: "Not saved: your boards were saved by a newer version of Presence Board. Reload the page to get it.",
    });
    expect(storage.data.get(STORAGE_KEY)).toBe(raw);
    expect(storage.data.size).toBe(1);
  });

  it("never throws when reading storage throws (disabled, SecurityError)", () => {
    const storage = new MemoryStorage();
    storage.failGet = () => true;
    const result = loadBoards(storage, clock);
    expect(result.state).toEqual(emptyState());
    expect(result.readOnly).toBe(true);
    expect(result.problem).toEqual({
      kind: "unavailable",
      message: "Saved boards are not available because this browser is blocking storage; boards made now will not be kept.",
      setAsideKey: null,
    });
  });

  it("leaves unreadable boards in place when no copy can be set aside (quota)", () => {
    const storage = stored("garbage");
    storage.failSet = () => quota();
    const result = loadBoards(storage, clock);
    expect(result.readOnly).toBe(true);
    expect(result.problem).toEqual({
      kind: "corrupt",
      message:
        "Your saved boards could not be read. There was no room to keep a copy, so the original was left in place and changes will not be saved.",
      setAsideKey: null,
    });
    storage.failSet = () => null;
    expect(saveBoards(storage, emptyState())).toEqual({
      ok: false,
      message: "Not saved: the boards already saved could not be read or backed up, so they were left untouched.",
    });
    expect(storage.data.get(STORAGE_KEY)).toBe("garbage");
  });

  it("says so when part of the boards could not be set aside", () => {
    const storage = stored(v1([board({ watchedUsers: [{ id: "bad" }] })]));
    storage.failSet = (key) => (key.startsWith(SET_ASIDE_PREFIX) ? quota() : null);
    const result = loadBoards(storage, clock);
    expect(result.problem?.setAsideKey).toBeNull();
    expect(result.problem?.message).toContain("There was no room to keep a copy");
    expect(result.readOnly).toBe(true);
  });

  it("is read-only when the copy was set aside but the repaired state could not be written", () => {
    const storage = stored("garbage");
    storage.failSet = (key) => (key === STORAGE_KEY ? quota() : null);
    const result = loadBoards(storage, clock);
    expect(result.problem?.setAsideKey).not.toBeNull();
    expect(result.readOnly).toBe(true);
    expect(storage.data.get(STORAGE_KEY)).toBe("garbage");
  });

  it("never throws, even with a broken clock", () => {
    const result = loadBoards(stored("garbage"), () => new Date(Number.NaN));
    expect(result.state).toEqual(emptyState());
    expect(result.readOnly).toBe(true);
    expect(result.problem?.kind).toBe("corrupt");
  });
});

describe("migration", () => {
  it("migrates the pre-release v0 single board to v1, without a problem", () => {
    const storage = stored({ users: [GUID_A, "grace@contoso.com"], title: "Team" });
    const { state, problem } = loadBoards(storage, clock, () => "migrated");
    expect(problem).toBeNull();
    expect(state).toEqual({
      version: CURRENT_VERSION,
      boards: [
        {
          id: "migrated",
          title: "Team",
          watchedUsers: [{ id: GUID_A }, { id: "grace@contoso.com" }],
          sort: "custom",
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
        },
      ],
      activeBoardId: "migrated",
    });
    // Written back at once (stable ids on reload), with the original kept aside.
    expect(JSON.parse(storage.data.get(STORAGE_KEY) ?? "")).toEqual(state);
    expect(storage.setAsideKeys().map((k) => storage.data.get(k))).toEqual([JSON.stringify({ users: [GUID_A, "grace@contoso.com"], title: "Team" })]);
    expect(loadBoards(storage, clock, () => "other")).toEqual({ state, problem: null, readOnly: false });
  });

  it("may save over a clean older version that could not be written back", () => {
    const storage = stored({ users: [GUID_A] });
    storage.failSet = () => quota();
    const { state, problem, readOnly } = loadBoards(storage, clock, () => "m");
    expect(problem).toBeNull();
    expect(readOnly).toBe(false);
    expect(storage.setAsideKeys()).toEqual([]);
    storage.failSet = () => null;
    expect(saveBoards(storage, state)).toEqual({ ok: true });
    expect(JSON.parse(storage.data.get(STORAGE_KEY) ?? "")).toEqual(state);
  });

  it("validates what a migration produced like any other state", () => {
    const raw = JSON.stringify({ users: [GUID_A, 5, "nobody"] });
    const storage = stored(raw);
    const { state, problem } = loadBoards(storage, clock, () => "m");
    expect(state.boards[0]?.title).toBe(DEFAULT_TITLE);
    expect(state.boards[0]?.watchedUsers).toEqual([{ id: GUID_A }]);
    expect(problem?.kind).toBe("partly-invalid");
    expect(storage.data.get(problem?.setAsideKey ?? "")).toBe(raw);
  });

  it("runs the step table and reports a missing step", () => {
    const ctx = { now: NOW, newId: () => "n" };
    expect(Object.keys(migrations)).toEqual(["0"]);
    expect(migrate({ version: 1, boards: [] }, 1, ctx)).toEqual({ version: 1, boards: [] });
    expect(migrate({ users: "oops" }, 0, ctx)?.boards).toEqual([
      { id: "n", title: DEFAULT_TITLE, watchedUsers: "oops", sort: "custom", createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() },
    ]);
    expect(migrate({}, -1, ctx)).toBeNull();
  });
});

describe("saveBoards", () => {
  const state: BoardsState = { version: 1, boards: [board()], activeBoardId: "b1" };

  it("writes the state as JSON", () => {
    const storage = new MemoryStorage();
    expect(saveBoards(storage, state)).toEqual({ ok: true });
    expect(loadBoards(storage, clock)).toEqual({ state, problem: null, readOnly: false });
  });

  it("overwrites its own clean data", () => {
    const storage = stored(state);
    const next = renameBoard(state, "b1", "Renamed", LATER);
    expect(saveBoards(storage, next)).toEqual({ ok: true });
    expect(loadBoards(storage, clock).state).toEqual(next);
  });

  it("reports a full storage", () => {
    const storage = new MemoryStorage();
    storage.failSet = () => quota();
    expect(saveBoards(storage, state)).toEqual({ ok: false, message: "Your boards could not be saved because the browser's storage is full." });
    storage.failSet = () => Object.assign(new Error("Firefox"), { name: "NS_ERROR_DOM_QUOTA_REACHED" });
    expect(saveBoards(storage, state)).toMatchObject({ ok: false, message: expect.stringContaining("full") });
  });

  it("treats anything thrown that is not a quota error as blocked storage", () => {
    const storage = new MemoryStorage();
    storage.failSet = () => "odd" as unknown as Error;
    expect(saveBoards(storage, state)).toMatchObject({ ok: false, message: expect.stringContaining("blocking") });
    storage.failSet = () => Object.assign(new Error("old WebKit"), { code: 22 });
    expect(saveBoards(storage, state)).toMatchObject({ ok: false, message: expect.stringContaining("full") });
  });

  it("reports blocked storage, on write or on the pre-write check", () => {
    const blocked = "Your boards could not be saved because this browser is blocking storage.";
    const storage = new MemoryStorage();
    storage.failSet = () => new DOMException("denied", "SecurityError");
    expect(saveBoards(storage, state)).toEqual({ ok: false, message: blocked });
    storage.failSet = () => null;
    storage.failGet = () => true;
    expect(saveBoards(storage, state)).toEqual({ ok: false, message: blocked });
    expect(storage.data.size).toBe(0);
  });

  it("refuses to overwrite a newer version written by another tab after loading", () => {
    const storage = new MemoryStorage();
    const { state: loaded } = loadBoards(storage, clock);
    storage.data.set(STORAGE_KEY, JSON.stringify({ version: 2, boards: [] }));
    expect(saveBoards(storage, loaded).ok).toBe(false);
  });
});

describe("updaters", () => {
  const base: BoardsState = { version: 1, boards: [board(), board({ id: "b2", title: "Second" })], activeBoardId: "b1" };
  const at = LATER.toISOString();

  it("createBoard adds a cleaned board and makes it active", () => {
    const next = createBoard(base, "  New   board ", [{ id: GUID_B }, { id: GUID_B.toUpperCase() }, { id: "junk" }, { id: GUID_C, displayName: " Cy " }, { id: "dee@contoso.com", displayName: " " }], LATER, () => "b3");
    expect(next.activeBoardId).toBe("b3");
    expect(next.boards.at(-1)).toEqual({
      id: "b3",
      title: "New board",
      watchedUsers: [{ id: GUID_B }, { id: GUID_C, displayName: "Cy" }, { id: "dee@contoso.com" }],
      sort: "custom",
      createdAt: at,
      updatedAt: at,
    });
    expect(base.boards).toHaveLength(2);
  });

  it("createBoard never reuses an existing id and names blank boards", () => {
    const taken = ["b1", "b2", "b9"];
    const next = createBoard(base, "   ", [], LATER, () => taken.shift() ?? "x");
    expect(next.activeBoardId).toBe("b9");
    expect(next.boards.at(-1)?.title).toBe(DEFAULT_TITLE);
    expect(createBoard(base, "t", []).boards.at(-1)?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("createBoard caps users at 5,000", () => {
    const many = Array.from({ length: MAX_WATCHED_USERS + 5 }, (_, i) => ({ id: `u${i}@contoso.com` }));
    expect(createBoard(emptyState(), "Big", many).boards[0]?.watchedUsers).toHaveLength(MAX_WATCHED_USERS);
  });

  it("renameBoard trims, clips and bumps updatedAt; blank, same or unknown is a no-op", () => {
    const next = renameBoard(base, "b2", ` ${"é".repeat(130)} `, LATER);
    expect(next.boards[1]).toMatchObject({ title: "é".repeat(120), updatedAt: at });
    expect(next.boards[0]).toBe(base.boards[0]);
    expect(renameBoard(base, "b2", "   ", LATER)).toBe(base);
    expect(renameBoard(base, "b2", " Second ", LATER)).toBe(base);
    expect(renameBoard(base, "nope", "X", LATER)).toBe(base);
  });

  it("renameBoard clips by characters, never splitting an emoji", () => {
    const title = `${"a".repeat(119)}😀😀`;
    expect(renameBoard(base, "b1", title, LATER).boards[0]?.title).toBe(`${"a".repeat(119)}😀`);
  });

  it("deleteBoard moves the active board to the first remaining one", () => {
    expect(deleteBoard(base, "b1")).toEqual({ ...base, boards: [base.boards[1]], activeBoardId: "b2" });
    expect(deleteBoard(base, "b2")).toEqual({ ...base, boards: [base.boards[0]], activeBoardId: "b1" });
    expect(deleteBoard({ ...base, boards: [board()] }, "b1").activeBoardId).toBeNull();
    expect(deleteBoard(base, "nope")).toBe(base);
  });

  it("setActiveBoard switches to known boards or to none", () => {
    expect(setActiveBoard(base, "b2").activeBoardId).toBe("b2");
    expect(setActiveBoard(base, null).activeBoardId).toBeNull();
    expect(setActiveBoard(base, "b1")).toBe(base);
    expect(setActiveBoard(base, "nope")).toBe(base);
  });

  it("addWatchedUsers appends new valid users in order, once", () => {
    const next = addWatchedUsers(base, "b1", [{ id: "GRACE@contoso.com" }, { id: GUID_C }, { id: GUID_B }, { id: GUID_C }, { id: "x" }], LATER);
    expect(next.boards[0]?.watchedUsers.map((u) => u.id)).toEqual([GUID_A, "grace@contoso.com", GUID_C, GUID_B]);
    expect(next.boards[0]?.updatedAt).toBe(at);
    expect(addWatchedUsers(base, "b1", [{ id: GUID_A.toUpperCase() }])).toBe(base);
    expect(addWatchedUsers(base, "nope", [{ id: GUID_C }])).toBe(base);
  });

  it("addWatchedUsers stops at the cap", () => {
    const full = createBoard(emptyState(), "Full", Array.from({ length: MAX_WATCHED_USERS }, (_, i) => ({ id: `u${i}@contoso.com` })), NOW, () => "f");
    expect(addWatchedUsers(full, "f", [{ id: GUID_A }])).toBe(full);
  });

  it("removeWatchedUser removes case-insensitively", () => {
    const next = removeWatchedUser(base, "b1", "Grace@Contoso.com", LATER);
    expect(next.boards[0]?.watchedUsers).toEqual([{ id: GUID_A, displayName: "Ada" }]);
    expect(next.boards[0]?.updatedAt).toBe(at);
    expect(removeWatchedUser(base, "b1", GUID_C)).toBe(base);
    expect(removeWatchedUser(base, "nope", GUID_A)).toBe(base);
  });

  it("moveWatchedUser reorders (clamped) and switches to custom sort", () => {
    const three = addWatchedUsers(base, "b1", [{ id: GUID_C }], NOW);
    const order = (s: BoardsState) => s.boards[0]?.watchedUsers.map((u) => u.id);
    expect(order(moveWatchedUser(three, "b1", GUID_C, 0, LATER))).toEqual([GUID_C, GUID_A, "grace@contoso.com"]);
    expect(order(moveWatchedUser(three, "b1", GUID_A, 99, LATER))).toEqual(["grace@contoso.com", GUID_C, GUID_A]);
    expect(order(moveWatchedUser(three, "b1", GUID_C, -3, LATER))).toEqual([GUID_C, GUID_A, "grace@contoso.com"]);
    expect(order(moveWatchedUser(three, "b1", GUID_A, 1.7, LATER))).toEqual(["grace@contoso.com", GUID_A, GUID_C]);
    const moved = moveWatchedUser(three, "b1", GUID_C, 0, LATER);
    expect(moved.boards[0]).toMatchObject({ sort: "custom", updatedAt: at });
    expect(three.boards[0]?.sort).toBe("status");
  });

  it("moveWatchedUser to the same place only switches the sort, or does nothing", () => {
    const same = moveWatchedUser(base, "b1", GUID_A, 0, LATER);
    expect(same.boards[0]).toMatchObject({ sort: "custom", watchedUsers: base.boards[0]?.watchedUsers });
    expect(moveWatchedUser(same, "b1", GUID_A, 0, LATER)).toBe(same);
    expect(moveWatchedUser(same, "b1", GUID_A, Number.NaN, LATER)).toBe(same);
    expect(moveWatchedUser(base, "b1", GUID_C, 0)).toBe(base);
    expect(moveWatchedUser(base, "nope", GUID_A, 1)).toBe(base);
  });

  it("setSort changes known sorts only", () => {
    expect(setSort(base, "b1", "name", LATER).boards[0]).toMatchObject({ sort: "name", updatedAt: at });
    expect(setSort(base, "b1", "status")).toBe(base);
    expect(setSort(base, "b1", "shuffle" as never)).toBe(base);
  });

  it("updateCachedNames changes only what differs, without bumping updatedAt", () => {
    const names = new Map([
      [GUID_A, "Ada"],
      ["GRACE@CONTOSO.COM", "  Grace  Hopper "],
      [GUID_C, "Not watched"],
    ]);
    const next = updateCachedNames(base, names);
    expect(next.boards[0]?.watchedUsers).toEqual([{ id: GUID_A, displayName: "Ada" }, { id: "grace@contoso.com", displayName: "Grace Hopper" }]);
    expect(next.boards[0]?.updatedAt).toBe(base.boards[0]?.updatedAt);
    expect(next.boards[0]?.watchedUsers[0]).toBe(base.boards[0]?.watchedUsers[0]);
    expect(updateCachedNames(next, names)).toBe(next);
    expect(updateCachedNames(base, new Map())).toBe(base);
    expect(updateCachedNames(base, new Map([[GUID_A, "  "]]))).toBe(base);
  });
});
