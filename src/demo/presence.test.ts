import { describe, expect, it } from "vitest";
import { buildOrganisation, DEFAULT_WATCHED_IDS, IDS } from "./people";
import { DEFAULT_SPEED, createDemoTenant, livelyStartAt } from "./tenant";
import { call, get, presence, presences, tenantAt, utcForLocal, type PresenceJson } from "./testkit";
import { zoneOffsetMs } from "./zones";

const people = buildOrganisation(0).people;
const zoneOf = (id: string): string => people.find((p) => p.id === id)?.timeZone ?? "UTC";
const state = (p: PresenceJson): string => `${p.availability}/${p.activity}`;

/** Presence of `id` at a wall-clock time in that person's own zone. */
async function presenceAtLocal(id: string, y: number, mo: number, d: number, h: number, mi = 0, seed = 1) {
  const { t } = tenantAt(utcForLocal(zoneOf(id), y, mo, d, h, mi), { seed });
  return presence(t, id);
}

// 2025-03-10 is a Monday; Stockholm is UTC+1 until 30 March, New York UTC-4 from 9 March.
describe("presence model: pinned moments", () => {
  it("at 10:30 local on a Wednesday, Johanna is in her planning meeting", async () => {
    const p = await presenceAtLocal(IDS.johanna, 2025, 3, 12, 10, 30);
    expect(state(p)).toBe("Busy/InAMeeting");
  });

  it("at 15:10 local on a Thursday, Johanna is presenting; Emily presents on Tuesdays at 10:30", async () => {
    expect(state(await presenceAtLocal(IDS.johanna, 2025, 3, 13, 15, 10))).toBe("DoNotDisturb/Presenting");
    expect(state(await presenceAtLocal(IDS.emily, 2025, 3, 11, 10, 45))).toBe("DoNotDisturb/Presenting");
  });

  it("the lead's team is in the daily stand-up at 09:30 in the lead's zone, across time zones", async () => {
    const { t } = tenantAt(utcForLocal("Europe/Stockholm", 2025, 3, 12, 9, 35));
    const team = people.filter((p) => p.id === IDS.johanna || p.managerId === IDS.johanna);
    const byId = new Map((await presences(t, team.map((p) => p.id))).map((p) => [p.id, p]));
    for (const id of [IDS.johanna, IDS.olga, IDS.priya]) expect(state(byId.get(id) as PresenceJson), id).toBe("Busy/InAMeeting");
    for (const p of byId.values()) {
      expect(["Busy/InAMeeting", "Offline/Offline", "Offline/OffWork", "Offline/OutOfOffice"]).toContain(state(p));
    }
  });

  it("pins seed 1 at 11:00 UTC on Wednesday 12 March 2025 (changing the model must be deliberate)", async () => {
    const { t } = tenantAt(Date.UTC(2025, 2, 12, 11, 0));
    const got = (await presences(t, DEFAULT_WATCHED_IDS)).map(state);
    expect(got).toEqual(PIN_SEED1_WED_1100Z);
  });

  it("keeps the people on leave, at a conference and without shared presence in their states", async () => {
    const { t } = tenantAt(Date.UTC(2025, 2, 12, 10, 0));
    const bjorn = await presence(t, IDS.bjorn);
    expect(state(bjorn)).toBe("Offline/OutOfOffice");
    expect(bjorn.outOfOfficeSettings.isOutOfOffice).toBe(true);
    expect(bjorn.outOfOfficeSettings.message).toMatch(/^<html>\r\n<head>\r\n<meta [^>]+>\r\n<style[^>]*>.*<\/style>/s);
    expect(bjorn.outOfOfficeSettings.message).toMatch(/<body dir="ltr">\r\n<div[^>]*>.*<\/div>\r\n<\/body>\r\n<\/html>/s);
    expect(bjorn.workLocation.workLocationType).toBe("timeOff");

    const ahmed = await presence(t, IDS.ahmed);
    expect(ahmed.outOfOfficeSettings.isOutOfOffice).toBe(true);
    expect(ahmed.outOfOfficeSettings.message).toContain('dir="rtl"');
    if (ahmed.availability === "Available") expect(ahmed.activity).toBe("OutOfOffice");

    expect(state(await presence(t, IDS.oskar))).toBe("PresenceUnknown/PresenceUnknown");
    expect(state(await presence(t, IDS.daniel))).not.toBe("PresenceUnknown/PresenceUnknown");
  });

  it("has status messages: long ones, emoji, RTL, and text that looks like HTML, all contentType text", async () => {
    const { t } = tenantAt(Date.UTC(2025, 2, 12, 10, 0));
    const all = await presences(t, people.map((p) => p.id));
    const messages = all.flatMap((p) => (p.statusMessage ? [p.statusMessage.message] : []));
    expect(messages.length).toBeGreaterThanOrEqual(8);
    for (const m of messages) expect(m.contentType).toBe("text");
    const texts = messages.map((m) => m.content);
    expect(texts.some((s) => s.length > 200)).toBe(true);
    expect(texts.some((s) => /\p{Extended_Pictographic}/u.test(s))).toBe(true);
    expect(texts.some((s) => /[\u0600-\u06ff]/.test(s))).toBe(true);
    expect(texts.some((s) => s.includes("<b>"))).toBe(true);
    expect(all.filter((p) => p.statusMessage === null).length).toBeGreaterThan(0);
  });

  it("reports work locations office/remote with a source during the day", async () => {
    const { t } = tenantAt(utcForLocal("Europe/Stockholm", 2025, 3, 12, 11, 0));
    const locs = (await presences(t, people.map((p) => p.id))).map((p) => p.workLocation);
    const types = new Set(locs.map((l) => l.workLocationType));
    for (const ty of ["office", "remote", "timeOff"]) expect(types).toContain(ty);
    for (const l of locs) expect(["manual", "scheduled", "automatic"]).toContain(l.source);
    expect(locs.filter((l) => l.workLocationType === "office").every((l) => typeof l.placeId === "string")).toBe(true);
  });
});

