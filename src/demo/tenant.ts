/**
 * The simulated tenant: answers Microsoft Graph requests in-process from a deterministic model of an organisation.
 * Web-standard APIs only (Request/Response/URL/Headers/TextEncoder/Intl), so the same code serves the browser demo
 * and the Node stand-in. State kept between requests is bounded by the number of people (knobs) plus a few counters.
 */
import type { DemoFaults, DemoTenant, DemoTenantOptions } from "./contract";
import { PHOTO_SIZES, avatarSvg } from "./avatar";
import {
  GraphError,
  JSON_CONTENT_TYPE,
  badRequest,
  base64,
  graphDate,
  isEventual,
  matchesFilter,
  matchesSearch,
  notFound,
  paginate,
  parseFilter,
  parseOrderBy,
  parseQuery,
  parseSearch,
  parseSelect,
  project,
  propTable,
  unsupportedQuery,
} from "./graphHttp";
import { buildOrganisation, DEFAULT_WATCHED_IDS, ME_ID, type GroupSpec, type PersonSpec } from "./people";
import { guidFrom, hash32, hashString, mulberry32 } from "./prng";
import {
  SLOTS_PER_LOCAL_DAY,
  SLOT_MS,
  STATES,
  makeTraits,
  stateAt,
  stateStartSlot,
  weekdayOf,
  workLocationAt,
  type Traits,
} from "./schedule";
import { WINDOWS_ZONE, formatterCount, zoneOffsetMs } from "./zones";

/**
 * Simulated seconds per real second. At 20 an hour passes in 3 real minutes and a 5-minute presence slot in 15 s (one
 * poll at the default interval), so a board of ~12 people changes in ~97% of real minutes of a working day (measured
 * over a day: 10 left 9% of minutes without any change), while short states still survive at least one poll.
 */
export const DEFAULT_SPEED = 20;

/** Hard limits Graph documents. */
export const MAX_PRESENCE_IDS = 650;
export const MAX_BATCH_REQUESTS = 20;

/** Diagnostics for tests: sizes of everything the tenant keeps between requests. */
export interface DemoTenantDebug {
  debugStats(): { overrides: number; sequenceFloors: number; zoneFormatters: number; requestsServed: number };
}

const USER_DEFAULT = [
  "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation",
  "preferredLanguage", "surname", "userPrincipalName", "id",
] as const;
const USER_KNOWN = [
  ...USER_DEFAULT, "department", "mailNickname", "city", "country", "usageLocation", "companyName", "userType",
  "accountEnabled", "mailboxSettings", "employeeId", "employeeType", "otherMails", "proxyAddresses", "state",
  "streetAddress", "postalCode", "createdDateTime", "aboutMe", "birthday", "hireDate", "interests", "skills",
  "responsibilities", "schools", "pastProjects", "mySite", "preferredName", "faxNumber", "imAddresses",
  "showInAddressList", "ageGroup", "creationType", "externalUserState", "onPremisesSamAccountName",
];
const GROUP_DEFAULT = [
  "id", "displayName", "description", "mail", "mailNickname", "mailEnabled", "securityEnabled", "groupTypes",
  "visibility", "resourceProvisioningOptions", "createdDateTime", "classification",
] as const;

const USER_PROPS = propTable(USER_KNOWN);
const GROUP_PROPS = propTable(GROUP_DEFAULT);
const DIRECTORY_OBJECT_PROPS = propTable([...USER_KNOWN, ...GROUP_DEFAULT]);
const USER_SEARCHABLE = propTable(["displayName", "givenName", "surname", "mail", "userPrincipalName", "mailNickname", "jobTitle", "department"]);
const GROUP_SEARCHABLE = propTable(["displayName", "description", "mail", "mailNickname"]);
const USER_FILTERABLE = propTable(["id", "displayName", "givenName", "surname", "mail", "userPrincipalName", "mailNickname", "jobTitle", "department", "userType", "officeLocation"]);
const GROUP_FILTERABLE = propTable(["id", "displayName", "mail", "mailNickname"]);

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_EXPIRY = "9999-12-31T23:59:59.9999999";
const PLACE_SALT = 0x91ace;
const USER_TYPE = "#microsoft.graph.user";
const GROUP_TYPE = "#microsoft.graph.group";

/** Per-request context: one simulated instant, zone offsets computed at most once per zone, then dropped. */
interface Ctx {
  url: URL;
  base: string;
  version: "v1.0" | "beta";
  segments: string[];
  query: Map<string, string>;
  headers: Headers;
  method: string;
  meId: string;
  simNow: number;
  requestId: string;
  date: string;
  offsets: Map<string, number>;
}

type Json = Record<string, unknown>;

