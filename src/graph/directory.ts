import { chunk, MAX_BATCH, type GraphClient } from "./client";
import { GraphError } from "./errors";

/** A person as the board needs them. Strings come from Graph and are untrusted: rendered as text only. */
export interface Person {
  id: string;
  displayName: string;
  jobTitle: string | null;
  mail: string | null;
  userPrincipalName: string | null;
  department: string | null;
}

export interface GroupSummary {
  id: string;
  displayName: string;
  description: string | null;
  mail: string | null;
}

const PERSON_FIELDS = "id,displayName,jobTitle,mail,userPrincipalName,department";
/** Graph allows at most 15 values in an `in (…)` filter. */
const IDS_PER_FILTER = 15;

/** At least one character that draws something (not only spaces, controls, zero-width or combining characters). */
const VISIBLE = /[^\p{Z}\s\p{Cc}\p{Cf}\p{M}]/u;

const text = (v: unknown, max = 256): string | null => {
  if (typeof v !== "string" || !VISIBLE.test(v)) return null;
  // Never cut between the two halves of a surrogate pair (an emoji name would end in a replacement box).
  const cut = v.length > max && /[\uD800-\uDBFF]/.test(v.charAt(max - 1)) ? max - 1 : max;
  return v.slice(0, cut);
};

export function toPerson(raw: unknown): Person | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== "string" || !r.id) return null;
  const upn = text(r.userPrincipalName);
  return {
    id: r.id,
    displayName: text(r.displayName) ?? upn ?? text(r.mail) ?? "Unknown person",
    jobTitle: text(r.jobTitle),
    mail: text(r.mail),
    userPrincipalName: upn,
    department: text(r.department),
  };
}

function toGroup(raw: unknown): GroupSummary | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== "string") return null;
  return { id: r.id, displayName: text(r.displayName) ?? "Unnamed group", description: text(r.description, 500), mail: text(r.mail) };
}

function listOf(answer: unknown): unknown[] {
  const value = (answer as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) {
    throw new GraphError({ kind: "malformed", status: 200, code: "malformedResponse", message: "Expected a list from Graph." });
  }
  return value;
}

const people = (list: unknown[]) => list.map(toPerson).filter((p): p is Person => p !== null);

/** `$search` needs a quoted clause; a quote or backslash in what the user typed would break it. */
function searchClause(field: string, query: string): string {
  return `"${field}:${query.replace(/["\\]/g, " ").trim()}"`;
}

export async function getMe(client: GraphClient): Promise<Person> {
  const me = toPerson(await client.request<unknown>({ path: `/me?$select=${PERSON_FIELDS}` }));
  if (!me) throw new GraphError({ kind: "malformed", status: 200, code: "malformedResponse", message: "Profile answer was empty." });
  return me;
}

/** Directory search by name or mail, as Teams' people picker does. */
export async function searchPeople(client: GraphClient, query: string, signal?: AbortSignal): Promise<Person[]> {
  const q = query.trim();
  if (!q) return [];
  const search = encodeURIComponent(`${searchClause("displayName", q)} OR ${searchClause("mail", q)}`);
  const answer = await client.request<unknown>({
    path: `/users?$search=${search}&$count=true&$top=15&$select=${PERSON_FIELDS}`,
    headers: { ConsistencyLevel: "eventual" },
    ...(signal ? { signal } : {}),
  });
  return people(listOf(answer));
}

export async function searchGroups(client: GraphClient, query: string, signal?: AbortSignal): Promise<GroupSummary[]> {
  const q = query.trim();
  if (!q) return [];
  const answer = await client.request<unknown>({
    path: `/groups?$search=${encodeURIComponent(searchClause("displayName", q))}&$count=true&$top=10&$select=id,displayName,description,mail`,
    headers: { ConsistencyLevel: "eventual" },
    ...(signal ? { signal } : {}),
  });
  return listOf(answer).map(toGroup).filter((g): g is GroupSummary => g !== null);
}

/** Follow `@odata.nextLink` until the end (bounded, so a misbehaving server cannot loop us forever). */
async function allPages(client: GraphClient, firstPath: string, headers?: Record<string, string>): Promise<unknown[]> {
  const out: unknown[] = [];
  let path: string | null = firstPath;
  for (let page = 0; path && page < 200; page++) {
    const answer: unknown = await client.request<unknown>({ path, ...(headers ? { headers } : {}) });
    out.push(...listOf(answer));
    const next = (answer as { "@odata.nextLink"?: unknown })["@odata.nextLink"];
    path = typeof next === "string" ? pathBelowVersion(next) : null;
  }
  return out;
}

