import { describe, it, expect } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { PresenceBadge } from "./PresenceBadge";
import type { PresenceBadgeStatus } from "../presence/presenceView";

const BADGES: PresenceBadgeStatus[] = ["available", "busy", "do-not-disturb", "away", "offline", "out-of-office", "unknown"];
const render = (badge: PresenceBadgeStatus, outOfOffice = false, extra: Record<string, unknown> = {}) =>
  renderToStaticMarkup(<PresenceBadge badge={badge} outOfOffice={outOfOffice} {...extra} />);
/** The drawing only: markup minus the attributes naming the badge. */
const drawing = (markup: string) => markup.replace(/ data-[a-z]+="[^"]*"/g, "");

describe("PresenceBadge", () => {
  it("draws a different icon for every badge", () => {
    const drawings = BADGES.map((b) => drawing(render(b)));
    expect(new Set(drawings).size).toBe(BADGES.length);
  });

  it("is decorative: aria-hidden, not focusable, no text content", () => {
    for (const b of BADGES) {
      const html = render(b);
      expect(html).toContain('aria-hidden="true"');
      expect(html).toContain('focusable="false"');
      expect(html.replace(/<[^>]*>/g, "")).toBe("");
    }
  });

  it("out of office: open icons for available/busy/dnd, the purple arrow for away/offline (as Fluent UI)", () => {
    expect(drawing(render("available", true))).not.toBe(drawing(render("available")));
    expect(drawing(render("busy", true))).not.toBe(drawing(render("busy")));
    expect(drawing(render("do-not-disturb", true))).not.toBe(drawing(render("do-not-disturb")));
    expect(drawing(render("away", true))).toBe(drawing(render("out-of-office")));
    expect(drawing(render("offline", true))).toBe(drawing(render("out-of-office")));
    expect(render("available", true)).toContain('data-variant="available-ooo"');
    expect(render("available", true)).toContain("--presence-available");
    expect(render("out-of-office")).toContain("--presence-ooo, #c239b3");
  });

  it("colours come from CSS custom properties with light-theme fallbacks", () => {
    expect(render("available")).toContain("var(--presence-available, #13a10e)");
    expect(render("busy")).toContain("var(--presence-busy, #d13438)");
    expect(render("do-not-disturb")).toContain("var(--presence-busy, #d13438)");
    expect(render("away")).toContain("var(--presence-away, #eaa300)");
    expect(render("offline")).toContain("var(--presence-offline, #616161)");
    expect(render("unknown")).toContain("var(--presence-offline, #616161)");
  });

  it("size, title and class name", () => {
    const html = render("busy", false, { size: 24, title: "Busy", className: "tile-badge" });
    expect(html).toContain('width="24"');
    expect(html).toContain("<title>Busy</title>");
    expect(html).toContain('class="presence-badge tile-badge"');
    expect(render("busy", false, { size: "1.5em" })).toContain('height="1.5em"');
  });

  it("a value from stale or foreign data draws the unknown icon", () => {
    expect(drawing(render("blocked" as PresenceBadgeStatus))).toBe(drawing(render("unknown")));
  });

  it("title text is escaped by React", () => {
    expect(render("busy", false, { title: "<img src=x onerror=alert(1)>" })).not.toContain("<img");
  });
});
