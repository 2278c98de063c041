import { chunk, type GraphClient } from "./client";
import { GraphError } from "./errors";

/** Graph's limit for one getPresencesByUserId call. */
export const MAX_IDS_PER_PRESENCE_REQUEST = 650;

/** A presence as Graph sent it: only `id` is checked here; src/presence interprets the rest defensively. */
export interface RawPresence {
  id: string;
  [field: string]: unknown;
}

function readPresenceList(answer: unknown): RawPresence[] {
  const value = (answer as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) {
    throw new GraphError({
      kind: "malformed",
      status: 200,
      code: "malformedResponse",
      message: "Presence answer had no list of presences.",
    });
  }
  // One bad record must not cost the rest of the board: skip what has no id.
  return value.filter((p): p is RawPresence => !!p && typeof p === "object" && typeof (p as RawPresence).id === "string");
}

export async function getMyPresence(client: GraphClient, signal?: AbortSignal): Promise<RawPresence> {
  const answer = await client.request<unknown>({ path: "/me/presence", ...(signal ? { signal } : {}) });
  if (!answer || typeof answer !== "object") {
    throw new GraphError({ kind: "malformed", status: 200, code: "malformedResponse", message: "Presence answer was empty." });
  }
  return answer as RawPresence;
}

/**
 * Presence of many people: one POST per 650 ids (never one request per person).
 * Chunks go one after another, so a 5,000-person board never bursts the tenant's shared budget.
 */
export async function getPresencesByUserId(
  client: GraphClient,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<RawPresence[]> {
  const unique = [...new Set(ids)];
  const out: RawPresence[] = [];
  for (const part of chunk(unique, MAX_IDS_PER_PRESENCE_REQUEST)) {
    const answer = await client.request<unknown>({
      method: "POST",
      path: "/communications/getPresencesByUserId",
      body: { ids: part },
      ...(signal ? { signal } : {}),
    });
    out.push(...readPresenceList(answer));
  }
  return out;
}
