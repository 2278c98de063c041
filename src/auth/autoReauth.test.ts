import { describe, expect, it } from "vitest";
import { AUTO_REAUTH_KEY, claimAutoReauthAttempt, MAX_PER_DAY, MIN_GAP_MS } from "./autoReauth";

function memory(initial?: string) {
  const data = new Map<string, string>(initial === undefined ? [] : [[AUTO_REAUTH_KEY, initial]]);
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("claimAutoReauthAttempt", () => {
  it("allows a first attempt and records it", () => {
    const s = memory();
    expect(claimAutoReauthAttempt(s, 1_000_000)).toBe(true);
    expect(JSON.parse(s.data.get(AUTO_REAUTH_KEY)!)).toEqual([1_000_000]);
  });

  it("never retries sooner than the minimum gap (no redirect loop)", () => {
    const s = memory();
    const t = 10 * MIN_GAP_MS;
    expect(claimAutoReauthAttempt(s, t)).toBe(true);
    expect(claimAutoReauthAttempt(s, t + 1000)).toBe(false);
    expect(claimAutoReauthAttempt(s, t + MIN_GAP_MS - 1)).toBe(false);
    expect(claimAutoReauthAttempt(s, t + MIN_GAP_MS)).toBe(true);
  });

  it("stops after the daily maximum", () => {
    const s = memory();
    let t = 1e12;
    let allowed = 0;
    for (let i = 0; i < 200; i++, t += MIN_GAP_MS) if (claimAutoReauthAttempt(s, t)) allowed++;
    // 200 slots of 15 min span about 2 days: at most MAX_PER_DAY in any rolling day.
    expect(allowed).toBeLessThanOrEqual(MAX_PER_DAY * 3);
    const stamps = JSON.parse(s.data.get(AUTO_REAUTH_KEY)!) as number[];
    expect(stamps.length).toBeLessThanOrEqual(MAX_PER_DAY);
  });

  it("treats corrupted history as empty and refuses when it cannot record", () => {
    expect(claimAutoReauthAttempt(memory("{garbage"), 5)).toBe(true);
    const readOnly = { getItem: () => null, setItem: () => { throw new Error("quota"); } };
    expect(claimAutoReauthAttempt(readOnly, 5)).toBe(false);
  });
});
