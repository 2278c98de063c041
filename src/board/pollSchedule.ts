/**
 * When to ask Graph next. Pure, so every branch is unit-tested: a 429's Retry-After is honoured exactly, other
 * failures back off exponentially with jitter up to a cap, and success returns to the configured interval at once.
 */

export type PollFailure =
  | { kind: "throttled"; retryAfterSeconds: number | null }
  | { kind: "server"; status: number }
  | { kind: "network" }
  | { kind: "signIn" }
  | { kind: "malformed" }
  | { kind: "other" };

export interface PollState {
  intervalMs: number;
  /** Failures in a row since the last success. */
  consecutiveFailures: number;
  lastFailure: PollFailure | null;
  /** Epoch ms before which Graph asked us not to call (from the Graph client). */
  notBefore: number;
  now: number;
  /** 0..1, injectable for tests. */
  random: number;
}

/** Five minutes: long enough not to hammer a struggling service, short enough for a wall board to recover by itself. */
export const MAX_BACKOFF_MS = 5 * 60 * 1000;

export function nextPollDelay(state: PollState): number {
  const { intervalMs, consecutiveFailures, lastFailure, notBefore, now, random } = state;
  const hold = Math.max(0, notBefore - now);
  if (!lastFailure || consecutiveFailures === 0) return Math.max(intervalMs, hold);

  if (lastFailure.kind === "throttled" && lastFailure.retryAfterSeconds !== null) {
    // Exactly what Graph asked for (the client also holds every request until then), never faster than the interval.
    return Math.max(hold, lastFailure.retryAfterSeconds * 1000, intervalMs);
  }
  // Exponential from the interval, with "equal jitter" so many boards of a tenant do not retry in lockstep.
  const exp = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(consecutiveFailures - 1, 16));
  const jittered = exp / 2 + (exp / 2) * random;
  return Math.max(hold, intervalMs, Math.round(jittered));
}
