/**
 * A bounded, batched cache of per-person data (profiles, photos). Components ask for the ids they show; missing or
 * expired ids are loaded together (one batched Graph call per `batchSize`), never one request per person.
 * Least-recently-used entries beyond `maxEntries` are evicted and handed to `onEvict` (photos revoke object URLs).
 */

export interface EntityStoreOptions<V> {
  load: (ids: string[]) => Promise<Map<string, V | null>>;
  ttlMs: number;
  maxEntries: number;
  /** How many ids one load() call gets (it may make several Graph calls inside). */
  batchSize: number;
  /** Loads running at once. */
  concurrency?: number;
  onEvict?: (value: V) => void;
  now?: () => number;
  /** After a failed load, wait this long before asking for those ids again. */
  retryAfterMs?: number;
}

interface Slot<V> {
  value: V | null;
  loadedAt: number;
}

export interface EntityStore<V> {
  /** Ask for ids; returns at once, loads in the background. */
  request(ids: readonly string[]): void;
  get(id: string): V | null | undefined;
  /** Bumps on every change, for useSyncExternalStore. */
  version(): number;
  subscribe(listener: () => void): () => void;
  size(): number;
  /** Drop everything (sign-out). */
  clear(): void;
}

export function createEntityStore<V>(options: EntityStoreOptions<V>): EntityStore<V> {
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 2;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  // Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const slots = new Map<string, Slot<V>>();
  const queued = new Set<string>();
  const inFlight = new Set<string>();
  const failedAt = new Map<string, number>();
  const listeners = new Set<() => void>();
  let running = 0;
  let ver = 0;

  const emit = () => {
    ver += 1;
    for (const l of listeners) l();
  };

  function evictOverflow() {
    while (slots.size > options.maxEntries) {
      const oldest = slots.keys().next().value as string;
      const slot = slots.get(oldest)!;
      slots.delete(oldest);
      if (slot.value !== null) options.onEvict?.(slot.value);
    }
  }

  function pump() {
    while (running < concurrency && queued.size > 0) {
      const ids = [...queued].slice(0, options.batchSize);
      for (const id of ids) {
        queued.delete(id);
        inFlight.add(id);
      }
      running += 1;
      options
        .load(ids)
        .then((found) => {
          const at = now();
          for (const id of ids) {
            if (!found.has(id)) {
              failedAt.set(id, at);
              continue;
            }
            const old = slots.get(id);
            if (old?.value != null && old.value !== found.get(id)) options.onEvict?.(old.value);
            slots.delete(id);
            slots.set(id, { value: found.get(id) ?? null, loadedAt: at });
            failedAt.delete(id);
          }
          evictOverflow();
        })
        .catch(() => {
          const at = now();
          for (const id of ids) failedAt.set(id, at);
        })
        .finally(() => {
          for (const id of ids) inFlight.delete(id);
          running -= 1;
          emit();
          pump();
        });
    }
  }

  return {
    request(ids) {
      const at = now();
      let added = false;
      for (const id of ids) {
        const slot = slots.get(id);
        if (slot && at - slot.loadedAt < options.ttlMs) continue;
        if (inFlight.has(id) || queued.has(id)) continue;
        const failed = failedAt.get(id);
        if (failed !== undefined && at - failed < retryAfterMs) continue;
        queued.add(id);
        added = true;
      }
      if (added) pump();
    },
    get(id) {
      const slot = slots.get(id);
      if (!slot) return undefined;
      // Touch: most recently used goes last.
      slots.delete(id);
      slots.set(id, slot);
      return slot.value;
    },
    version: () => ver,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => slots.size,
    clear() {
      for (const slot of slots.values()) if (slot.value !== null) options.onEvict?.(slot.value);
      slots.clear();
      queued.clear();
      failedAt.clear();
      emit();
    },
  };
}
