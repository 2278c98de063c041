import { describe, expect, it } from "vitest";
import { orderPeople } from "./ordering";
import { mergePresences } from "./presenceSnapshot";

const users = [{ id: "c", displayName: "Zoë" }, { id: "a", displayName: "ana" }, { id: "b", displayName: "Ben" }, { id: "d" }];
const { entries } = mergePresences(
  undefined,
  [
    { id: "a", availability: "Offline", activity: "Offline" },
    { id: "b", availability: "Busy", activity: "InAMeeting" },
    { id: "c", availability: "Available", activity: "Available" },
  ],
  ["a", "b", "c", "d"],
  0,
);
const base = { users, entries, nameOf: () => undefined, filterText: "", statusFilter: "all" as const };

describe("orderPeople", () => {
  it("keeps the board's own order", () => {
    expect(orderPeople({ ...base, sort: "custom" }).map((u) => u.id)).toEqual(["c", "a", "b", "d"]);
  });
  it("sorts by name, ignoring case and accents", () => {
    expect(orderPeople({ ...base, sort: "name" }).map((u) => u.id)).toEqual(["a", "b", "d", "c"]);
  });
  it("sorts by status: available, busy, offline, then people without presence yet", () => {
    expect(orderPeople({ ...base, sort: "status" }).map((u) => u.id)).toEqual(["c", "b", "a", "d"]);
  });
  it("filters by text (directory name first) and by status", () => {
    expect(orderPeople({ ...base, sort: "custom", filterText: "BE" }).map((u) => u.id)).toEqual(["b"]);
    expect(orderPeople({ ...base, sort: "custom", nameOf: (id) => (id === "d" ? "Debora" : undefined), filterText: "debo" }).map((u) => u.id)).toEqual(["d"]);
    expect(orderPeople({ ...base, sort: "custom", statusFilter: "busy" }).map((u) => u.id)).toEqual(["b"]);
    expect(orderPeople({ ...base, sort: "custom", statusFilter: "unknown" }).map((u) => u.id)).toEqual(["d"]);
  });
});
