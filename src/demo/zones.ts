/**
 * Time-zone arithmetic with Intl only (works in browsers and Node). Offsets are looked up once per request per zone
 * and never cached by time, so memory stays flat however long the simulation runs.
 */

/** IANA zone -> Windows zone name (what Outlook puts in dateTimeTimeZone.timeZone). */
export const WINDOWS_ZONE: Readonly<Record<string, string>> = {
  "Europe/Stockholm": "W. Europe Standard Time",
  "Europe/Rome": "W. Europe Standard Time",
  "Europe/Berlin": "W. Europe Standard Time",
  "Asia/Shanghai": "China Standard Time",
  "Europe/Helsinki": "FLE Standard Time",
  "Asia/Dubai": "Arabian Standard Time",
  "Asia/Kolkata": "India Standard Time",
  "America/Sao_Paulo": "E. South America Standard Time",
  "Europe/Dublin": "GMT Standard Time",
  "Europe/London": "GMT Standard Time",
  "Europe/Madrid": "Romance Standard Time",
  "Europe/Paris": "Romance Standard Time",
  "America/New_York": "Eastern Standard Time",
  "Europe/Warsaw": "Central European Standard Time",
  "America/Mexico_City": "Central Standard Time (Mexico)",
  "Asia/Tokyo": "Tokyo Standard Time",
  "Asia/Ho_Chi_Minh": "SE Asia Standard Time",
  "Asia/Seoul": "Korea Standard Time",
  "Africa/Accra": "Greenwich Standard Time",
  "America/Chicago": "Central Standard Time",
  "America/Los_Angeles": "Pacific Standard Time",
  "Africa/Lagos": "W. Central Africa Standard Time",
  "Europe/Istanbul": "Turkey Standard Time",
  "Asia/Jerusalem": "Israel Standard Time",
  "Europe/Athens": "GTB Standard Time",
  "Europe/Bucharest": "GTB Standard Time",
  "Australia/Sydney": "AUS Eastern Standard Time",
  "Pacific/Auckland": "New Zealand Standard Time",
  "Asia/Singapore": "Singapore Standard Time",
};

/** Zones handed out to generated people. */
export const EXTRA_ZONES: readonly string[] = [
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Australia/Sydney",
  "America/Sao_Paulo",
  "Europe/Warsaw",
  "Asia/Singapore",
];

// One formatter per zone: bounded by the fixed zone list, not by time.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      f = null; // engine without this zone: fall back to UTC rather than fail the demo
    }
    formatters.set(zone, f);
  }
  return f;
}

/** UTC offset of `zone` at `utcMs`, in milliseconds (local = utc + offset). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  const f = formatterFor(zone);
  if (!f) return 0;
  const whole = Math.floor(utcMs / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(whole)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, (p.hour ?? 0) % 24, p.minute ?? 0, p.second ?? 0);
  return asUtc - whole;
}

/** Number of cached formatters (for the memory test). */
export function formatterCount(): number {
  return formatters.size;
}
