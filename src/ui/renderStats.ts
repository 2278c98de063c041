/**
 * Render counters for the benchmarks (tiles re-rendered per poll, commit time). Off unless a benchmark sets
 * `window.__presenceBoardStats = {}` before the app starts, so production pays one property read per render.
 */
export interface RenderStats {
  tileRenders?: number;
  /** Duration (ms) of each commit that applied a new presence snapshot. */
  commits?: number[];
  /** Entries changed by each merge. */
  changed?: number[];
}

function stats(): RenderStats | undefined {
  return (globalThis as { __presenceBoardStats?: RenderStats }).__presenceBoardStats;
}

export function countTileRender(): void {
  const s = stats();
  if (s) s.tileRenders = (s.tileRenders ?? 0) + 1;
}

export function recordCommit(ms: number, changed: number): void {
  const s = stats();
  if (!s) return;
  (s.commits ??= []).push(ms);
  (s.changed ??= []).push(changed);
}

export const now = (): number => performance.now();
