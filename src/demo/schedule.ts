/**
 * The presence model: a pure function of (seed, person, simulated time). A person's local day is cut into 5-minute
 * slots; each slot's state is derived from hashes of (seed, person, local day, slot or 30-minute block), so nothing is
 * stored and any instant can be answered directly, in any order, for any number of people.
 */
import type { FixedMeeting, PersonSpec, PresenceKind } from "./people";
import { hash32, unit } from "./prng";

export const SLOT_MS = 5 * 60_000;
const SLOTS_PER_DAY = 288;
const SLOTS_PER_BLOCK = 6; // 30 minutes: meetings start on the hour or half hour
const MAX_EVENT_SLOTS = 6;

/** [availability, activity] per state code. PascalCase as in the documented examples, except the newer "focusing". */
export const STATES = [
  ["Offline", "Offline"], // 0
  ["Offline", "OffWork"], // 1
  ["Available", "Available"], // 2
  ["Busy", "InAMeeting"], // 3
  ["Busy", "InACall"], // 4
  ["Busy", "InAConferenceCall"], // 5
  ["DoNotDisturb", "Presenting"], // 6
  ["DoNotDisturb", "Focusing"], // 7
  ["focusing", "Focusing"], // 8
  ["Away", "Away"], // 9
  ["BeRightBack", "BeRightBack"], // 10
  ["Busy", "Busy"], // 11
  ["DoNotDisturb", "DoNotDisturb"], // 12
  ["AvailableIdle", "Inactive"], // 13
  ["PresenceUnknown", "PresenceUnknown"], // 14
  ["Offline", "OutOfOffice"], // 15
  ["Available", "OutOfOffice"], // 16
] as const satisfies readonly (readonly [string, string])[];

export const S = {
  OFFLINE: 0,
  OFF_WORK: 1,
  AVAILABLE: 2,
  MEETING: 3,
  CALL: 4,
  CONF_CALL: 5,
  PRESENTING: 6,
  FOCUS: 7,
  FOCUS_CAMEL: 8,
  AWAY: 9,
  BRB: 10,
  BUSY: 11,
  DND: 12,
  IDLE: 13,
  UNKNOWN: 14,
  OOO: 15,
  AVAILABLE_OOO: 16,
} as const;

// Hash salts, so different decisions about the same slot are independent.
const H_START = 1;
const H_END = 2;
const H_LUNCH = 3;
const H_LUNCH_LEN = 4;
const H_MEET = 5;
const H_FOCUS = 6;
const H_EVENT = 7;
const H_EVENT_LEN = 8;
const H_LOC = 9;
const H_LOC_SRC = 10;
const H_TRAIT = 11;

/** Per-person, per-seed constants, computed once at tenant creation. */
export interface Traits {
  idx: number;
  kind: PresenceKind;
  weekendMask: number;
  camelFocus: boolean;
  /** Member of the lead's team: joins the lead's daily stand-up. */
  team: boolean;
  /** Activity after hours: OffWork (Teams "Off work") vs plain Offline. */
  offWork: boolean;
  baseStart: number;
  baseEnd: number;
  lunch: number;
  meetRate: number;
  focusRate: number;
  eventScale: number;
  officeRate: number;
  fixed: readonly FixedMeeting[];
}

export function makeTraits(seed: number, p: PersonSpec, idx: number, team: boolean): Traits {
  const t = (k: number): number => unit(seed, idx, H_TRAIT, k);
  let weekendMask = 0;
  for (const d of p.weekend) weekendMask |= 1 << d;
  const start = p.workStartMinute !== null ? Math.round(p.workStartMinute / 5) : 90 + Math.floor(t(1) * 25); // 7:30..9:30
  return {
    idx,
    kind: p.kind,
    weekendMask,
    camelFocus: p.camelFocus,
    team,
    offWork: t(2) < 0.6,
    baseStart: start,
    baseEnd: Math.max(start + 90, 192 + Math.floor(t(3) * 31)), // 16:00..18:30, at least 7.5 h after the start
    lunch: 138 + Math.floor(t(4) * 19), // 11:30..13:00
    meetRate: 0.16 + t(5) * 0.22,
    focusRate: 0.04 + t(6) * 0.16,
    eventScale: 0.7 + t(7) * 0.6,
    officeRate: p.officeLocation === null ? 0 : 0.3 + t(8) * 0.6,
    fixed: p.fixedMeetings,
  };
}

const floorDiv = (a: number, b: number): number => Math.floor(a / b);
/** 1970-01-01 was a Thursday; 0 = Sunday. */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

const isWorkDay = (t: Traits, day: number): boolean => (t.weekendMask & (1 << weekdayOf(day))) === 0;
const workStart = (seed: number, t: Traits, day: number): number =>
  t.baseStart + (hash32(seed, t.idx, day, H_START) % 7) - 3;
const workEnd = (seed: number, t: Traits, day: number): number =>
  t.baseEnd + (hash32(seed, t.idx, day, H_END) % 7) - 3;

const offState = (t: Traits): number => (t.offWork ? S.OFF_WORK : S.OFFLINE);
const availableState = (t: Traits): number => (t.kind === "conference" ? S.AVAILABLE_OOO : S.AVAILABLE);
const focusState = (t: Traits): number => (t.camelFocus ? S.FOCUS_CAMEL : S.FOCUS);

