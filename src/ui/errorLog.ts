/** Recent errors for the diagnostics panel: bounded, so weeks of uptime cannot grow it. */
export interface LoggedError {
  at: number;
  message: string;
  detail?: string | undefined;
}

const MAX = 20;
const entries: LoggedError[] = [];
let total = 0;
const listeners = new Set<() => void>();

export function recordError(message: string, detail?: string): void {
  total += 1;
  // Never keep anything that looks like a bearer token.
  const clean = (s: string) => s.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, "[token]").slice(0, 500);
  entries.unshift({ at: Date.now(), message: clean(message), detail: detail ? clean(detail) : undefined });
  entries.length = Math.min(entries.length, MAX);
  for (const l of listeners) l();
}

export const errorLog = {
  entries: (): readonly LoggedError[] => entries,
  total: () => total,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