describe("presence model: working day in each person's own time zone", () => {
  const normal = people.filter((p) => p.kind === "normal");

  it("everyone with a normal schedule is working at 10:00 local on a Wednesday", async () => {
    for (const p of normal) {
      const got = await presenceAtLocal(p.id, 2025, 3, 12, 10, 0);
      expect(got.availability, p.displayName).not.toBe("Offline");
    }
  });

  it("everyone is offline at 21:30 and at 05:00 local on a weekday", async () => {
    for (const p of people) {
      for (const h of [21.5, 5]) {
        const got = await presenceAtLocal(p.id, 2025, 3, 12, Math.floor(h), (h % 1) * 60);
        if (p.kind === "unknown") expect(got.availability).toBe("PresenceUnknown");
        else {
          expect(got.availability, `${p.displayName} at ${h}`).toBe("Offline");
          expect(["Offline", "OffWork", "OutOfOffice"]).toContain(got.activity);
          expect(got.workLocation.workLocationType).not.toBe("office");
        }
      }
    }
  });

  it("everyone is offline on their weekend (Saturday; Friday/Saturday for Israel), Noa works on Sunday", async () => {
    for (const p of people.filter((x) => x.kind !== "unknown")) {
      const sat = await presenceAtLocal(p.id, 2025, 3, 15, 11, 0);
      expect(sat.availability, p.displayName).toBe("Offline");
    }
    expect((await presenceAtLocal(IDS.noa, 2025, 3, 14, 11, 0)).availability).toBe("Offline"); // Friday
    expect((await presenceAtLocal(IDS.noa, 2025, 3, 16, 10, 30)).availability).not.toBe("Offline"); // Sunday
    expect((await presenceAtLocal(IDS.daniel, 2025, 3, 16, 10, 30)).availability).toBe("Offline");
  });

  it("follows daylight saving: Johanna's Wednesday meeting moves with Stockholm's clock", async () => {
    // 2 April 2025: Stockholm is UTC+2, so 10:30 local is 08:30 UTC.
    expect(zoneOffsetMs("Europe/Stockholm", Date.UTC(2025, 3, 2))).toBe(2 * 3_600_000);
    expect(state(await presenceAtLocal(IDS.johanna, 2025, 4, 2, 10, 30))).toBe("Busy/InAMeeting");
  });
});

