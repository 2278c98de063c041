import { describe, expect, it } from "vitest";
import { bannerFor, type BannerInput } from "./statusBanner";

const at = new Date(2026, 11, 4, 10, 42).getTime();
const base: BannerInput = { failure: null, failingSince: null, nextPollAt: null, signInNeeded: false, updatedAt: at - 60_000, now: at + 60_000 };

describe("bannerFor", () => {
  it("says nothing while polling works", () => {
    expect(bannerFor(base)).toBeNull();
  });
  it("says how long Graph asked us to wait", () => {
    const b = bannerFor({ ...base, failure: { kind: "throttled", retryAfterSeconds: 12 }, nextPollAt: base.now + 12_000 });
    expect(b?.text).toMatch(/^Microsoft Graph is throttling, retrying in 12 s\. Showing what the board last knew\.$/);
  });
  it("says since when the board is offline", () => {
    const b = bannerFor({ ...base, failure: { kind: "network" }, failingSince: at, nextPollAt: base.now + 300_000 });
    expect(b?.text).toContain("Offline since");
    expect(b?.text).toMatch(/10.42/);
    expect(b?.text).toContain("retrying in 5 min");
  });
  it("asks for sign-in above everything else", () => {
    const b = bannerFor({ ...base, signInNeeded: true, failure: { kind: "network" } });
    expect(b).toMatchObject({ action: "signIn", tone: "error" });
    expect(b?.text).toBe("Sign-in needed. Showing what the board last knew.");
  });
  it("names the HTTP status of a server failure and tells of unreadable data", () => {
    expect(bannerFor({ ...base, failure: { kind: "server", status: 503 } })?.text).toContain("HTTP 503");
    expect(bannerFor({ ...base, failure: { kind: "malformed" }, updatedAt: 0 })?.text).toBe(
      "Microsoft Graph sent data the board could not read — retrying soon.",
    );
  });
});