/** Short events that can start in any 5-minute slot; the latest one to start wins. */
function eventAt(seed: number, t: Traits, day: number, s: number, start: number): number {
  for (let k = 0; k < MAX_EVENT_SLOTS; k++) {
    const s0 = s - k;
    if (s0 < start) break;
    const r = unit(seed, t.idx, day, s0, H_EVENT) / t.eventScale;
    if (r >= 0.1) continue;
    const l = hash32(seed, t.idx, day, s0, H_EVENT_LEN);
    let state: number;
    let len: number;
    if (r < 0.035) {
      state = l & 1 ? S.CONF_CALL : S.CALL;
      len = 2 + ((l >>> 1) % 4);
    } else if (r < 0.06) {
      state = S.BRB;
      len = 1 + ((l >>> 1) % 2);
    } else if (r < 0.075) {
      state = S.AWAY;
      len = 2 + ((l >>> 1) % 2);
    } else if (r < 0.085) {
      state = S.BUSY;
      len = 2 + ((l >>> 1) % 3);
    } else if (r < 0.092) {
      state = S.IDLE;
      len = 1 + ((l >>> 1) % 3);
    } else if (r < 0.097) {
      state = S.DND;
      len = 2 + ((l >>> 1) % 3);
    } else {
      state = S.UNKNOWN;
      len = 1;
    }
    if (len > k) return state;
  }
  return -1;
}

/**
 * State code at a local slot (slots since the local epoch). `leadShift`: slots to add to get the lead's local slot,
 * for the shared stand-up; null when the person is not on the lead's team.
 */
export function stateAt(seed: number, t: Traits, slot: number, leadShift: number | null): number {
  if (t.kind === "vacation") return S.OOO;
  if (t.kind === "unknown") return S.UNKNOWN;
  const day = floorDiv(slot, SLOTS_PER_DAY);
  if (!isWorkDay(t, day)) return offState(t);
  const s = slot - day * SLOTS_PER_DAY;
  const start = workStart(seed, t, day);
  if (s < start || s >= workEnd(seed, t, day)) return offState(t);

  if (t.fixed.length > 0) {
    const wd = weekdayOf(day);
    const minute = s * 5;
    for (const m of t.fixed) {
      if (m.weekday === wd && minute >= m.startMinute && minute < m.endMinute) {
        return m.presenting ? S.PRESENTING : S.MEETING;
      }
    }
  }
  if (leadShift !== null) {
    // Daily stand-up at 09:30-09:45, Monday to Friday in the lead's time zone.
    const ls = slot + leadShift;
    const lday = floorDiv(ls, SLOTS_PER_DAY);
    const lsOfDay = ls - lday * SLOTS_PER_DAY;
    const lwd = weekdayOf(lday);
    if (lwd >= 1 && lwd <= 5 && lsOfDay >= 114 && lsOfDay < 117) return S.MEETING;
  }
  const lunchStart = t.lunch + (hash32(seed, t.idx, day, H_LUNCH) % 7) - 3;
  if (s >= lunchStart && s < lunchStart + 6 + (hash32(seed, t.idx, day, H_LUNCH_LEN) % 7)) return S.AWAY;

  const block = floorDiv(s, SLOTS_PER_BLOCK);
  const m = unit(seed, t.idx, day, block, H_MEET);
  if (m < t.meetRate) return m < t.meetRate * 0.12 ? S.PRESENTING : S.MEETING;
  if (unit(seed, t.idx, day, block, H_FOCUS) < t.focusRate) return focusState(t);

  const ev = eventAt(seed, t, day, s, start);
  return ev >= 0 ? ev : availableState(t);
}

const isOff = (state: number): boolean => state === S.OFFLINE || state === S.OFF_WORK;

/** First slot of the run of equal states that contains `slot` (the state's start, for sequenceNumber). */
export function stateStartSlot(seed: number, t: Traits, slot: number, leadShift: number | null, state: number): number {
  const day = floorDiv(slot, SLOTS_PER_DAY);
  if (state === S.OOO || (t.kind === "unknown" && state === S.UNKNOWN)) {
    // Constant states: restart weekly (Monday 00:00 local) so the number stays bounded in age.
    return (day - ((weekdayOf(day) + 6) % 7)) * SLOTS_PER_DAY;
  }
  if (isOff(state)) {
    // Off since the end of the most recent working day, found analytically (weekends would be ~900 slots to scan).
    const s = slot - day * SLOTS_PER_DAY;
    if (isWorkDay(t, day)) {
      const end = workEnd(seed, t, day);
      if (s >= end) return day * SLOTS_PER_DAY + end;
    }
    for (let d = day - 1; d > day - 15; d--) {
      if (isWorkDay(t, d)) return d * SLOTS_PER_DAY + workEnd(seed, t, d);
    }
    return (day - 15) * SLOTS_PER_DAY;
  }
  // Working states are short runs inside one working day; the day's start is an off state, so the scan stops there.
  let s = slot;
  while (stateAt(seed, t, s - 1, leadShift) === state) s--;
  return s;
}

export interface WorkLocation {
  workLocationType: "unspecified" | "office" | "remote" | "timeOff";
  source: "manual" | "scheduled" | "automatic";
  placeId: string | null;
}

/** Where the person works right now: decided per local day, unspecified outside working hours. */
export function workLocationAt(seed: number, t: Traits, state: number, day: number, placeId: string | null): WorkLocation {
  if (t.kind === "vacation") return { workLocationType: "timeOff", source: "scheduled", placeId: null };
  if (t.kind === "unknown" || isOff(state)) return { workLocationType: "unspecified", source: "automatic", placeId: null };
  if (t.kind === "conference") return { workLocationType: "remote", source: "manual", placeId: null };
  const office = unit(seed, t.idx, day, H_LOC) < t.officeRate;
  const src = hash32(seed, t.idx, day, H_LOC_SRC) % 20;
  if (office) {
    return { workLocationType: "office", source: src < 11 ? "scheduled" : src < 15 ? "manual" : "automatic", placeId };
  }
  return { workLocationType: "remote", source: src < 14 ? "scheduled" : "manual", placeId: null };
}

export const SLOTS_PER_LOCAL_DAY = SLOTS_PER_DAY;
