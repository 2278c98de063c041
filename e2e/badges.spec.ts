/**
 * Every availability/activity pair of Teams' table (/work/shared/reference/graph-presence-facts.md) shows on a tile
 * as Teams shows it: the words, the color (light theme, Fluent UI's palette) and the icon. PascalCase (older docs),
 * camelCase (current resource page), the 2025 values (availability "focusing", "inAMeeting", …) and values never
 * seen before. One board, one person per pair, asserted together after one poll.
 */
import { expect, test } from "@playwright/test";
import { knobs } from "./standins/knobs";
import { freshStart, presenceRequests, shareLink, signIn, tile, waitForPresence } from "./helpers";

test.beforeEach(freshStart);

/** Light theme colors from the facts file (Fluent UI v9 PresenceBadge). */
const COLOR = {
  available: "rgb(19, 161, 14)", // #13a10e
  busy: "rgb(209, 52, 56)", // #d13438 (busy and do not disturb)
  away: "rgb(234, 163, 0)", // #eaa300
  ooo: "rgb(194, 57, 179)", // #c239b3
  offline: "rgb(97, 97, 97)", // #616161 (offline and unknown)
} as const;

/**
 * The icon, by shape (PresenceBadge's data-variant): solid check, open check (out of office), solid circle, ring,
 * circle with a bar (dnd), open bar, clock, circle with an x, arrow (out of office), open grey circle (unknown).
 */
type Icon = "available" | "available-ooo" | "busy" | "busy-ooo" | "dnd" | "dnd-ooo" | "away" | "offline" | "ooo" | "unknown";

interface Case {
  name: string;
  presence: Record<string, unknown>;
  label: string;
  icon: Icon;
  /** Badge color. */
  color: keyof typeof COLOR;
  /** The tile's left border (its summary group). Default: the badge color. */
  border?: keyof typeof COLOR;
}

const noOoo = { outOfOfficeSettings: { isOutOfOffice: false, message: null } };
const ooo = { outOfOfficeSettings: { isOutOfOffice: true, message: "Back on Monday." } };
const pair = (availability: string, activity: string, extra: Record<string, unknown> = noOoo) => ({ availability, activity, ...extra });

const CASES: Case[] = [
  // PascalCase (older documented values, the docs' examples)
  { name: "Available", presence: pair("Available", "Available"), label: "Available", icon: "available", color: "available" },
  { name: "AvailableIdle", presence: pair("AvailableIdle", "Available"), label: "Available", icon: "available", color: "available" },
  { name: "Available, OutOfOffice activity", presence: pair("Available", "OutOfOffice"), label: "Available, out of office", icon: "available-ooo", color: "available" },
  { name: "Available, isOutOfOffice", presence: pair("Available", "Available", ooo), label: "Available, out of office", icon: "available-ooo", color: "available" },
  { name: "Busy", presence: pair("Busy", "Busy"), label: "Busy", icon: "busy", color: "busy" },
  { name: "Busy, isOutOfOffice", presence: pair("Busy", "Busy", ooo), label: "Busy, out of office", icon: "busy-ooo", color: "busy" },
  { name: "In a call", presence: pair("Busy", "InACall"), label: "In a call", icon: "busy", color: "busy" },
  { name: "In a conference call", presence: pair("Busy", "InAConferenceCall"), label: "In a conference call", icon: "busy", color: "busy" },
  { name: "In a meeting", presence: pair("Busy", "InAMeeting"), label: "In a meeting", icon: "busy", color: "busy" },
  { name: "In a meeting, out of office", presence: pair("Busy", "InAMeeting", ooo), label: "In a meeting, out of office", icon: "busy-ooo", color: "busy" },
  { name: "Do not disturb", presence: pair("DoNotDisturb", "DoNotDisturb"), label: "Do not disturb", icon: "dnd", color: "busy" },
  { name: "Presenting", presence: pair("DoNotDisturb", "Presenting"), label: "Presenting", icon: "dnd", color: "busy" },
  { name: "Focusing (DoNotDisturb)", presence: pair("DoNotDisturb", "Focusing"), label: "Focusing", icon: "dnd", color: "busy" },
  { name: "Urgent interruptions only", presence: pair("DoNotDisturb", "UrgentInterruptionsOnly"), label: "Do not disturb", icon: "dnd", color: "busy" },
  { name: "Away", presence: pair("Away", "Away"), label: "Away", icon: "away", color: "away" },
  { name: "Be right back", presence: pair("BeRightBack", "BeRightBack"), label: "Be right back", icon: "away", color: "away" },
  { name: "Off work (Offline)", presence: pair("Offline", "OffWork"), label: "Off work", icon: "offline", color: "offline" },
  { name: "Off work (Away)", presence: pair("Away", "OffWork"), label: "Off work", icon: "offline", color: "offline" },
  { name: "Offline", presence: pair("Offline", "Offline"), label: "Offline", icon: "offline", color: "offline" },
  { name: "Out of office (Offline)", presence: pair("Offline", "OutOfOffice"), label: "Out of office", icon: "ooo", color: "ooo" },
  { name: "Out of office (Away + isOutOfOffice)", presence: pair("Away", "Away", ooo), label: "Out of office", icon: "ooo", color: "ooo" },
  { name: "PresenceUnknown", presence: pair("PresenceUnknown", "PresenceUnknown"), label: "Status unknown", icon: "unknown", color: "offline" },
  // camelCase (the current resource page)
  { name: "camel available", presence: pair("available", "available"), label: "Available", icon: "available", color: "available" },
  { name: "camel busy/inACall", presence: pair("busy", "inACall"), label: "In a call", icon: "busy", color: "busy" },
  { name: "camel doNotDisturb/presenting", presence: pair("doNotDisturb", "presenting"), label: "Presenting", icon: "dnd", color: "busy" },
  { name: "camel beRightBack", presence: pair("beRightBack", "beRightBack"), label: "Be right back", icon: "away", color: "away" },
  { name: "camel offline/offWork", presence: pair("offline", "offWork"), label: "Off work", icon: "offline", color: "offline" },
  { name: "camel away/outOfOffice", presence: pair("away", "outOfOffice"), label: "Out of office", icon: "ooo", color: "ooo" },
  { name: "camel presenceUnknown", presence: pair("presenceUnknown", "presenceUnknown"), label: "Status unknown", icon: "unknown", color: "offline" },
  // The 2025 lists: availability carries the specific state, activity the generic one.
  { name: "2025 focusing", presence: pair("focusing", "doNotDisturb"), label: "Focusing", icon: "dnd", color: "busy" },
  { name: "2025 inAMeeting", presence: pair("inAMeeting", "busy"), label: "In a meeting", icon: "busy", color: "busy" },
  { name: "2025 inACall", presence: pair("inACall", "busy"), label: "In a call", icon: "busy", color: "busy" },
  { name: "2025 presenting", presence: pair("presenting", "doNotDisturb"), label: "Presenting", icon: "dnd", color: "busy" },
  { name: "2025 available/outOfOffice", presence: pair("available", "outOfOffice"), label: "Available, out of office", icon: "available-ooo", color: "available" },
  { name: "2025 busy/outOfOffice", presence: pair("busy", "outOfOffice"), label: "Busy, out of office", icon: "busy-ooo", color: "busy" },
  // Values nobody has documented yet.
  { name: "unknown values", presence: pair("Hyperfocused", "Teleporting"), label: "Status unknown", icon: "unknown", color: "offline" },
  { name: "non-string values", presence: pair(42 as unknown as string, { nested: true } as unknown as string), label: "Status unknown", icon: "unknown", color: "offline" },
];

