/**
 * Wall mode's unattended recovery (config `autoReauth`): when silent renewal has failed, try a sign-in redirect with
 * `prompt=none` and the account's login hint. With a single-sign-on session at the identity provider the board comes
 * back by itself; without one the redirect returns at once with an error and the board shows "Sign in again".
 * Bounded so it can never loop: at most one attempt per MIN_GAP, at most MAX_PER_DAY a day, history kept in storage.
 */
export const AUTO_REAUTH_KEY = "presence-board.auto-reauth";
export const MIN_GAP_MS = 15 * 60 * 1000;
export const MAX_PER_DAY = 12;
const DAY = 24 * 60 * 60 * 1000;

type Store = Pick<Storage, "getItem" | "setItem">;

export function readAttempts(storage: Store): number[] {
  try {
    const raw: unknown = JSON.parse(storage.getItem(AUTO_REAUTH_KEY) ?? "[]");
    return Array.isArray(raw) ? raw.filter((t): t is number => typeof t === "number" && Number.isFinite(t)) : [];
  } catch {
    return [];
  }
}

/** Decide and, when allowed, record the attempt before it is made (a redirect leaves no chance afterwards). */
export function claimAutoReauthAttempt(storage: Store, now: number): boolean {
  const recent = readAttempts(storage).filter((t) => now - t < DAY && t <= now);
  const last = recent.length ? Math.max(...recent) : null;
  if (last !== null && now - last < MIN_GAP_MS) return false;
  if (recent.length >= MAX_PER_DAY) return false;
  try {
    storage.setItem(AUTO_REAUTH_KEY, JSON.stringify([...recent, now]));
  } catch {
    // If the attempt cannot be recorded it could repeat without bound: do not attempt.
    return false;
  }
  return true;
}
