import { describe, it, expect } from "vitest";
import { formatShareLink, matchSavedBoard, parseShareLink } from "./shareLink";
import { emptyState, MAX_WATCHED_USERS, type BoardsState, type SavedBoard } from "./storage";

const GUID_A = "0b8b8b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const GUID_B = "1b8b8b7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const GUEST = "alice_fabrikam.com#EXT#@contoso.onmicrosoft.com";

const searchOf = (url: string) => new URL(url).search;

describe("formatShareLink", () => {
  it("builds a readable absolute link", () => {
    expect(formatShareLink("https://wall.contoso.com/", { title: "Support desk", watchedUsers: [{ id: GUID_A }, { id: "grace@contoso.com" }] })).toBe(
      `https://wall.contoso.com/?users=${GUID_A},grace@contoso.com&title=Support%20desk`,
    );
  });

  it("keeps the app's path, drops its query and hash, and encodes what must be", () => {
    expect(formatShareLink("https://x.test/apps/board/?kiosk=1#top", { title: "A&B #1", watchedUsers: [{ id: GUEST }] })).toBe(
      "https://x.test/apps/board/?users=alice_fabrikam.com%23EXT%23@contoso.onmicrosoft.com&title=A%26B%20%231",
    );
  });

  it("leaves out a blank title", () => {
    expect(formatShareLink("https://x.test", { title: "   ", watchedUsers: [{ id: GUID_A }] })).toBe(`https://x.test/?users=${GUID_A}`);
  });
});

describe("parseShareLink", () => {
  it("is null without a users parameter", () => {
    expect(parseShareLink("")).toBeNull();
    expect(parseShareLink("?kiosk=1&theme=dark&demo=1")).toBeNull();
    expect(parseShareLink("?title=Only%20a%20title")).toBeNull();
  });

  it("reads ids and title, with or without the leading '?', ignoring other parameters", () => {
    const expected = { userIds: [GUID_A, "grace@contoso.com"], title: "Desk", problems: [] };
    expect(parseShareLink(`?kiosk=1&users=${GUID_A},grace@contoso.com&title=Desk&theme=dark&demo=1`)).toEqual(expected);
    expect(parseShareLink(`users=${GUID_A},grace%40contoso.com&title=Desk`)).toEqual(expected);
  });

  it("round-trips titles with &, #, emoji and Arabic, and guest UPNs", () => {
    const title = "Support & Ops #2 🚀 فريق الدعم";
    const ids = [GUID_A, "grace@contoso.com", GUEST, "o'brien@contoso.co.uk"];
    const link = formatShareLink("https://wall.contoso.com/board", { title, watchedUsers: ids.map((id) => ({ id })) });
    expect(parseShareLink(searchOf(link))).toEqual({ userIds: ids, title, problems: [] });
  });

  it("tolerates '+', spaces, ';', encoded and double-encoded commas", () => {
    const variants = [
      `?users=${GUID_A}+grace@contoso.com`,
      `?users=${GUID_A}%20grace@contoso.com`,
      `?users=${GUID_A}%2Cgrace@contoso.com`,
      `?users=${GUID_A}%2cgrace@contoso.com`,
      `?users=${GUID_A}%252Cgrace@contoso.com`,
      `?users=${GUID_A}%3B%20grace@contoso.com`,
      `?users=+${GUID_A},,%20,grace@contoso.com,+`,
      `?users=${GUID_A}&users=grace@contoso.com`,
    ];
    for (const search of variants) expect(parseShareLink(search)?.userIds, search).toEqual([GUID_A, "grace@contoso.com"]);
  });

  it("dedupes case-insensitively, keeping the first spelling and order", () => {
    expect(parseShareLink(`?users=Grace@Contoso.com,${GUID_A},grace@contoso.com,${GUID_A.toUpperCase()},${GUID_B}`)?.userIds).toEqual([
      "Grace@Contoso.com",
      GUID_A,
      GUID_B,
    ]);
  });

  it("skips invalid entries and says how many", () => {
    expect(parseShareLink(`?users=${GUID_A},bob,not-a-guid,<script>`)).toEqual({
      userIds: [GUID_A],
      title: null,
      problems: ["3 entries in the link were not user ids and were skipped."],
    });
    expect(parseShareLink("?users=bob")?.problems).toEqual(["1 entry in the link was not a user id and was skipped."]);
    expect(parseShareLink("?users=%E0%A4%A")?.problems).toHaveLength(1);
  });

  it("accepts an empty users list", () => {
    expect(parseShareLink("?users=")).toEqual({ userIds: [], title: null, problems: [] });
    expect(parseShareLink("?users")).toEqual({ userIds: [], title: null, problems: [] });
  });

  it("caps at 5,000 people", () => {
    const ids = Array.from({ length: MAX_WATCHED_USERS + 3 }, (_, i) => `u${i}@contoso.com`);
    const parsed = parseShareLink(`?users=${ids.join(",")}`);
    expect(parsed?.userIds).toHaveLength(MAX_WATCHED_USERS);
    expect(parsed?.userIds.at(-1)).toBe(`u${MAX_WATCHED_USERS - 1}@contoso.com`);
    expect(parsed?.problems).toEqual(["The link lists more than 5,000 people; only the first 5,000 were opened."]);
  });

  it("trims and clips the title, and treats a blank one as none", () => {
    expect(parseShareLink(`?users=${GUID_A}&title=%20%20Desk%0A%20two%20`)?.title).toBe("Desk two");
    expect(parseShareLink(`?users=${GUID_A}&title=+++`)?.title).toBeNull();
    const long = parseShareLink(`?users=${GUID_A}&title=${"x".repeat(200)}`);
    expect(long?.title).toBe("x".repeat(120));
    expect(long?.problems).toEqual(["The board title in the link was too long and was shortened."]);
  });
});

describe("matchSavedBoard", () => {
  const board = (id: string, ids: string[]): SavedBoard => ({
    id,
    title: id,
    watchedUsers: ids.map((u) => ({ id: u })),
    sort: "custom",
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
  });
  const state: BoardsState = {
    version: 1,
    boards: [board("empty", []), board("one", [GUID_A]), board("two", [GUID_A, "grace@contoso.com"]), board("twin", ["grace@contoso.com", GUID_A])],
    activeBoardId: "one",
  };

  it("finds the board with the same people, ignoring order and case", () => {
    expect(matchSavedBoard(state, { userIds: ["GRACE@contoso.com", GUID_A] })?.id).toBe("two");
    expect(matchSavedBoard(state, { userIds: [GUID_A.toUpperCase()] })?.id).toBe("one");
  });

  it("prefers the active board among equal ones", () => {
    expect(matchSavedBoard({ ...state, activeBoardId: "twin" }, { userIds: [GUID_A, "grace@contoso.com"] })?.id).toBe("twin");
  });

  it("does not match subsets, supersets or empty links", () => {
    expect(matchSavedBoard(state, { userIds: [GUID_A, GUID_B] })).toBeNull();
    expect(matchSavedBoard(state, { userIds: ["grace@contoso.com"] })).toBeNull();
    expect(matchSavedBoard(state, { userIds: [] })).toBeNull();
    expect(matchSavedBoard(emptyState(), { userIds: [GUID_A] })).toBeNull();
  });

  it("works on a parsed link directly", () => {
    const parsed = parseShareLink(`?users=grace@contoso.com,${GUID_A}&title=Whatever`);
    expect(parsed && matchSavedBoard(state, parsed)?.id).toBe("two");
  });
});
