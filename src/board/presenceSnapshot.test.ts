import { describe, expect, it } from "vitest";
import { isStale, mergePresences } from "./presenceSnapshot";

const p = (id: string, availability: string, activity: string, extra: Record<string, unknown> = {}) => ({ id, availability, activity, ...extra });

describe("mergePresences", () => {
  it("keeps the same entry object when a person's presence did not change", () => {
    const first = mergePresences(undefined, [p("a", "Available", "Available"), p("b", "Busy", "InAMeeting")], ["a", "b"], 1000);
    const second = mergePresences(first, [p("a", "Available", "Available"), p("b", "Away", "Away")], ["a", "b"], 2000);
    expect(second.entries.a).toBe(first.entries.a);
    expect(second.entries.b).not.toBe(first.entries.b);
    expect(second.entries.b!.view.label).toBe("Away");
    expect(second.changed).toBe(1);
    expect(second.seenAt.a).toBe(2000);
  });

  it("keeps 'since' while the state holds and resets it when the state changes", () => {
    const one = mergePresences(undefined, [p("a", "Busy", "InAMeeting", { statusMessage: { message: { content: "x" } } })], ["a"], 1000);
    const two = mergePresences(one, [p("a", "Busy", "InAMeeting", { statusMessage: { message: { content: "y" } } })], ["a"], 2000);
    expect(two.entries.a!.since).toBe(1000);
    expect(two.entries.a!.view.statusMessage).toBe("y");
    const three = mergePresences(two, [p("a", "Available", "Available")], ["a"], 3000);
    expect(three.entries.a!.since).toBe(3000);
  });

  it("never lets an older answer (smaller sequenceNumber) replace a newer one", () => {
    const newer = mergePresences(undefined, [p("a", "Busy", "InACall", { sequenceNumber: "C0000000200" })], ["a"], 1000);
    const late = mergePresences(newer, [p("a", "Available", "Available", { sequenceNumber: "C0000000100" })], ["a"], 2000);
    expect(late.entries.a!.view.state).toBe("inACall");
    const next = mergePresences(late, [p("a", "Available", "Available", { sequenceNumber: "C0000000300" })], ["a"], 3000);
    expect(next.entries.a!.view.state).toBe("available");
  });

  it("forgets people who are no longer watched and ignores answers for strangers", () => {
    const one = mergePresences(undefined, [p("a", "Busy", "Busy"), p("b", "Busy", "Busy")], ["a", "b"], 1000);
    const two = mergePresences(one, [p("z", "Busy", "Busy")], ["a"], 2000);
    expect(Object.keys(two.entries)).toEqual(["a"]);
    expect(two.seenAt).toEqual({ a: 1000 });
  });

  it("marks a person stale after three intervals without an answer", () => {
    const snap = mergePresences(undefined, [p("a", "Busy", "Busy")], ["a", "b"], 0);
    expect(isStale(snap, "a", 45_000, 15_000)).toBe(false);
    expect(isStale(snap, "a", 45_001, 15_000)).toBe(true);
    expect(isStale(snap, "b", 1, 15_000)).toBe(true);
  });
});