describe("presence model: change over time", () => {
  it(`changes visibly within a few real minutes at DEFAULT_SPEED (${DEFAULT_SPEED}) and sequenceNumber follows`, async () => {
    const { t, advanceReal } = tenantAt(utcForLocal("Europe/Stockholm", 2025, 3, 12, 13, 0));
    const start = t.simulatedNow();
    let prev = await presences(t, DEFAULT_WATCHED_IDS);
    let changes = 0;
    const changed = new Set<string>();
    for (let k = 0; k < 12; k++) {
      advanceReal(3_600_000 / DEFAULT_SPEED / 12); // twelve polls over one simulated hour
      const next = await presences(t, DEFAULT_WATCHED_IDS);
      next.forEach((p, i) => {
        const before = prev[i] as PresenceJson;
        expect(p.sequenceNumber.length).toBe(before.sequenceNumber.length);
        if (state(p) !== state(before)) {
          changes++;
          changed.add(p.id);
          expect(p.sequenceNumber > before.sequenceNumber, "sequenceNumber grows on change").toBe(true);
        } else {
          // Same state may be a new event (back-to-back meetings): the stamp may move on, never back.
          expect(p.sequenceNumber >= before.sequenceNumber).toBe(true);
        }
      });
      prev = next;
    }
    // Twelve polls = one simulated hour.
    expect(t.simulatedNow() - start).toBe(3_600_000);
    expect(changes).toBeGreaterThanOrEqual(6);
    expect(changed.size).toBeGreaterThanOrEqual(4);
  });

  it("is deterministic: same seed and clock give byte-identical answers; another seed differs", async () => {
    const at = Date.UTC(2025, 2, 12, 12, 0);
    const a = tenantAt(at, { seed: 7 }).t;
    const b = tenantAt(at, { seed: 7 }).t;
    const c = tenantAt(at, { seed: 8 }).t;
    const ids = a.allUserIds();
    const requests = async (t: typeof a) => {
      const out: unknown[] = [];
      out.push(await presences(t, ids));
      for (const url of ["/me", "/me/presence", `/users/${IDS.olga}/presence`, "/users?$top=5", "/nope"]) {
        const r = await get(t, url);
        out.push([r.status, r.headers.get("request-id"), r.body]);
      }
      return JSON.stringify(out);
    };
    const ra = await requests(a);
    expect(await requests(b)).toBe(ra);
    expect(await requests(c)).not.toBe(ra);
  });

  it("is a pure function of time: nothing grows over simulated weeks, and going back gives the same answer", async () => {
    const { t, advanceReal } = tenantAt(Date.UTC(2025, 2, 12, 9, 0), { speed: 3600 }); // an hour per real second
    const first = JSON.stringify(await presences(t, t.allUserIds()));
    const stats = t.debugStats();
    let elapsed = 0;
    for (let k = 0; k < 24 * 60; k++) {
      // 60 simulated days in 1-hour steps, through several endpoints
      advanceReal(1000);
      elapsed += 1000;
      await presences(t, t.allUserIds());
      if (k % 24 === 0) {
        await get(t, "/me/presence");
        await call(t, "POST", "/$batch", {
          body: { requests: [{ id: "1", method: "GET", url: `/users/${IDS.emily}/presence` }] },
        });
      }
    }
    const after = t.debugStats();
    expect(after.overrides).toBe(stats.overrides);
    expect(after.sequenceFloors).toBe(stats.sequenceFloors);
    expect(after.zoneFormatters).toBeLessThanOrEqual(40); // one per zone, ever
    expect(after.requestsServed).toBeGreaterThan(stats.requestsServed);
    advanceReal(-elapsed);
    expect(JSON.stringify(await presences(t, t.allUserIds()))).toBe(first);
  });

  it("livelyStartAt keeps a weekday daytime and otherwise goes back to a weekday 10:00 in Stockholm", () => {
    const weekdayNoon = utcForLocal("Europe/Stockholm", 2025, 3, 12, 12, 0);
    expect(livelyStartAt(weekdayNoon)).toBe(weekdayNoon);
    expect(livelyStartAt(utcForLocal("Europe/Stockholm", 2025, 3, 15, 12, 0))).toBe(
      utcForLocal("Europe/Stockholm", 2025, 3, 14, 10, 0),
    );
    expect(livelyStartAt(utcForLocal("Europe/Stockholm", 2025, 3, 12, 22, 0))).toBe(
      utcForLocal("Europe/Stockholm", 2025, 3, 12, 10, 0),
    );
    expect(livelyStartAt(utcForLocal("Europe/Stockholm", 2025, 3, 10, 6, 0))).toBe(
      utcForLocal("Europe/Stockholm", 2025, 3, 7, 10, 0),
    );
  });

  it("defaults: startAt is the real now at creation, simulated time runs at DEFAULT_SPEED", () => {
    let real = Date.UTC(2025, 2, 12, 9, 0);
    const t = createDemoTenant({ now: () => real });
    expect(t.simulatedNow()).toBe(real);
    real += 60_000;
    expect(t.simulatedNow()).toBe(Date.UTC(2025, 2, 12, 9, 0) + 60_000 * DEFAULT_SPEED);
  });
});

// Watched order: Johanna, 王芳, Ольга, أحمد, Priya, Lucas, Siobhán, Björn, María, Daniel, Emily, Oskar.
const PIN_SEED1_WED_1100Z = [
  "Away/Away",
  "Offline/OffWork",
  "Busy/InAMeeting",
  "Available/OutOfOffice",
  "Busy/InAMeeting",
  "Offline/OffWork",
  "Busy/InAMeeting",
  "Offline/OutOfOffice",
  "Away/Away",
  "Available/Available",
  "Offline/Offline",
  "PresenceUnknown/PresenceUnknown",
];
