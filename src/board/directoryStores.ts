import { createContext, useContext, useEffect, useSyncExternalStore } from "react";
import type { GraphClient } from "../graph/client";
import { getPeopleByIds, getPhotos, type Person } from "../graph/directory";
import { createEntityStore, type EntityStore } from "./entityStore";

const HOUR = 60 * 60 * 1000;

export interface DirectoryStores {
  people: EntityStore<Person>;
  /** Object URLs of small profile photos; revoked when evicted. */
  photos: EntityStore<string>;
}

/** Profiles: 300 per Graph request (20 × `id in (15 ids)` in one $batch). Photos: 20 per $batch. Both kept an hour. */
export function createDirectoryStores(graph: GraphClient): DirectoryStores {
  return {
    people: createEntityStore<Person>({
      load: (ids) => getPeopleByIds(graph, ids),
      batchSize: 300,
      ttlMs: HOUR,
      maxEntries: 6000,
    }),
    photos: createEntityStore<string>({
      load: async (ids) => {
        const blobs = await getPhotos(graph, ids);
        const urls = new Map<string, string | null>();
        for (const [id, blob] of blobs) urls.set(id, blob ? URL.createObjectURL(blob) : null);
        return urls;
      },
      batchSize: 20,
      ttlMs: HOUR,
      // Photos are the heavy part: keep what a big wall shows, evict (and revoke) the rest.
      maxEntries: 800,
      onEvict: (url) => URL.revokeObjectURL(url),
    }),
  };
}

export const DirectoryContext = createContext<DirectoryStores | null>(null);

function useStores(): DirectoryStores {
  const stores = useContext(DirectoryContext);
  if (!stores) throw new Error("useStores outside DirectoryContext");
  return stores;
}

/** Re-renders the caller when the store changes; ask for `ids` in the background. */
function useEntities<V>(store: EntityStore<V>, ids: readonly string[], enabled = true): EntityStore<V> {
  useSyncExternalStore(store.subscribe, store.version);
  const idsKey = ids.join(",");
  useEffect(() => {
    if (enabled && idsKey) store.request(idsKey.split(","));
  }, [store, idsKey, enabled]);
  return store;
}

export function usePeople(ids: readonly string[]): EntityStore<Person> {
  return useEntities(useStores().people, ids);
}

export function usePhotos(ids: readonly string[], enabled = true): EntityStore<string> {
  return useEntities(useStores().photos, ids, enabled);
}
