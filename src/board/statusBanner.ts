import type { PollFailure } from "./pollSchedule";

export interface BannerInput {
  failure: PollFailure | null;
  failingSince: number | null;
  nextPollAt: number | null;
  signInNeeded: boolean;
  /** Last successful poll, 0 if none yet. */
  updatedAt: number;
  now: number;
}

export interface Banner {
  tone: "warning" | "error" | "info";
  text: string;
  action: "signIn" | "retry" | null;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

function retryIn(nextPollAt: number | null, now: number): string {
  if (nextPollAt === null) return "retrying soon";
  const s = Math.max(0, Math.ceil((nextPollAt - now) / 1000));
  if (s <= 1) return "retrying now";
  return s < 120 ? `retrying in ${s} s` : `retrying in ${Math.round(s / 60)} min`;
}

/** Why the board is not fresh, in words the person at the wall understands. Null when all is well. */
export function bannerFor(input: BannerInput): Banner | null {
  const { failure, failingSince, nextPollAt, signInNeeded, updatedAt, now } = input;
  const lastKnown = updatedAt ? " Showing what the board last knew." : "";
  if (signInNeeded || failure?.kind === "signIn") {
    return { tone: "error", text: `Sign-in needed.${lastKnown}`, action: "signIn" };
  }
  if (!failure) return null;
  const since = failingSince ? clock.format(failingSince) : null;
  switch (failure.kind) {
    case "throttled":
      return { tone: "warning", text: `Microsoft Graph is throttling, ${retryIn(nextPollAt, now)}.${lastKnown}`, action: null };
    case "network":
      return { tone: "error", text: `Offline${since ? ` since ${since}` : ""} — ${retryIn(nextPollAt, now)}.${lastKnown}`, action: "retry" };
    case "server":
      return {
        tone: "error",
        text: `Microsoft Graph is not answering (HTTP ${failure.status})${since ? ` since ${since}` : ""} — ${retryIn(nextPollAt, now)}.${lastKnown}`,
        action: "retry",
      };
    case "malformed":
      return { tone: "warning", text: `Microsoft Graph sent data the board could not read — ${retryIn(nextPollAt, now)}.${lastKnown}`, action: "retry" };
    default:
      return { tone: "warning", text: `Presence could not be updated — ${retryIn(nextPollAt, now)}.${lastKnown}`, action: "retry" };
  }
}