/** nextLink is absolute (`https://graph…/v1.0/users?$skiptoken=…`); the client wants the part after the version. */
export function pathBelowVersion(link: string): string {
  const url = new URL(link);
  return url.pathname.replace(/^\/(v1\.0|beta)/, "") + url.search;
}

/** Everyone in a group, including members of nested groups (people only). */
export async function getGroupMembers(client: GraphClient, groupId: string): Promise<Person[]> {
  const list = await allPages(
    client,
    `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$select=${PERSON_FIELDS}&$top=999`,
  );
  return people(list);
}

/** "My team": my manager's direct reports (my peers) and my own direct reports. */
export async function getMyTeam(client: GraphClient): Promise<Person[]> {
  const found = new Map<string, Person>();
  let manager: Person | null = null;
  try {
    manager = toPerson(await client.request<unknown>({ path: `/me/manager?$select=${PERSON_FIELDS}` }));
  } catch (error) {
    if (!(error instanceof GraphError && error.status === 404)) throw error;
  }
  if (manager) {
    found.set(manager.id, manager);
    for (const p of people(await allPages(client, `/users/${manager.id}/directReports?$select=${PERSON_FIELDS}`))) found.set(p.id, p);
  }
  for (const p of people(await allPages(client, `/me/directReports?$select=${PERSON_FIELDS}`))) found.set(p.id, p);
  return [...found.values()];
}

/**
 * Profiles of many people at once: `$filter=id in (…)` (15 ids each) packed 20 to a `$batch`, so 700 people cost 3
 * requests, not 700. Ids that are not GUIDs are looked up as UPNs. The answer is keyed by the ids as asked; null means
 * the directory answered and has no such person (deleted, or a typo in a share link). Ids whose request failed
 * (throttled, 5xx) are left out, so they are asked again later.
 */
export async function getPeopleByIds(client: GraphClient, ids: readonly string[]): Promise<Map<string, Person | null>> {
  const found = new Map<string, Person | null>();
  const guids = ids.filter((id) => GUID.test(id));
  const upns = ids.filter((id) => !GUID.test(id));
  const filters = chunk(guids, IDS_PER_FILTER);
  const items = [
    ...filters.map((part, i) => ({
      id: `f${i}`,
      method: "GET" as const,
      url: `/users?$filter=${encodeURIComponent(`id in (${part.map((id) => `'${id}'`).join(",")})`)}&$select=${PERSON_FIELDS}`,
    })),
    ...upns.map((upn, i) => ({
      id: `u${i}`,
      method: "GET" as const,
      url: `/users/${encodeURIComponent(upn)}?$select=${PERSON_FIELDS}`,
    })),
  ];
  for (const part of chunk(items, MAX_BATCH)) {
    for (const answer of await client.batch(part)) {
      const index = Number(answer.id.slice(1));
      if (answer.id.startsWith("f")) {
        const asked = filters[index];
        const list = (answer.body as { value?: unknown } | null)?.value;
        if (!asked || answer.status !== 200 || !Array.isArray(list)) continue;
        const byId = new Map(people(list).map((p) => [p.id.toLowerCase(), p] as const));
        for (const id of asked) found.set(id, byId.get(id.toLowerCase()) ?? null);
      } else {
        const upn = upns[index];
        if (upn === undefined) continue;
        if (answer.status === 200) found.set(upn, toPerson(answer.body));
        else if (answer.status === 404) found.set(upn, null);
      }
    }
  }
  return found;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Small profile photos, 20 to a `$batch`. Missing photos (404) come back as null: the tile shows initials. */
export async function getPhotos(client: GraphClient, ids: readonly string[]): Promise<Map<string, Blob | null>> {
  const out = new Map<string, Blob | null>();
  for (const part of chunk([...ids], MAX_BATCH)) {
    const answers = await client.batch(
      part.map((id, i) => ({ id: String(i), method: "GET", url: `/users/${id}/photos/64x64/$value` })),
    );
    for (const answer of answers) {
      const id = part[Number(answer.id)];
      if (!id) continue;
      if (answer.status === 200 && typeof answer.body === "string") {
        const type = answer.headers["content-type"] ?? "image/jpeg";
        if (!/^image\/(jpeg|png|gif|webp|svg\+xml)/.test(type)) continue;
        out.set(id, base64ToBlob(answer.body, type));
      } else if (answer.status === 404) {
        out.set(id, null);
      }
      // Other failures (429, 5xx) are left out, so they are asked again later.
    }
  }
  return out;
}

function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}
