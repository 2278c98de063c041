import { describe, expect, it } from "vitest";
import { MAX_BACKOFF_MS, nextPollDelay, type PollState } from "./pollSchedule";

const base: PollState = { intervalMs: 15_000, consecutiveFailures: 0, lastFailure: null, notBefore: 0, now: 1_000, random: 0.5 };

describe("nextPollDelay", () => {
  it("polls at the configured interval while all is well", () => {
    expect(nextPollDelay(base)).toBe(15_000);
  });

  it("honours a decimal Retry-After exactly when it is longer than the interval", () => {
    const delay = nextPollDelay({ ...base, consecutiveFailures: 1, lastFailure: { kind: "throttled", retryAfterSeconds: 42.5 } });
    expect(delay).toBe(42_500);
  });

  it("never polls faster than the interval even when Graph says 2.128 s", () => {
    const delay = nextPollDelay({ ...base, consecutiveFailures: 1, lastFailure: { kind: "throttled", retryAfterSeconds: 2.128 } });
    expect(delay).toBe(15_000);
  });

  it("waits for a hold from an earlier 429 even after a success", () => {
    expect(nextPollDelay({ ...base, notBefore: 61_000 })).toBe(60_000);
  });

  it("backs off exponentially with jitter when a 429 has no readable Retry-After", () => {
    const at = (n: number, random: number) =>
      nextPollDelay({ ...base, consecutiveFailures: n, lastFailure: { kind: "throttled", retryAfterSeconds: null }, random });
    expect(at(2, 1)).toBe(30_000);
    expect(at(3, 1)).toBe(60_000);
    expect(at(3, 0)).toBe(30_000);
  });

  it("backs off on server errors and network loss, up to the cap", () => {
    const at = (n: number, random = 1) => nextPollDelay({ ...base, consecutiveFailures: n, lastFailure: { kind: "server", status: 503 }, random });
    expect(at(1)).toBe(15_000);
    expect(at(4)).toBe(120_000);
    expect(at(30)).toBe(MAX_BACKOFF_MS);
    expect(nextPollDelay({ ...base, consecutiveFailures: 50, lastFailure: { kind: "network" }, random: 0 })).toBe(MAX_BACKOFF_MS / 2);
  });

  it("returns to the interval at once after a success", () => {
    expect(nextPollDelay({ ...base, consecutiveFailures: 0, lastFailure: { kind: "network" } })).toBe(15_000);
  });
});
