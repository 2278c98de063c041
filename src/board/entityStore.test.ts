import { describe, expect, it } from "vitest";
import { createEntityStore } from "./entityStore";

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(maxEntries = 100) {
  const calls: string[][] = [];
  const evicted: string[] = [];
  const clock = { t: 0 };
  const store = createEntityStore<string>({
    load: async (ids) => {
      calls.push(ids);
      return new Map<string, string | null>(ids.map((id) => [id, id.startsWith("missing") ? null : `v:${id}`]));
    },
    ttlMs: 1000,
    maxEntries,
    batchSize: 20,
    concurrency: 1,
    onEvict: (v) => evicted.push(v),
    now: () => clock.t,
  });
  return { store, calls, evicted, clock };
}

describe("entity store", () => {
  it("loads 700 ids in batches of 20, not one by one, and only once", async () => {
    const { store, calls } = setup(1000);
    const ids = Array.from({ length: 700 }, (_, i) => `u${i}`);
    store.request(ids);
    store.request(ids);
    for (let i = 0; i < 50; i++) await flush();
    expect(calls).toHaveLength(35);
    expect(store.get("u699")).toBe("v:u699");
  });

  it("remembers 'not found' as null (initials) without asking again", async () => {
    const { store, calls } = setup();
    store.request(["missing1"]);
    await flush();
    await flush();
    expect(store.get("missing1")).toBeNull();
    store.request(["missing1"]);
    expect(calls).toHaveLength(1);
  });

  it("reloads after the TTL and evicts least recently used beyond the bound", async () => {
    const { store, calls, evicted, clock } = setup(2);
    store.request(["a", "b"]);
    for (let i = 0; i < 5; i++) await flush();
    store.get("a"); // a is now most recent
    store.request(["c"]);
    for (let i = 0; i < 5; i++) await flush();
    expect(store.size()).toBe(2);
    expect(evicted).toEqual(["v:b"]);
    clock.t = 2000;
    store.request(["a"]);
    for (let i = 0; i < 5; i++) await flush();
    expect(calls.at(-1)).toEqual(["a"]);
  });

  it("does not retry a failed load at once", async () => {
    const clock = { t: 0 };
    let n = 0;
    const store = createEntityStore<string>({
      load: async () => {
        n += 1;
        throw new Error("429");
      },
      ttlMs: 1000, maxEntries: 10, batchSize: 20, now: () => clock.t, retryAfterMs: 500,
    });
    store.request(["a"]);
    for (let i = 0; i < 5; i++) await flush();
    store.request(["a"]);
    expect(n).toBe(1);
    clock.t = 600;
    store.request(["a"]);
    expect(n).toBe(2);
  });
});
