/**
 * Fit N tiles on a screen without scrolling: choose the column count that gives the largest tiles with a readable
 * aspect ratio. Beyond what fits at a legible size, the wall shows pages that rotate on a timer.
 */
export interface WallLayout {
  cols: number;
  rows: number;
  perPage: number;
  pages: number;
  tileWidth: number;
  tileHeight: number;
}

export interface WallLayoutInput {
  count: number;
  width: number;
  height: number;
  gap: number;
  /** Smallest tile that stays legible from across the room, in CSS px at this screen size. */
  minTileHeight: number;
  /** Width/height the tile content wants (name, status, message). */
  aspect: number;
}

export function wallLayout({ count, width, height, gap, minTileHeight, aspect }: WallLayoutInput): WallLayout {
  const n = Math.max(1, count);
  let best: WallLayout | null = null;
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const cellW = (width - gap * (cols - 1)) / cols;
    const cellH = (height - gap * (rows - 1)) / rows;
    // Tiles take the cell but never get stretched beyond the aspect they read best at.
    const tileHeight = Math.min(cellH, cellW / aspect * 1.6);
    const tileWidth = cellW;
    const score = Math.min(cellW / aspect, cellH);
    if (!best || score > Math.min(best.tileWidth / aspect, best.tileHeight)) {
      best = { cols, rows, perPage: n, pages: 1, tileWidth, tileHeight };
    }
  }
  const fit = best!;
  if (fit.tileHeight >= minTileHeight) return fit;

  // Too many for one screen: the largest grid whose tiles are still legible, in pages.
  const rows = Math.max(1, Math.floor((height + gap) / (minTileHeight + gap)));
  const cols = Math.max(1, Math.floor((width + gap) / (minTileHeight * aspect + gap)));
  const perPage = rows * cols;
  return {
    cols,
    rows,
    perPage,
    pages: Math.ceil(n / perPage),
    tileWidth: (width - gap * (cols - 1)) / cols,
    tileHeight: (height - gap * (rows - 1)) / rows,
  };
}
