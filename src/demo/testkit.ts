/** Helpers shared by the demo tenant's tests (test-only; nothing in the app imports this). */
import { createDemoTenant } from "./tenant";
import type { DemoTenantOptions } from "./contract";
import { zoneOffsetMs } from "./zones";

export const GRAPH = "https://graph.microsoft.com/v1.0";

export type Tenant = ReturnType<typeof createDemoTenant>;

/** A tenant whose real clock is under test control; `advanceReal(ms)` moves it. */
export function tenantAt(startAt: number, options: DemoTenantOptions = {}): { t: Tenant; advanceReal(ms: number): void } {
  let real = 1_000_000;
  const t = createDemoTenant({ now: () => real, startAt, ...options });
  return { t, advanceReal: (ms) => void (real += ms) };
}

/** UTC instant of a wall-clock time in `zone` (month 1-based). */
export function utcForLocal(zone: string, y: number, mo: number, d: number, h: number, mi = 0): number {
  const local = Date.UTC(y, mo - 1, d, h, mi);
  let utc = local - zoneOffsetMs(zone, local);
  utc = local - zoneOffsetMs(zone, utc);
  return utc;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  t: Tenant,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; meId?: string } = {},
): Promise<Answer<T>> {
  const full = url.startsWith("http") ? url : `${GRAPH}${url}`;
  const init: RequestInit = { method, headers: options.headers ?? {} };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  }
  const res = await t.handle(new Request(full, init), options.meId ? { meId: options.meId } : undefined);
  const ct = res.headers.get("Content-Type") ?? "";
  const body = (ct.startsWith("application/json") ? await res.json() : await res.text()) as T;
  return { status: res.status, headers: res.headers, body };
}

export const get = <T = Record<string, unknown>>(t: Tenant, url: string, headers?: Record<string, string>) =>
  call<T>(t, "GET", url, { headers });

export const post = <T = Record<string, unknown>>(t: Tenant, url: string, body: unknown, headers?: Record<string, string>) =>
  call<T>(t, "POST", url, { body, headers });

export interface PresenceJson {
  id: string;
  availability: string;
  activity: string;
  sequenceNumber: string;
  statusMessage: { message: { content: string; contentType: string } } | null;
  outOfOfficeSettings: { isOutOfOffice: boolean; message: string | null };
  workLocation: { workLocationType: string; source: string; placeId: string | null };
  [k: string]: unknown;
}

export async function presences(t: Tenant, ids: readonly string[]): Promise<PresenceJson[]> {
  const r = await post<{ value: PresenceJson[] }>(t, "/communications/getPresencesByUserId", { ids });
  if (r.status !== 200) throw new Error(`getPresencesByUserId: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.value;
}

export async function presence(t: Tenant, id: string): Promise<PresenceJson> {
  const r = await get<PresenceJson>(t, `/users/${id}/presence`);
  if (r.status !== 200) throw new Error(`presence: ${r.status}`);
  return r.body;
}

/** JSON "type skeleton": objects keep their keys, leaves become type names. */
export function shapeOf(v: unknown): unknown {
  if (v === null) return "null";
  if (Array.isArray(v)) return v.length > 0 ? [shapeOf(v[0])] : [];
  if (typeof v === "object") {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, shapeOf(x)]));
  }
  return typeof v;
}

/**
 * Every key of `expected` (a documented example) exists in `actual` with the same JSON type. A documented null also
 * accepts a string (the docs show null where real data has text, e.g. outOfOfficeSettings.message).
 */
export function assertCovers(expected: unknown, actual: unknown, path = "$"): void {
  if (expected === null) {
    if (actual !== null && typeof actual !== "string") throw new Error(`${path}: expected null|string, got ${typeof actual}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) throw new Error(`${path}: expected array`);
    if (expected.length > 0) for (const a of actual) assertCovers(expected[0], a, `${path}[]`);
    return;
  }
  if (typeof expected === "object") {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) throw new Error(`${path}: expected object`);
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      if (!(k in (actual as Record<string, unknown>))) throw new Error(`${path}.${k}: missing`);
      assertCovers(v, (actual as Record<string, unknown>)[k], `${path}.${k}`);
    }
    return;
  }
  if (typeof actual !== typeof expected) throw new Error(`${path}: expected ${typeof expected}, got ${typeof actual}`);
}