function directoryRecord(p: PersonSpec): Json {
  return {
    id: p.id,
    displayName: p.displayName,
    givenName: p.givenName,
    surname: p.surname,
    jobTitle: p.jobTitle,
    department: p.department,
    mail: p.mail,
    userPrincipalName: p.userPrincipalName,
    mailNickname: p.mailNickname,
    officeLocation: p.officeLocation,
    businessPhones: [...p.businessPhones],
    mobilePhone: null,
    preferredLanguage: p.preferredLanguage,
    city: p.city,
    country: p.country,
    usageLocation: p.usageLocation,
    companyName: p.userType === "Guest" ? "Fabrikam" : "Contoso",
    userType: p.userType,
    accountEnabled: true,
  };
}

function groupRecord(g: GroupSpec): Json {
  return {
    id: g.id,
    displayName: g.displayName,
    description: g.description,
    mail: `${g.mailNickname}@contoso.example`,
    mailNickname: g.mailNickname,
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: ["Unified"],
    visibility: "Private",
    resourceProvisioningOptions: g.team ? ["Team"] : [],
    createdDateTime: "2021-03-04T09:12:44Z",
    classification: null,
  };
}

/** Graph's 7-digit fraction timestamps ("2022-10-18T00:07:15.4012511Z"). */
const graphTimestamp = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function createDemoTenant(options: DemoTenantOptions = {}): DemoTenant & DemoTenantDebug {
  const seed = (options.seed ?? 1) | 0;
  const now = options.now ?? Date.now;
  const speed = options.speed ?? DEFAULT_SPEED;
  const createdAtReal = now();
  const startAt = options.startAt ?? createdAtReal;

  const org = buildOrganisation(options.extraPeople ?? 0);
  const people = org.people;
  const records = people.map(directoryRecord);
  const byKey = new Map<string, number>(); // lower-case id and UPN -> index
  people.forEach((p, i) => {
    byKey.set(p.id.toLowerCase(), i);
    byKey.set(p.userPrincipalName.toLowerCase(), i);
  });
  if (byKey.size !== people.length * 2) throw new Error("demo tenant: duplicate person id or UPN");
  const reportsOf = new Map<string, number[]>();
  people.forEach((p, i) => {
    if (p.managerId === null) return;
    const list = reportsOf.get(p.managerId) ?? [];
    list.push(i);
    reportsOf.set(p.managerId, list);
  });
  const traits: Traits[] = people.map((p, i) => makeTraits(seed, p, i, p.id === ME_ID || p.managerId === ME_ID));
  const leadZone = people[byKey.get(ME_ID.toLowerCase()) ?? 0]?.timeZone ?? "UTC";
  const placeIds = people.map((p) => (p.officeLocation ? guidFrom(PLACE_SALT, hashString(p.officeLocation)) : null));

  const groups = org.groups;
  const groupRecords = groups.map(groupRecord);
  const groupIndex = new Map(groups.map((g, i) => [g.id.toLowerCase(), i]));
  const allIds = Object.freeze(people.map((p) => p.id));

  // Knob state: bounded by the number of people, never keyed by time.
  const overrides = new Map<string, Json>();
  /** Per-person lower bound for sequenceNumber (local ms), bumped by knobs so a forced change always sorts newer. */
  const sequenceFloors = new Map<string, number>();
  let faults: DemoFaults = {};
  const rand = mulberry32(hash32(seed, 0xfa01));
  let requestCounter = 0;

  const simulatedNow = (): number => startAt + (now() - createdAtReal) * speed;

  const offsetOf = (ctx: Ctx, zone: string): number => {
    let off = ctx.offsets.get(zone);
    if (off === undefined) {
      off = zoneOffsetMs(zone, ctx.simNow);
      ctx.offsets.set(zone, off);
    }
    return off;
  };

  const indexOf = (key: string): number => {
    const i = byKey.get(key.toLowerCase());
    if (i === undefined) throw notFound(key);
    return i;
  };

  // ---------- presence ----------

  function presenceOf(ctx: Ctx, i: number): Json {
    const p = people[i] as PersonSpec;
    const t = traits[i] as Traits;
    const off = offsetOf(ctx, p.timeZone);
    const local = ctx.simNow + off;
    const slot = Math.floor(local / SLOT_MS);
    const leadShift = t.team ? Math.round((offsetOf(ctx, leadZone) - off) / SLOT_MS) : null;
    const state = stateAt(seed, t, slot, leadShift);
    let seq = stateStartSlot(seed, t, slot, leadShift, state) * SLOT_MS;
    const floor = sequenceFloors.get(p.id);
    if (floor !== undefined && floor > seq) seq = floor;
    const [availability, activity] = STATES[state] ?? STATES[0];
    const isOoo = p.kind === "vacation" || p.kind === "conference";
    const day = Math.floor(slot / SLOTS_PER_LOCAL_DAY);

    let statusMessage: Json | null = null;
    if (p.statusMessage !== null) {
      const message = { content: p.statusMessage, contentType: "text" };
      if (p.id === ctx.meId) {
        // Only the owner sees when it was set and when it expires (Graph leaves these out for other users).
        const monday = (day - ((weekdayOf(day) + 6) % 7)) * SLOTS_PER_LOCAL_DAY * SLOT_MS + 8 * 3_600_000;
        statusMessage = {
          message,
          publishedDateTime: graphTimestamp(monday - off),
          expiryDateTime: { dateTime: NO_EXPIRY, timeZone: WINDOWS_ZONE[p.timeZone] ?? "UTC" },
        };
      } else {
        statusMessage = { message };
      }
    }
    const presence: Json = {
      id: p.id,
      availability,
      activity,
      statusMessage,
      outOfOfficeSettings: { message: isOoo ? p.oooMessage : null, isOutOfOffice: isOoo },
      workLocation: workLocationAt(seed, t, state, day, placeIds[i] ?? null),
      sequenceNumber: "D" + String(Math.floor(seq)).padStart(15, "0"),
    };
    const ov = overrides.get(p.id);
    return ov ? { ...presence, ...ov } : presence;
  }

  function bumpFloor(i: number): void {
    const p = people[i] as PersonSpec;
    const sim = simulatedNow();
    const local = sim + zoneOffsetMs(p.timeZone, sim);
    const prev = sequenceFloors.get(p.id) ?? -1;
    // +1: the current state may have started this very millisecond (slot boundaries), and the knob must sort newer.
    sequenceFloors.set(p.id, Math.max(prev + 1, Math.floor(local) + 1));
  }

  // ---------- responses ----------

  const baseHeaders = (ctx: Ctx, contentType: string): Headers => {
    const h = new Headers({ "Content-Type": contentType, "request-id": ctx.requestId });
    h.set("client-request-id", ctx.headers.get("client-request-id") ?? ctx.requestId);
    return h;
  };

  const json = (ctx: Ctx, body: unknown, status = 200, extra?: Record<string, string>): Response => {
    const h = baseHeaders(ctx, JSON_CONTENT_TYPE);
    for (const [k, v] of Object.entries(extra ?? {})) h.set(k, v);
    return new Response(JSON.stringify(body), { status, headers: h });
  };

  const errorBody = (ctx: Ctx, code: string, message: string): Json => ({
    error: { code, message, innerError: { "request-id": ctx.requestId, date: ctx.date } },
  });

  const throttleBody = (ctx: Ctx): Json => ({
    error: {
      code: "TooManyRequests",
      innerError: { code: "429", date: ctx.date, message: "Please retry after", "request-id": ctx.requestId, status: "429" },
      message: "Please retry again later.",
    },
  });

  const retryAfter = (): string => String(faults.retryAfterSeconds ?? 2.128);

  const ctxUrl = (ctx: Ctx, path: string): string => `${ctx.base}/$metadata#${path}`;

  const needMethod = (ctx: Ctx, ...allowed: string[]): void => {
    if (!allowed.includes(ctx.method)) {
      throw new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
    }
  };

  const unknownRoute = (ctx: Ctx): GraphError =>
    new GraphError(404, "NotFound", `Resource not found for the segment '${ctx.segments.join("/") || "/"}'.`);

  // ---------- users ----------

  function userSelect(ctx: Ctx, targetIsMe: boolean): string[] | null {
    const select = parseSelect(ctx.query.get("select"), USER_PROPS, "microsoft.graph.user");
    if (select?.includes("mailboxSettings") && !targetIsMe) {
      // Delegated callers cannot read other people's mailbox settings in real tenants either.
      throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }
    return select;
  }

  function mailboxSettings(i: number): Json {
    const p = people[i] as PersonSpec;
    const t = traits[i] as Traits;
    const hhmm = (slot: number): string =>
      `${String(Math.floor(slot / 12)).padStart(2, "0")}:${String((slot % 12) * 5).padStart(2, "0")}:00.0000000`;
    const days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    return {
      timeZone: p.timeZone,
      language: { locale: p.preferredLanguage, displayName: p.preferredLanguage },
      workingHours: {
        daysOfWeek: days.filter((_, d) => (t.weekendMask & (1 << d)) === 0),
        startTime: hhmm(t.baseStart),
        endTime: hhmm(t.baseEnd),
        timeZone: { name: WINDOWS_ZONE[p.timeZone] ?? "UTC" },
      },
    };
  }

  function userView(i: number, select: string[] | null): Json {
    const rec = records[i] as Json;
    const out = project(rec, select, USER_DEFAULT);
    if (select?.includes("mailboxSettings")) out.mailboxSettings = mailboxSettings(i);
    return out;
  }

  const typedUser = (i: number, select: string[] | null): Json => ({
    "@odata.type": USER_TYPE,
    ...userView(i, select),
  });

  const typedGroup = (gi: number, select: string[] | null): Json => ({
    "@odata.type": GROUP_TYPE,
    ...project(groupRecords[gi] as Json, select, GROUP_DEFAULT, true),
  });

  const selectSuffix = (select: string[] | null): string => (select ? `(${select.join(",")})` : "");

  function getUser(ctx: Ctx, i: number): Response {
    const p = people[i] as PersonSpec;
    const select = userSelect(ctx, p.id === ctx.meId);
    const body: Json = { "@odata.context": ctxUrl(ctx, `users${selectSuffix(select)}/$entity`), ...userView(i, select) };
    const expand = ctx.query.get("expand");
    if (expand !== undefined) {
      const m = /^\s*manager(?:\(\s*\$select=([^)]*)\))?\s*$/i.exec(expand);
      if (!m) throw unsupportedQuery(`The demo tenant only supports $expand=manager (got '${expand}').`);
      const mi = p.managerId === null ? undefined : byKey.get(p.managerId.toLowerCase());
      if (mi !== undefined) {
        const msel = parseSelect(m[1], USER_PROPS, "microsoft.graph.user");
        body.manager = typedUser(mi, msel);
      }
    }
    return json(ctx, body);
  }

  function listOf(ctx: Ctx, contextPath: string, all: Json[] | (() => Json[]), count: number | null): Response {
    const items = typeof all === "function" ? all() : all;
    const page = paginate(ctx.url, ctx.query, items);
    const body: Json = { "@odata.context": ctxUrl(ctx, contextPath) };
    if (count !== null) body["@odata.count"] = count;
    if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
    body.value = page.items;
    return json(ctx, body);
  }

  /** $count needs the advanced-query header, as in Graph; returns whether to add @odata.count. */
  function wantsCount(ctx: Ctx): boolean {
    const raw = ctx.query.get("count");
    if (raw === undefined || raw.toLowerCase() === "false") return false;
    if (raw.toLowerCase() !== "true") throw badRequest(`Invalid value '${raw}' for $count.`);
    if (!isEventual(ctx.headers)) {
      throw unsupportedQuery("$count is only supported with the header 'ConsistencyLevel: eventual'.");
    }
    return true;
  }

  function requireEventualForSearch(ctx: Ctx): void {
    if (ctx.query.has("search") && !isEventual(ctx.headers)) {
      throw unsupportedQuery(
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    }
  }

  /** Shared $search/$filter/$orderby over a record list; returns matching indices. */
  function query(
    ctx: Ctx,
    recs: readonly Json[],
    searchable: Map<string, string>,
    filterable: Map<string, string>,
    resource: string,
  ): number[] {
    requireEventualForSearch(ctx);
    const search = ctx.query.get("search");
    const filter = ctx.query.get("filter");
    const orderby = ctx.query.get("orderby");
    const s = search === undefined ? null : parseSearch(search, searchable, resource);
    const f = filter === undefined ? null : parseFilter(filter, filterable);
    const cmp = orderby === undefined ? null : parseOrderBy(orderby, filterable);
    const out: number[] = [];
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i] as Json;
      if (s && !matchesSearch(r, s)) continue;
      if (f && !matchesFilter(r, f)) continue;
      out.push(i);
    }
    if (cmp) out.sort((a, b) => cmp(recs[a] as Json, recs[b] as Json));
    return out;
  }

  function listUsers(ctx: Ctx): Response {
    const count = wantsCount(ctx);
    const select = userSelect(ctx, false);
    const idx = query(ctx, records, USER_SEARCHABLE, USER_FILTERABLE, "User");
    const page = paginate(ctx.url, ctx.query, idx);
    const body: Json = { "@odata.context": ctxUrl(ctx, `users${selectSuffix(select)}`) };
    if (count) body["@odata.count"] = idx.length;
    if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
    body.value = page.items.map((i) => userView(i, select));
    return json(ctx, body);
  }

  function photo(ctx: Ctx, i: number, size: string | null, wantBytes: boolean): Response {
    const p = people[i] as PersonSpec;
    const px = size === null ? 240 : PHOTO_SIZES.includes(size.toLowerCase()) ? Number(size.split(/x/i)[0]) : NaN;
    if (!p.hasPhoto || !Number.isFinite(px)) {
      throw new GraphError(
        404,
        "ImageNotFound",
        "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.",
      );
    }
    const svg = avatarSvg(p.id, px);
    if (wantBytes) {
      return new Response(new TextEncoder().encode(svg), { status: 200, headers: baseHeaders(ctx, "image/svg+xml") });
    }
    return json(ctx, {
      "@odata.context": ctxUrl(ctx, `users('${p.id}')/photo/$entity`),
      "@odata.mediaContentType": "image/svg+xml",
      "@odata.mediaEtag": `W/"${hashString(svg).toString(16)}"`,
      id: `${px}X${px}`,
      height: px,
      width: px,
    });
  }

  function usersRoute(ctx: Ctx, rest: string[]): Response {
    if (rest.length === 0) {
      needMethod(ctx, "GET");
      return listUsers(ctx);
    }
    const i = indexOf(rest[0] as string);
    const p = people[i] as PersonSpec;
    const sub = rest.slice(1).map((s) => s.toLowerCase());
    const [a, b, c] = sub;
    if (sub.length === 0) {
      needMethod(ctx, "GET");
      return getUser(ctx, i);
    }
    if (a === "presence" && sub.length === 1) {
      needMethod(ctx, "GET");
      return json(ctx, { "@odata.context": ctxUrl(ctx, `users('${p.id}')/presence/$entity`), ...presenceOf(ctx, i) });
    }
    if (a === "photo" && (sub.length === 1 || (sub.length === 2 && b === "$value"))) {
      needMethod(ctx, "GET");
      return photo(ctx, i, null, sub.length === 2);
    }
    if (a === "photos" && sub.length === 1) {
      needMethod(ctx, "GET");
      if (!p.hasPhoto) return json(ctx, { "@odata.context": ctxUrl(ctx, `users('${p.id}')/photos`), value: [] });
      const value = PHOTO_SIZES.map((s) => {
        const px = Number(s.split("x")[0]);
        return { "@odata.mediaContentType": "image/svg+xml", id: `${px}X${px}`, height: px, width: px };
      });
      return json(ctx, { "@odata.context": ctxUrl(ctx, `users('${p.id}')/photos`), value });
    }
    if (a === "photos" && b !== undefined && (sub.length === 2 || (sub.length === 3 && c === "$value"))) {
      needMethod(ctx, "GET");
      return photo(ctx, i, b, sub.length === 3);
    }
    if (a === "manager" && sub.length === 1) {
      needMethod(ctx, "GET");
      const mi = p.managerId === null ? undefined : byKey.get(p.managerId.toLowerCase());
      if (mi === undefined) throw notFound("manager");
      const select = userSelect(ctx, false);
      return json(ctx, { "@odata.context": ctxUrl(ctx, "directoryObjects/$entity"), ...typedUser(mi, select) });
    }
    if (a === "directreports" && (sub.length === 1 || (sub.length === 2 && b === "microsoft.graph.user"))) {
      needMethod(ctx, "GET");
      const count = wantsCount(ctx);
      const select = userSelect(ctx, false);
      const list = reportsOf.get(p.id) ?? [];
      return listOf(ctx, "directoryObjects", () => list.map((r) => typedUser(r, select)), count ? list.length : null);
    }
    if ((a === "memberof" || a === "transitivememberof") && sub.length === 1) {
      needMethod(ctx, "GET");
      const count = wantsCount(ctx);
      const select = parseSelect(ctx.query.get("select"), GROUP_PROPS, "microsoft.graph.group");
      const gis = groups
        .map((_, gi) => gi)
        .filter((gi) =>
          a === "memberof"
            ? (groups[gi] as GroupSpec).memberIds.includes(p.id)
            : transitive(gi).some((m) => m.kind === "user" && m.index === i),
        );
      return listOf(ctx, "directoryObjects", () => gis.map((gi) => typedGroup(gi, select)), count ? gis.length : null);
    }
    if (a === "mailboxsettings" && sub.length === 1) {
      needMethod(ctx, "GET");
      if (p.id !== ctx.meId) {
        throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
      }
      return json(ctx, { "@odata.context": ctxUrl(ctx, `users('${p.id}')/mailboxSettings`), ...mailboxSettings(i) });
    }
    throw unknownRoute(ctx);
  }

  // ---------- groups ----------

  type Member = { kind: "user"; index: number } | { kind: "group"; index: number };

  const resolveMember = (id: string): Member | null => {
    const gi = groupIndex.get(id.toLowerCase());
    if (gi !== undefined) return { kind: "group", index: gi };
    const ui = byKey.get(id.toLowerCase());
    return ui === undefined ? null : { kind: "user", index: ui };
  };

  const direct = (gi: number): Member[] =>
    (groups[gi] as GroupSpec).memberIds.map(resolveMember).filter((m): m is Member => m !== null);

  /** Nested groups flattened breadth-first; each user and group once (cycles are harmless too). */
  function transitive(gi: number): Member[] {
    const seen = new Set<string>();
    const out: Member[] = [];
    const queue = [gi];
    const visited = new Set<number>([gi]);
    while (queue.length > 0) {
      const g = queue.shift() as number;
      for (const m of direct(g)) {
        const key = `${m.kind}:${m.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(m);
        if (m.kind === "group" && !visited.has(m.index)) {
          visited.add(m.index);
          queue.push(m.index);
        }
      }
    }
    return out;
  }

  function groupsRoute(ctx: Ctx, rest: string[]): Response {
    if (rest.length === 0) {
      needMethod(ctx, "GET");
      const count = wantsCount(ctx);
      const select = parseSelect(ctx.query.get("select"), GROUP_PROPS, "microsoft.graph.group");
      const idx = query(ctx, groupRecords, GROUP_SEARCHABLE, GROUP_FILTERABLE, "Group");
      return listOf(
        ctx,
        `groups${selectSuffix(select)}`,
        idx.map((gi) => project(groupRecords[gi] as Json, select, GROUP_DEFAULT)),
        count ? idx.length : null,
      );
    }
    const gi = groupIndex.get((rest[0] as string).toLowerCase());
    if (gi === undefined) throw notFound(rest[0] as string);
    const sub = rest.slice(1).map((s) => s.toLowerCase());
    const [a, cast] = sub;
    if (sub.length === 0) {
      needMethod(ctx, "GET");
      const select = parseSelect(ctx.query.get("select"), GROUP_PROPS, "microsoft.graph.group");
      return json(ctx, {
        "@odata.context": ctxUrl(ctx, `groups${selectSuffix(select)}/$entity`),
        ...project(groupRecords[gi] as Json, select, GROUP_DEFAULT),
      });
    }
    const castOk = cast === undefined || cast === "microsoft.graph.user" || cast === "microsoft.graph.group";
    if ((a === "members" || a === "transitivemembers") && sub.length <= 2 && castOk) {
      needMethod(ctx, "GET");
      const count = wantsCount(ctx);
      requireEventualForSearch(ctx);
      const select = parseSelect(ctx.query.get("select"), DIRECTORY_OBJECT_PROPS, "microsoft.graph.directoryObject");
      let members = a === "members" ? direct(gi) : transitive(gi);
      if (cast === "microsoft.graph.user") members = members.filter((m) => m.kind === "user");
      if (cast === "microsoft.graph.group") members = members.filter((m) => m.kind === "group");
      if (ctx.query.has("search") || ctx.query.has("filter")) {
        const recs = members.map((m) => (m.kind === "user" ? records[m.index] : groupRecords[m.index]) as Json);
        const keep = new Set(query(ctx, recs, USER_SEARCHABLE, USER_FILTERABLE, "User"));
        members = members.filter((_, k) => keep.has(k));
      }
      if (select?.includes("mailboxSettings")) {
        throw new GraphError(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
      }
      const list = members;
      const page = paginate(ctx.url, ctx.query, list);
      const body: Json = { "@odata.context": ctxUrl(ctx, "directoryObjects") };
      if (count) body["@odata.count"] = list.length;
      if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
      body.value = page.items.map((m) => (m.kind === "user" ? typedUser(m.index, select) : typedGroup(m.index, select)));
      return json(ctx, body);
    }
    throw unknownRoute(ctx);
  }

  // ---------- communications ----------

  async function getPresencesByUserId(ctx: Ctx, request: Request): Promise<Response> {
    needMethod(ctx, "POST");
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw badRequest("The request body is not valid JSON.");
    }
    const ids = (body as { ids?: unknown } | null)?.ids;
    if (!Array.isArray(ids)) throw badRequest("The request body must be an object with an 'ids' array.");
    if (ids.length === 0) throw badRequest("The 'ids' array must contain at least one id.");
    if (ids.length > MAX_PRESENCE_IDS) {
      throw badRequest(`The number of ids (${ids.length}) exceeds the maximum of ${MAX_PRESENCE_IDS} per request.`);
    }
    for (const id of ids) {
      if (typeof id !== "string" || !GUID_RE.test(id)) {
        throw badRequest(`Invalid id '${String(id)}': ids must be user object ids (GUIDs).`);
      }
    }
    const seen = new Set<number>();
    const value: Json[] = [];
    for (const id of ids as string[]) {
      const i = byKey.get(id.toLowerCase());
      if (i === undefined || seen.has(i)) continue; // unknown ids are left out, as Graph does
      seen.add(i);
      value.push(presenceOf(ctx, i));
    }
    return json(ctx, { "@odata.context": ctxUrl(ctx, "Collection(microsoft.graph.presence)"), value });
  }

  function communicationsRoute(ctx: Ctx, rest: string[], request: Request): Promise<Response> | Response {
    const [a, id] = rest;
    if (a?.toLowerCase() === "getpresencesbyuserid" && rest.length === 1) return getPresencesByUserId(ctx, request);
    if (a?.toLowerCase() === "presences" && id !== undefined && rest.length === 2) {
      needMethod(ctx, "GET");
      const i = indexOf(id);
      const presence = presenceOf(ctx, i);
      // v1.0's documented example wraps this in {"value":[…]}, beta's does not: the simulator follows each.
      if (ctx.version === "v1.0") return json(ctx, { "@odata.context": ctxUrl(ctx, "communications/presences"), value: [presence] });
      return json(ctx, { "@odata.context": ctxUrl(ctx, "communications/presences/$entity"), ...presence });
    }
    throw unknownRoute(ctx);
  }

  // ---------- $batch ----------

  async function batch(ctx: Ctx, request: Request, meId: string): Promise<Response> {
    needMethod(ctx, "POST");
    let payload: unknown;
    try {
      payload = await request.json();
    } catch {
      throw badRequest("Invalid batch payload format.");
    }
    const requests = (payload as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) throw badRequest("Invalid batch payload format.");
    if (requests.length > MAX_BATCH_REQUESTS) {
      throw badRequest(`Number of batch requests (${requests.length}) exceeds the maximum of ${MAX_BATCH_REQUESTS}.`);
    }
    const ids = new Set<string>();
    for (const r of requests as Json[]) {
      if (typeof r?.id !== "string" || typeof r.method !== "string" || typeof r.url !== "string") {
        throw badRequest("Invalid batch payload format: every request needs string id, method and url.");
      }
      if (ids.has(r.id)) throw badRequest(`Batch request contains duplicate request id '${r.id}'.`);
      ids.add(r.id);
    }
    const responses: Json[] = [];
    for (const r of requests as Json[]) responses.push(await batchItem(ctx, r, meId));
    // Graph does not promise any order for batch responses: shuffle (deterministically) so clients match by id.
    for (let k = responses.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [responses[k], responses[j]] = [responses[j] as Json, responses[k] as Json];
    }
    return json(ctx, { responses });
  }

  async function batchItem(outer: Ctx, r: Json, meId: string): Promise<Json> {
    const id = r.id as string;
    const method = (r.method as string).toUpperCase();
    const url = r.url as string;
    const headers = (r.headers && typeof r.headers === "object" ? r.headers : {}) as Record<string, string>;
    const inner = (status: number, body: unknown, h: Record<string, string> = {}): Json => ({
      id,
      status,
      headers: { "Content-Type": "application/json", ...h },
      body,
    });
    if ((faults.throttleRate ?? 0) > 0 && rand() < (faults.throttleRate ?? 0)) {
      return inner(429, throttleBody(outer), { "Retry-After": retryAfter() });
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) {
      return inner(400, errorBody(outer, "BadRequest", `Invalid request URI '${url}': batch URLs must be relative.`));
    }
    const hasContentType = Object.keys(headers).some((k) => k.toLowerCase() === "content-type");
    let body: string | undefined;
    if (r.body !== undefined && method !== "GET" && method !== "HEAD") {
      if (!hasContentType) {
        return inner(400, errorBody(outer, "BadRequest", `Write request id : ${id} does not contain Content-Type header or body.`));
      }
      body = typeof r.body === "string" ? r.body : JSON.stringify(r.body);
    }
    const target = `${outer.base}${url.startsWith("/") ? "" : "/"}${url}`;
    let res: Response;
    try {
      const req = new Request(target, { method, headers, body });
      if (/^\/?\$batch/i.test(url)) throw badRequest("Nested batch requests are not allowed.");
      res = await answer(req, meId);
    } catch (e) {
      const err = e instanceof GraphError ? e : badRequest(`Invalid request: ${String(e)}`);
      return inner(err.status, errorBody(outer, err.code, err.message));
    }
    const ct = res.headers.get("Content-Type") ?? "application/json";
    const h: Record<string, string> = { "Content-Type": ct };
    const ra = res.headers.get("Retry-After");
    if (ra !== null) h["Retry-After"] = ra;
    const isJson = ct.toLowerCase().startsWith("application/json");
    // Binary bodies travel base64-encoded inside the JSON envelope, as in Graph.
    const value = isJson ? await res.json() : base64(new Uint8Array(await res.arrayBuffer()));
    return { id, status: res.status, headers: h, body: value };
  }

  // ---------- entry points ----------

  function makeCtx(request: Request, meId: string): Ctx {
    const url = new URL(request.url);
    let segments = url.pathname.split("/").filter((s) => s.length > 0).map(safeDecode);
    let version: "v1.0" | "beta" = "v1.0";
    const first = segments[0]?.toLowerCase();
    if (first === "v1.0" || first === "beta") {
      version = first;
      segments = segments.slice(1);
    }
    requestCounter++;
    const simNow = simulatedNow();
    return {
      url,
      base: `${url.origin}/${version}`,
      version,
      segments,
      query: new Map(),
      headers: request.headers,
      method: request.method.toUpperCase(),
      meId,
      simNow,
      requestId: guidFrom(seed ^ 0x5eed, requestCounter),
      date: graphDate(now()),
      offsets: new Map(),
    };
  }

  async function route(ctx: Ctx, request: Request, meId: string): Promise<Response> {
    ctx.query = parseQuery(ctx.url);
    let segs = ctx.segments;
    if (segs[0]?.toLowerCase() === "me") segs = ["users", meId, ...segs.slice(1)];
    const head = segs[0]?.toLowerCase();
    const rest = segs.slice(1);
    if (head === "users") return usersRoute(ctx, rest);
    if (head === "groups") return groupsRoute(ctx, rest);
    if (head === "communications") return communicationsRoute(ctx, rest, request);
    if (head === "$batch" && rest.length === 0) return batch(ctx, request, meId);
    throw unknownRoute(ctx);
  }

  /** One request without faults (used directly by $batch items). */
  async function answer(request: Request, meId: string): Promise<Response> {
    const ctx = makeCtx(request, meId);
    try {
      return await route(ctx, request, meId);
    } catch (e) {
      if (e instanceof GraphError) return json(ctx, errorBody(ctx, e.code, e.message), e.status);
      return json(ctx, errorBody(ctx, "generalException", `Demo tenant error: ${String(e)}`), 500);
    }
  }

  async function handle(request: Request, context?: { meId?: string }): Promise<Response> {
    const meId = context?.meId ?? ME_ID;
    // Always draw both rolls so the fault sequence depends only on the number of requests, not on the rates.
    const throttleRoll = rand();
    const unavailableRoll = rand();
    const latency = faults.latencyMs ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (throttleRoll < (faults.throttleRate ?? 0)) {
      const ctx = makeCtx(request, meId);
      return json(ctx, throttleBody(ctx), 429, { "Retry-After": retryAfter() });
    }
    if (unavailableRoll < (faults.unavailableRate ?? 0)) {
      const ctx = makeCtx(request, meId);
      return json(
        ctx,
        errorBody(
          ctx,
          "serviceNotAvailable",
          "The service is temporarily unavailable for maintenance or is overloaded. You may repeat the request after a delay.",
        ),
        503,
      );
    }
    return answer(request, meId);
  }

  const knobIndex = (userId: string): number => {
    const i = byKey.get(userId.toLowerCase());
    if (i === undefined) throw new Error(`demo tenant: unknown user '${userId}'`);
    return i;
  };

  return {
    handle,
    transport: (request) => handle(request, { meId: ME_ID }),
    meId: ME_ID,
    defaultWatchedIds: DEFAULT_WATCHED_IDS,
    allUserIds: () => allIds,
    simulatedNow,
    overridePresence(userId, presence) {
      const i = knobIndex(userId);
      const id = (people[i] as PersonSpec).id;
      if (presence === null) overrides.delete(id);
      else overrides.set(id, { ...presence });
      bumpFloor(i);
    },
    patchUser(userId, fields) {
      Object.assign(records[knobIndex(userId)] as Json, fields);
    },
    setFaults(next) {
      faults = { ...next };
    },
    debugStats: () => ({
      overrides: overrides.size,
      sequenceFloors: sequenceFloors.size,
      zoneFormatters: formatterCount(),
      requestsServed: requestCounter,
    }),
  };
}

/**
 * A start time that makes the demo lively: `realNow` if it is a weekday between 09:00 and 16:00 in `timeZone` (the
 * lead's), otherwise the most recent weekday at 10:00 there. Pass it as `startAt`; the default (real now) can land
 * on a night or weekend when nearly everyone is offline.
 */
export function livelyStartAt(realNow: number, timeZone = "Europe/Stockholm"): number {
  const DAY = 86_400_000;
  const off = zoneOffsetMs(timeZone, realNow);
  const local = realNow + off;
  const day = Math.floor(local / DAY);
  const minute = Math.floor((local - day * DAY) / 60_000);
  const wd = weekdayOf(day);
  if (wd >= 1 && wd <= 5 && minute >= 9 * 60 && minute < 16 * 60) return realNow;
  let d = minute < 9 * 60 ? day - 1 : day;
  while (weekdayOf(d) === 0 || weekdayOf(d) === 6) d--;
  const targetLocal = d * DAY + 10 * 3_600_000;
  return targetLocal - zoneOffsetMs(timeZone, targetLocal - off);
}