test("every Teams presence pair shows the right words, color and icon", async ({ page }) => {
  const tenant = await knobs.graph.tenant();
  // Not the signed-in person: their presence also rides in the request, but keep the board to other people.
  const people = tenant.allUserIds.filter((id) => id !== tenant.meId).slice(0, CASES.length);
  expect(people).toHaveLength(CASES.length);

  await signIn(page, shareLink(people, "Presence states"));
  await waitForPresence(page);
  await expect(page.locator("li.tile")).toHaveCount(CASES.length);

  // Change everyone on the server, then let one poll (the first to start after the last change) bring it all.
  await Promise.all(CASES.map((c, i) => knobs.graph.overridePresence(people[i]!, c.presence)));
  const changedAt = Date.now();
  await expect
    .poll(async () => (await presenceRequests()).some((e) => e.time > changedAt && e.status === 200 && e.method === "POST"), { timeout: 10_000 })
    .toBe(true);

  const failures: string[] = [];
  await expect
    .poll(
      async () => {
        failures.length = 0;
        for (const [i, c] of CASES.entries()) {
          const t = tile(page, people[i]!);
          const seen = await t.evaluate((el) => {
            const icon = el.querySelector("svg.tile-status-icon");
            const avatarBadge = el.querySelector(".tile-badge svg");
            return {
              label: el.querySelector(".tile-label")?.textContent ?? "",
              icon: icon?.getAttribute("data-variant") ?? "",
              avatarIcon: avatarBadge?.getAttribute("data-variant") ?? "",
              color: icon ? getComputedStyle(icon).color : "",
              border: getComputedStyle(el).borderLeftColor,
              aria: el.getAttribute("aria-label") ?? "",
            };
          });
          const want = { label: c.label, icon: c.icon, avatarIcon: c.icon, color: COLOR[c.color], border: COLOR[c.border ?? c.color] };
          const got = { label: seen.label, icon: seen.icon, avatarIcon: seen.avatarIcon, color: seen.color, border: seen.border };
          if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${c.name}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
          else if (!seen.aria.endsWith(`, ${c.label}`)) failures.push(`${c.name}: aria-label "${seen.aria}" does not end with the label`);
        }
        return failures.length;
      },
      { timeout: 3_000, message: "tiles after one poll" },
    )
    .toBe(0)
    .catch((error: Error) => {
      throw new Error(`${error.message}\n${failures.join("\n")}`);
    });

  // Each icon is its own drawing: no two variants look the same (same shapes and same color). Fluent UI draws
  // "Busy, out of office" and "Status unknown" both as an open ring, told apart by color (red vs grey) and words.
  const looks = await page.locator("li.tile svg.tile-status-icon").evaluateAll((svgs) => {
    const byVariant = new Map<string, string>();
    for (const svg of svgs) {
      const shapes = [...svg.children].map((c) => `${c.tagName}:${c.getAttribute("d") ?? ""}:${c.getAttribute("r") ?? ""}:${getComputedStyle(c).fill}:${getComputedStyle(c).stroke}`);
      byVariant.set(svg.getAttribute("data-variant") ?? "", `${getComputedStyle(svg).color}|${shapes.join(";")}`);
    }
    return [...byVariant.entries()];
  });
  expect(new Set(looks.map(([v]) => v))).toEqual(new Set(CASES.map((c) => c.icon)));
  expect(new Set(looks.map(([, look]) => look)).size, JSON.stringify(looks, null, 1)).toBe(looks.length);
});
