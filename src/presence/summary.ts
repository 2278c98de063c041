/** The board's one-line headcount: "4 available · 3 busy · 1 away · 1 out of office · 2 offline". */
import { PRESENCE_GROUPS, type PresenceGroup, type PresenceView } from "./presenceView";

export interface PresenceSummary {
  /** People per group; groups are exclusive, so the counts add up to `total`. */
  readonly counts: Readonly<Record<PresenceGroup, number>>;
  readonly total: number;
  /** Everyone flagged out of office, whatever their group (an available person can be out of office too). */
  readonly outOfOfficeAny: number;
  /** Non-zero groups in board order, joined with " · "; "" for nobody. */
  readonly text: string;
}

const WORDS: Readonly<Record<PresenceGroup, string>> = {
  available: "available",
  busy: "busy",
  away: "away",
  outOfOffice: "out of office",
  offline: "offline",
  unknown: "unknown",
};

export function summarize(views: readonly Pick<PresenceView, "group" | "outOfOffice">[]): PresenceSummary {
  const counts: Record<PresenceGroup, number> = { available: 0, busy: 0, away: 0, outOfOffice: 0, offline: 0, unknown: 0 };
  let outOfOfficeAny = 0;
  for (const view of views) {
    // A group we do not know (a caller's stale object) counts as unknown rather than vanishing from the total.
    counts[Object.hasOwn(counts, view.group) ? view.group : "unknown"] += 1;
    if (view.outOfOffice) outOfOfficeAny += 1;
  }
  const text = PRESENCE_GROUPS.filter((g) => counts[g] > 0)
    .map((g) => `${counts[g]} ${WORDS[g]}`)
    .join(" · ");
  return { counts, total: views.length, outOfOfficeAny, text };
}
