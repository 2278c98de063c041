/**
 * Teams-like presence icon, drawn inline (no icon package). Decorative: the tile shows the label as text, so the
 * SVG is hidden from assistive technology; `title` only adds a hover tooltip.
 */
import type { CSSProperties } from "react";
import type { PresenceBadgeStatus } from "../presence/presenceView";
import "./PresenceBadge.css";

export interface PresenceBadgeProps {
  badge: PresenceBadgeStatus;
  /** Out-of-office overlay: open icons for available/busy/dnd, the purple arrow for away/offline (as Fluent UI). */
  outOfOffice?: boolean;
  /** Pixels, or any CSS length ("1em" follows the text). Default 16. */
  size?: number | string;
  title?: string;
  className?: string;
}

type Variant = "available" | "available-ooo" | "busy" | "busy-ooo" | "dnd" | "dnd-ooo" | "away" | "offline" | "ooo" | "unknown";
type Tone = "available" | "busy" | "away" | "ooo" | "offline";

// Same choices as Fluent UI v9 PresenceBadge (out of office while away/offline = the out-of-office icon).
function variantOf(badge: PresenceBadgeStatus, outOfOffice: boolean): Variant {
  switch (badge) {
    case "available":
      return outOfOffice ? "available-ooo" : "available";
    case "busy":
      return outOfOffice ? "busy-ooo" : "busy";
    case "do-not-disturb":
      return outOfOffice ? "dnd-ooo" : "dnd";
    case "away":
      return outOfOffice ? "ooo" : "away";
    case "offline":
      return outOfOffice ? "ooo" : "offline";
    case "out-of-office":
      return "ooo";
    default:
      return "unknown"; // includes values from stale or foreign data
  }
}

const TONE: Readonly<Record<Variant, Tone>> = {
  available: "available",
  "available-ooo": "available",
  busy: "busy",
  "busy-ooo": "busy",
  dnd: "busy",
  "dnd-ooo": "busy",
  away: "away",
  ooo: "ooo",
  offline: "offline",
  unknown: "offline",
};

// Fallbacks keep the light-theme colours when PresenceBadge.css (which defines the variables per theme) is absent.
const TONE_COLOR: Readonly<Record<Tone, string>> = {
  available: "var(--presence-available, #13a10e)",
  busy: "var(--presence-busy, #d13438)",
  away: "var(--presence-away, #eaa300)",
  ooo: "var(--presence-ooo, #c239b3)",
  offline: "var(--presence-offline, #616161)",
};

/** The page background: the glyph inside filled icons and the inside of open ones. */
const SURFACE = "var(--presence-surface, #fff)";

const STROKE = { fill: "none", strokeWidth: 1.7, strokeLinecap: "round", strokeLinejoin: "round" } as const;
const CHECK = "M4.75 8.2 6.9 10.35 11.25 5.95";
const CLOCK = "M8 4.5v3.9l2.5 1.5";
const CROSS = "M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8";
const ARROW = "M11.3 8H5.1M7.8 5.3 5.1 8l2.7 2.7";

function Solid() {
  return <circle cx="8" cy="8" r="8" fill="currentColor" />;
}

function Ring() {
  return <circle cx="8" cy="8" r="7.1" strokeWidth="1.8" stroke="currentColor" style={{ fill: SURFACE }} />;
}

function Bar({ on }: { on: "surface" | "current" }) {
  return <rect x="4.25" y="7.1" width="7.5" height="1.8" rx="0.9" style={{ fill: on === "surface" ? SURFACE : "currentColor" }} />;
}

function Glyph({ d, on }: { d: string; on: "surface" | "current" }) {
  return <path d={d} {...STROKE} style={{ stroke: on === "surface" ? SURFACE : "currentColor" }} />;
}

function shapes(variant: Variant) {
  switch (variant) {
    case "available":
      return [<Solid key="c" />, <Glyph key="g" d={CHECK} on="surface" />];
    case "available-ooo":
      return [<Ring key="c" />, <Glyph key="g" d={CHECK} on="current" />];
    case "busy":
      return [<Solid key="c" />];
    case "busy-ooo":
      return [<Ring key="c" />];
    case "dnd":
      return [<Solid key="c" />, <Bar key="g" on="surface" />];
    case "dnd-ooo":
      return [<Ring key="c" />, <Bar key="g" on="current" />];
    case "away":
      return [<Solid key="c" />, <Glyph key="g" d={CLOCK} on="surface" />];
    case "offline":
      return [<Ring key="c" />, <Glyph key="g" d={CROSS} on="current" />];
    case "ooo":
      return [<Ring key="c" />, <Glyph key="g" d={ARROW} on="current" />];
    case "unknown":
      return [<Ring key="c" />];
  }
}

export function PresenceBadge({ badge, outOfOffice = false, size = 16, title, className }: PresenceBadgeProps) {
  const variant = variantOf(badge, outOfOffice);
  const style: CSSProperties = { color: TONE_COLOR[TONE[variant]] };
  return (
    <svg
      className={className ? `presence-badge ${className}` : "presence-badge"}
      data-badge={badge}
      data-variant={variant}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      style={style}
    >
      {title ? <title>{title}</title> : null}
      {shapes(variant)}
    </svg>
  );
}
