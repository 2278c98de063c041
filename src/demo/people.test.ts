import { describe, expect, it } from "vitest";
import { buildOrganisation, DEFAULT_WATCHED_IDS, HAND_WRITTEN_COUNT, IDS, ME_ID } from "./people";
import { createDemoTenant } from "./tenant";
import { WINDOWS_ZONE, zoneOffsetMs } from "./zones";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("demo organisation", () => {
  const org = buildOrganisation(0);

  it("has about 30 hand-written people with unique GUID ids and UPNs on contoso.example", () => {
    expect(HAND_WRITTEN_COUNT).toBeGreaterThanOrEqual(28);
    expect(HAND_WRITTEN_COUNT).toBeLessThanOrEqual(35);
    expect(new Set(org.people.map((p) => p.id)).size).toBe(org.people.length);
    for (const p of org.people) {
      expect(p.id).toMatch(GUID);
      expect(p.userPrincipalName.endsWith("@contoso.example")).toBe(true);
      expect(p.mail).toContain("@");
    }
  });

  it("covers several scripts, a right-to-left name and one very long name", () => {
    const names = org.people.map((p) => p.displayName);
    expect(names).toEqual(expect.arrayContaining(["王芳", "Ольга Смирнова", "أحمد الفارسي"]));
    expect(names.some((n) => /[\u0590-\u05ff]/.test(n))).toBe(true); // Hebrew too
    expect(Math.max(...names.map((n) => n.length))).toBeGreaterThan(60);
  });

  it("uses several time zones that this engine knows, each with a Windows name", () => {
    const zones = new Set(org.people.map((p) => p.timeZone));
    expect(zones.size).toBeGreaterThanOrEqual(8);
    for (const z of zones) {
      expect(WINDOWS_ZONE[z], z).toBeDefined();
      expect(() => new Intl.DateTimeFormat("en", { timeZone: z })).not.toThrow();
    }
    // A non-whole-hour zone keeps slot arithmetic honest.
    expect(zoneOffsetMs("Asia/Kolkata", Date.UTC(2025, 0, 1))).toBe(5.5 * 3_600_000);
  });

  it("has an acyclic manager hierarchy with the lead's 8 direct reports", () => {
    const byId = new Map(org.people.map((p) => [p.id, p]));
    for (const p of org.people) {
      const seen = new Set<string>();
      let cur = p.managerId;
      while (cur !== null) {
        expect(byId.has(cur), `${p.displayName}'s manager exists`).toBe(true);
        expect(seen.has(cur), "no manager cycles").toBe(false);
        seen.add(cur);
        cur = byId.get(cur)?.managerId ?? null;
      }
    }
    expect(org.people.filter((p) => p.managerId === ME_ID)).toHaveLength(8);
    expect(ME_ID).toBe(IDS.johanna);
  });

  it("watches the lead, her team and a few others by default (12 people)", () => {
    expect(DEFAULT_WATCHED_IDS).toHaveLength(12);
    expect(DEFAULT_WATCHED_IDS).toContain(ME_ID);
    const t = createDemoTenant({ now: () => 0 });
    expect(t.defaultWatchedIds).toEqual(DEFAULT_WATCHED_IDS);
    expect(t.meId).toBe(ME_ID);
    for (const id of DEFAULT_WATCHED_IDS) expect(t.allUserIds()).toContain(id);
  });

  it("has most people with photos and a few without", () => {
    const without = org.people.filter((p) => !p.hasPhoto);
    expect(without.length).toBeGreaterThanOrEqual(2);
    expect(without.length).toBeLessThan(org.people.length / 4);
  });

  it("generates extra people deterministically, independent of the presence seed", () => {
    const a = createDemoTenant({ extraPeople: 700, seed: 1, now: () => 0 }).allUserIds();
    const b = createDemoTenant({ extraPeople: 700, seed: 99, now: () => 0 }).allUserIds();
    expect(a).toHaveLength(HAND_WRITTEN_COUNT + 700);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    for (const id of a) expect(id).toMatch(GUID);
    // Hand-written ones first, and a larger tenant extends a smaller one.
    expect(a.slice(0, HAND_WRITTEN_COUNT)).toEqual(createDemoTenant({ now: () => 0 }).allUserIds());
    const big = buildOrganisation(5000);
    expect(big.people.slice(0, 700 + HAND_WRITTEN_COUNT).map((p) => p.id)).toEqual(a);
    expect(new Set(big.people.map((p) => p.mail)).size).toBe(big.people.length);
  });
});
