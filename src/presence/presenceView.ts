/**
 * Presence as people read it in Teams, from an untrusted Graph presence object.
 *
 * Graph sends two loosely specified strings (availability, activity) whose documented value lists changed over
 * time (PascalCase examples, camelCase resource page, Sept 2025 lists where availability itself can be
 * "inAMeeting" or "focusing"), plus out-of-office settings, a status message and a work location. Everything is
 * read defensively: any input gives a view, unknown values give "Status unknown", nothing throws.
 */
import type { Presence } from "@microsoft/microsoft-graph-types";
import { htmlToText, looksLikeHtml, normalizePlainText, sanitizeInline } from "./safeText";

/** Teams' presence states (what the tile says). */
export type PresenceState =
  | "available"
  | "busy"
  | "inACall"
  | "inAConferenceCall"
  | "inAMeeting"
  | "doNotDisturb"
  | "presenting"
  | "focusing"
  | "away"
  | "beRightBack"
  | "offWork"
  | "offline"
  | "outOfOffice"
  | "unknown";

/** Icon family, named like Fluent UI v9 PresenceBadge `status`. */
export type PresenceBadgeStatus = "available" | "busy" | "do-not-disturb" | "away" | "offline" | "out-of-office" | "unknown";

/**
 * Summary / sorting bucket. Exclusive: everyone is in exactly one group. "outOfOffice" holds people whose state
 * IS out of office (away, offline or unknown while OOO); someone available or busy while OOO stays in that group
 * (they are at work and reachable) and is counted in `Summary.outOfOfficeAny`.
 */
export type PresenceGroup = "available" | "busy" | "away" | "outOfOffice" | "offline" | "unknown";

export type WorkLocation = "office" | "remote" | "timeOff";

export interface PresenceView {
  /** The presence's `id` (the user's object id) when it is a string. */
  readonly id: string | null;
  readonly state: PresenceState;
  /** Teams' words for `state`, e.g. "In a meeting". */
  readonly label: string;
  /** `label` plus the out-of-office overlay as Teams words it: "In a meeting, out of office". */
  readonly fullLabel: string;
  readonly badge: PresenceBadgeStatus;
  /** Out of office (settings flag or OutOfOffice activity). With available/busy/dnd badges it draws the open icon. */
  readonly outOfOffice: boolean;
  readonly group: PresenceGroup;
  /** Ascending = more reachable first. Compare only; the numbers themselves carry no meaning. */
  readonly sortRank: number;
  /** Plain text (HTML already converted), or null when absent, empty or expired. */
  readonly statusMessage: string | null;
  /** When the shown status message expires; null = no expiry (or no message). */
  readonly statusMessageExpiry: Date | null;
  /** Automatic-reply text as plain text; only while out of office. */
  readonly outOfOfficeMessage: string | null;
  readonly workLocation: WorkLocation | null;
  /** Raw values as received (stringified if not strings), for diagnostics only. */
  readonly availability: string | null;
  readonly activity: string | null;
  /** False when nothing usable was received (garbage or only unknown values): the state is then "unknown". */
  readonly recognized: boolean;
  /** Values that were present but not understood (e.g. a new Graph value): worth logging once. */
  readonly unknownValues: readonly string[];
  /** Graph's version stamp, to drop stale answers (a smaller one is older). */
  readonly sequenceNumber: string | null;
}

export const STATE_LABELS: Readonly<Record<PresenceState, string>> = {
  available: "Available",
  busy: "Busy",
  inACall: "In a call",
  inAConferenceCall: "In a conference call",
  inAMeeting: "In a meeting",
  doNotDisturb: "Do not disturb",
  presenting: "Presenting",
  focusing: "Focusing",
  away: "Away",
  beRightBack: "Be right back",
  offWork: "Off work",
  offline: "Offline",
  outOfOffice: "Out of office",
  unknown: "Status unknown",
};

