import { describe, it, expect } from "vitest";
import { presenceView } from "./presenceView";
import { summarize } from "./summary";

const p = (availability: string, activity: string, isOutOfOffice = false) =>
  presenceView({ availability, activity, outOfOfficeSettings: { isOutOfOffice } });

describe("summarize", () => {
  it("counts groups in board order and omits empty ones", () => {
    const views = [
      p("Available", "Available"),
      p("Available", "Available"),
      p("AvailableIdle", "Available"),
      p("Available", "Available", true), // available, out of office: still available
      p("Busy", "InAMeeting"),
      p("DoNotDisturb", "Presenting"),
      p("Focusing", "Focusing"),
      p("BeRightBack", "BeRightBack"),
      p("Offline", "Offline"),
      p("Offline", "OffWork"),
    ];
    const s = summarize(views);
    expect(s.text).toBe("4 available · 3 busy · 1 away · 2 offline");
    expect(s.total).toBe(10);
    expect(s.outOfOfficeAny).toBe(1);
    expect(s.counts).toEqual({ available: 4, busy: 3, away: 1, outOfOffice: 0, offline: 2, unknown: 0 });
  });

  it("counts people who are out of office (away/offline while OOO) separately, and unknowns last", () => {
    const views = [
      p("Away", "Away", true),
      p("Offline", "OutOfOffice"),
      p("Busy", "Busy", true),
      presenceView(null),
      presenceView({ availability: "Sleeping" }),
    ];
    const s = summarize(views);
    expect(s.text).toBe("1 busy · 2 out of office · 2 unknown");
    expect(s.outOfOfficeAny).toBe(3);
    expect(Object.values(s.counts).reduce((a, b) => a + b, 0)).toBe(s.total);
  });

  it("nobody: empty text, zero counts", () => {
    const s = summarize([]);
    expect(s.text).toBe("");
    expect(s.total).toBe(0);
    expect(Object.values(s.counts).every((n) => n === 0)).toBe(true);
  });

  it("an unexpected group counts as unknown instead of vanishing", () => {
    const s = summarize([{ group: "sleeping" as never, outOfOffice: false }]);
    expect(s.counts.unknown).toBe(1);
    expect(s.text).toBe("1 unknown");
  });

  it("5,000 people in well under a frame", () => {
    const views = Array.from({ length: 5000 }, (_, i) => p(["Available", "Busy", "Away", "Offline"][i % 4] ?? "Available", "Available"));
    const started = performance.now();
    const s = summarize(views);
    expect(performance.now() - started).toBeLessThan(16);
    expect(s.text).toBe("1250 available · 1250 busy · 1250 away · 1250 offline");
  });
});
