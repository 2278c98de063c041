import { describe, expect, it } from "vitest";
import { wallLayout } from "./wallLayout";

const screen = (count: number, width = 1920, height = 960) =>
  wallLayout({ count, width, height, gap: 12, minTileHeight: 96, aspect: 2 });

describe("wallLayout", () => {
  it("fits 60 people on one 1080p screen with legible tiles", () => {
    const layout = screen(60);
    expect(layout.pages).toBe(1);
    expect(layout.cols * layout.rows).toBeGreaterThanOrEqual(60);
    expect(layout.tileHeight).toBeGreaterThanOrEqual(96);
  });

  it("gives a handful of people big tiles", () => {
    const layout = screen(4);
    expect(layout.tileHeight).toBeGreaterThan(400);
  });

  it("pages a board that cannot fit legibly", () => {
    const layout = screen(200);
    expect(layout.pages).toBeGreaterThan(1);
    expect(layout.perPage * layout.pages).toBeGreaterThanOrEqual(200);
    expect(layout.tileHeight).toBeGreaterThanOrEqual(96);
  });

  it("uses the room a 4K screen gives (same CSS px at 2x scale fit the same; at 1x more fit)", () => {
    expect(wallLayout({ count: 60, width: 3840, height: 2040, gap: 12, minTileHeight: 96, aspect: 2 }).pages).toBe(1);
  });
});