/** Every state, most reachable first: the order of `sortRank` (groups stay contiguous). */
export const PRESENCE_STATES: readonly PresenceState[] = [
  "available",
  "busy",
  "inACall",
  "inAConferenceCall",
  "inAMeeting",
  "presenting",
  "focusing",
  "doNotDisturb",
  "beRightBack",
  "away",
  "outOfOffice",
  "offWork",
  "offline",
  "unknown",
];

export const PRESENCE_GROUPS: readonly PresenceGroup[] = ["available", "busy", "away", "outOfOffice", "offline", "unknown"];

const BADGE: Readonly<Record<PresenceState, PresenceBadgeStatus>> = {
  available: "available",
  busy: "busy",
  inACall: "busy",
  inAConferenceCall: "busy",
  inAMeeting: "busy",
  doNotDisturb: "do-not-disturb",
  presenting: "do-not-disturb",
  focusing: "do-not-disturb",
  away: "away",
  beRightBack: "away",
  // Teams shows Off work with the offline (grey) icon.
  offWork: "offline",
  offline: "offline",
  outOfOffice: "out-of-office",
  unknown: "unknown",
};

const GROUP: Readonly<Record<PresenceState, PresenceGroup>> = {
  available: "available",
  busy: "busy",
  inACall: "busy",
  inAConferenceCall: "busy",
  inAMeeting: "busy",
  doNotDisturb: "busy",
  presenting: "busy",
  focusing: "busy",
  away: "away",
  beRightBack: "away",
  offWork: "offline",
  offline: "offline",
  outOfOffice: "outOfOffice",
  unknown: "unknown",
};

/** Maximum lengths kept (Teams limits status messages to 280 characters; a tile shows far less of a reply). */
export const MAX_STATUS_MESSAGE_LENGTH = 280;
export const MAX_OUT_OF_OFFICE_MESSAGE_LENGTH = 1000;

/**
 * What a value means. "ooo": out of office (state from the other field); "defer": says nothing about the state
 * (Inactive); "unknown": Graph's own PresenceUnknown (recognized, but no state).
 */
type Token = Exclude<PresenceState, "outOfOffice" | "unknown"> | "ooo" | "defer" | "unknown";

// Both documented lists (pre-2025 PascalCase, Sept 2025 camelCase) merged; keys lower case because comparison is
// case-insensitive. A value documented for one field is accepted in the other: Graph moved values between them.
const TOKENS: ReadonlyMap<string, Token> = new Map<string, Token>([
  ["available", "available"],
  ["availableidle", "available"],
  ["busy", "busy"],
  ["busyidle", "busy"],
  ["inacall", "inACall"],
  ["inaconferencecall", "inAConferenceCall"],
  ["inameeting", "inAMeeting"],
  ["donotdisturb", "doNotDisturb"],
  // "Urgent interruptions only" is Do not disturb with priority contacts let through.
  ["urgentinterruptionsonly", "doNotDisturb"],
  ["presenting", "presenting"],
  ["focusing", "focusing"],
  ["away", "away"],
  ["berightback", "beRightBack"],
  ["offwork", "offWork"],
  ["offline", "offline"],
  ["outofoffice", "ooo"],
  ["inactive", "defer"],
  // setPresence sessions fade Available/Available to Available/AvailableInactive before Away.
  ["availableinactive", "defer"],
  ["presenceunknown", "unknown"],
]);

// Activities that refine a generic availability (Busy + InAMeeting = "In a meeting"): the more specific value wins.
const SPECIFIC = new Set<PresenceState>(["inACall", "inAConferenceCall", "inAMeeting", "presenting", "focusing", "beRightBack", "offWork"]);

interface ReadValue {
  raw: string | null;
  token: Token | null;
  unknown: string | null;
}

function readValue(value: unknown): ReadValue {
  if (typeof value === "string") {
    const raw = value.length > 100 ? value.slice(0, 100) : value;
    const token = TOKENS.get(value.trim().toLowerCase()) ?? null;
    return { raw, token, unknown: token || value.trim() === "" ? null : sanitizeInline(raw, 100) };
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return { raw: String(value), token: null, unknown: String(value) };
  }
  // null/undefined: absent. Objects/arrays: present but meaningless.
  return value == null ? { raw: null, token: null, unknown: null } : { raw: null, token: null, unknown: Array.isArray(value) ? "[array]" : "[object]" };
}

function asState(token: Token | null): Exclude<PresenceState, "outOfOffice" | "unknown"> | null {
  return token === null || token === "ooo" || token === "defer" || token === "unknown" ? null : token;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function readText(content: unknown, contentType: unknown, maxLength: number): string | null {
  if (typeof content !== "string") return null;
  const type = typeof contentType === "string" ? contentType.trim().toLowerCase() : "";
  const html = type === "html" || (type !== "text" && looksLikeHtml(content));
  const text = html ? htmlToText(content, maxLength) : normalizePlainText(content, maxLength);
  // Only zero-width or combining characters: nothing a person could read, so no (blank) message line either.
  return VISIBLE.test(text) ? text : null;
}

const VISIBLE = /[^\p{Z}\s\p{Cc}\p{Cf}\p{M}]/u;

function readWorkLocation(value: unknown): WorkLocation | null {
  const type = record(value)?.workLocationType ?? value;
  if (typeof type !== "string") return null;
  switch (type.trim().toLowerCase()) {
    case "office":
      return "office";
    case "remote":
      return "remote";
    case "timeoff":
      return "timeOff";
    default:
      return null; // "unspecified" and anything new
  }
}

/** Graph's presence field names, with nothing trusted about the values (workLocation is newer than the types). */
type UntrustedPresence = { [K in keyof Presence]?: unknown } & { workLocation?: unknown };

/**
 * Interpret one presence object. `now` (default: current time) decides whether the status message has expired.
 * Accepts anything; never throws.
 */
export function presenceView(raw: unknown, now: number | Date = Date.now()): PresenceView {
  try {
    return interpret(raw, now);
  } catch {
    // Only reachable with exotic objects (throwing getters, revoked proxies): one tile must not break the board.
    return interpret(null, now);
  }
}

function interpret(raw: unknown, now: number | Date): PresenceView {
  const p: UntrustedPresence = record(raw) ?? {};
  const nowMs = typeof now === "number" ? now : now instanceof Date ? now.getTime() : Number.NaN;

  const availability = readValue(p.availability);
  const activity = readValue(p.activity);
  const ooSettings = record(p.outOfOfficeSettings);
  // Strictly the boolean true: the docs' type templates show the string "Boolean" here.
  const outOfOffice = ooSettings?.isOutOfOffice === true || activity.token === "ooo" || availability.token === "ooo";

  const byActivity = asState(activity.token);
  const byAvailability = asState(availability.token);
  let state: PresenceState =
    (byActivity && SPECIFIC.has(byActivity) ? byActivity : null) ??
    (byAvailability && SPECIFIC.has(byAvailability) ? byAvailability : null) ??
    // Availability is the base state; a generic activity only fills in when availability says nothing.
    byAvailability ??
    byActivity ??
    "unknown";

  // Away, offline or unknown while out of office: Teams shows "Out of office" (purple arrow). Available and busy
  // states keep their state and get the out-of-office overlay ("Available, out of office").
  const family = GROUP[state];
  if (outOfOffice && (family === "away" || family === "offline" || family === "unknown")) state = "outOfOffice";

  const label = STATE_LABELS[state];
  const overlay = outOfOffice && state !== "outOfOffice";
  const recognized = state !== "unknown" || availability.token === "unknown" || activity.token === "unknown";

  const statusMessageRecord = record(p.statusMessage);
  const message = record(statusMessageRecord?.message);
  let statusMessage = readText(message?.content, message?.contentType, MAX_STATUS_MESSAGE_LENGTH);
  let statusMessageExpiry = statusMessage === null ? null : parseGraphDateTime(statusMessageRecord?.expiryDateTime);
  if (statusMessageExpiry && Number.isFinite(nowMs) && statusMessageExpiry.getTime() <= nowMs) {
    statusMessage = null;
    statusMessageExpiry = null;
  }

  const unknownValues = [availability.unknown, activity.unknown].filter((v): v is string => v !== null);
  const id = p.id;
  const sequenceNumber = p.sequenceNumber;

  return {
    id: typeof id === "string" ? id : null,
    state,
    label,
    fullLabel: overlay ? `${label}, out of office` : label,
    badge: BADGE[state],
    outOfOffice,
    group: GROUP[state],
    sortRank: PRESENCE_STATES.indexOf(state) * 2 + (overlay ? 1 : 0),
    statusMessage,
    statusMessageExpiry,
    outOfOfficeMessage: outOfOffice ? readText(ooSettings?.message, undefined, MAX_OUT_OF_OFFICE_MESSAGE_LENGTH) : null,
    workLocation: readWorkLocation(p.workLocation),
    availability: availability.raw,
    activity: activity.raw,
    recognized,
    unknownValues,
    sequenceNumber: typeof sequenceNumber === "string" ? sequenceNumber : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Graph dateTimeTimeZone ({dateTime: "2022-10-18T17:05:33.2079781", timeZone: "Pacific Standard Time"}) to an
// instant. The dateTime carries no offset; the zone is a Windows name, an IANA name or UTC. Only Intl is used (no
// time-zone package): Windows names map to IANA through a table of the common ones.

// Windows time-zone ids (what Outlook/Teams store) to IANA ids Intl understands. Keys are lower case.
const WINDOWS_TO_IANA: ReadonlyMap<string, string> = new Map(
  Object.entries({
    "dateline standard time": "Etc/GMT+12",
    "utc-11": "Etc/GMT+11",
    "hawaiian standard time": "Pacific/Honolulu",
    "alaskan standard time": "America/Anchorage",
    "pacific standard time": "America/Los_Angeles",
    "pacific standard time (mexico)": "America/Tijuana",
    "us mountain standard time": "America/Phoenix",
    "mountain standard time": "America/Denver",
    "mountain standard time (mexico)": "America/Mazatlan",
    "central america standard time": "America/Guatemala",
    "central standard time": "America/Chicago",
    "central standard time (mexico)": "America/Mexico_City",
    "canada central standard time": "America/Regina",
    "sa pacific standard time": "America/Bogota",
    "eastern standard time": "America/New_York",
    "us eastern standard time": "America/Indiana/Indianapolis",
    "venezuela standard time": "America/Caracas",
    "atlantic standard time": "America/Halifax",
    "sa western standard time": "America/La_Paz",
    "pacific sa standard time": "America/Santiago",
    "newfoundland standard time": "America/St_Johns",
    "e. south america standard time": "America/Sao_Paulo",
    "argentina standard time": "America/Argentina/Buenos_Aires",
    "sa eastern standard time": "America/Cayenne",
    "greenland standard time": "America/Godthab",
    "montevideo standard time": "America/Montevideo",
    "utc-02": "Etc/GMT+2",
    "azores standard time": "Atlantic/Azores",
    "cape verde standard time": "Atlantic/Cape_Verde",
    "utc": "Etc/UTC",
    "gmt standard time": "Europe/London",
    "greenwich standard time": "Atlantic/Reykjavik",
    "morocco standard time": "Africa/Casablanca",
    "w. europe standard time": "Europe/Berlin",
    "central europe standard time": "Europe/Budapest",
    "romance standard time": "Europe/Paris",
    "central european standard time": "Europe/Warsaw",
    "w. central africa standard time": "Africa/Lagos",
    "gtb standard time": "Europe/Bucharest",
    "e. europe standard time": "Europe/Chisinau",
    "fle standard time": "Europe/Kiev",
    "kaliningrad standard time": "Europe/Kaliningrad",
    "israel standard time": "Asia/Jerusalem",
    "south africa standard time": "Africa/Johannesburg",
    "egypt standard time": "Africa/Cairo",
    "jordan standard time": "Asia/Amman",
    "middle east standard time": "Asia/Beirut",
    "syria standard time": "Asia/Damascus",
    "turkey standard time": "Europe/Istanbul",
    "russian standard time": "Europe/Moscow",
    "arab standard time": "Asia/Riyadh",
    "arabic standard time": "Asia/Baghdad",
    "e. africa standard time": "Africa/Nairobi",
    "iran standard time": "Asia/Tehran",
    "arabian standard time": "Asia/Dubai",
    "georgian standard time": "Asia/Tbilisi",
    "caucasus standard time": "Asia/Yerevan",
    "mauritius standard time": "Indian/Mauritius",
    "afghanistan standard time": "Asia/Kabul",
    "west asia standard time": "Asia/Tashkent",
    "ekaterinburg standard time": "Asia/Yekaterinburg",
    "pakistan standard time": "Asia/Karachi",
    "india standard time": "Asia/Kolkata",
    "sri lanka standard time": "Asia/Colombo",
    "nepal standard time": "Asia/Kathmandu",
    "central asia standard time": "Asia/Almaty",
    "bangladesh standard time": "Asia/Dhaka",
    "myanmar standard time": "Asia/Rangoon",
    "se asia standard time": "Asia/Bangkok",
    "n. central asia standard time": "Asia/Novosibirsk",
    "north asia standard time": "Asia/Krasnoyarsk",
    "china standard time": "Asia/Shanghai",
    "north asia east standard time": "Asia/Irkutsk",
    "singapore standard time": "Asia/Singapore",
    "w. australia standard time": "Australia/Perth",
    "taipei standard time": "Asia/Taipei",
    "ulaanbaatar standard time": "Asia/Ulaanbaatar",
    "tokyo standard time": "Asia/Tokyo",
    "korea standard time": "Asia/Seoul",
    "yakutsk standard time": "Asia/Yakutsk",
    "cen. australia standard time": "Australia/Adelaide",
    "aus central standard time": "Australia/Darwin",
    "e. australia standard time": "Australia/Brisbane",
    "aus eastern standard time": "Australia/Sydney",
    "tasmania standard time": "Australia/Hobart",
    "vladivostok standard time": "Asia/Vladivostok",
    "new zealand standard time": "Pacific/Auckland",
    "utc+12": "Etc/GMT-12",
    "fiji standard time": "Pacific/Fiji",
    "tonga standard time": "Pacific/Tongatapu",
    "samoa standard time": "Pacific/Apia",
  }),
);

const UTC_NAMES = new Set(["", "utc", "etc/utc", "gmt", "etc/gmt", "z", "coordinated universal time", "tzone://microsoft/utc"]);

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let fmt = formatters.get(zone);
  if (fmt === undefined) {
    try {
      fmt = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      fmt = null; // unknown zone name
    }
    formatters.set(zone, fmt);
  }
  return fmt;
}

/** Offset (ms) of `zone` from UTC at instant `utcMs`. */
function offsetAt(fmt: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The instant a Graph dateTimeTimeZone denotes; null when absent, unparseable, or "never" (year 9999, Graph's
 * `9999-12-31T23:59:59.9999999` for no expiry). An unknown zone name is read as UTC (at most ±14 h off).
 */
export function parseGraphDateTime(value: unknown): Date | null {
  if (!value || typeof value !== "object") return null;
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== "string") return null;
  const m = DATE_TIME.exec(dateTime.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const year = Number(y);
  if (year >= 9999) return null;
  // Date.UTC would roll "2020-13-45T99:99" over into a real (past) date: reject out-of-range fields instead.
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) {
    return null;
  }
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const wall = Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (!Number.isFinite(wall)) return null;

  if (offset) {
    if (offset.toUpperCase() === "Z") return new Date(wall);
    const sign = offset.startsWith("-") ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    return new Date(wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
  }

  const zoneName = typeof timeZone === "string" ? timeZone.trim() : "";
  if (UTC_NAMES.has(zoneName.toLowerCase())) return new Date(wall);
  const fmt = formatterFor(WINDOWS_TO_IANA.get(zoneName.toLowerCase()) ?? zoneName);
  if (!fmt) return new Date(wall);
  // Wall clock to instant: guess with the offset at the wall time, then correct once around DST changes.
  const first = offsetAt(fmt, wall);
  let utc = wall - first;
  const second = offsetAt(fmt, utc);
  if (second !== first) utc = wall - second;
  return new Date(utc);
}
