/**
 * Deterministic abstract avatars (head and shoulders on a coloured square) as SVG. No names or text inside, so a
 * hostile displayName can never end up in image bytes.
 */
import { hashString } from "./prng";

const BACKGROUNDS = ["#4f6bed", "#0f6cbd", "#038387", "#8764b8", "#ca5010", "#498205", "#c239b3", "#986f0b", "#00a5af", "#e3008c", "#5c2e91", "#004e8c"];
const SKIN = ["#f5d0b5", "#e8b48f", "#c68642", "#a0673d", "#8d5524", "#5c3a1e", "#f1c27d", "#ffdbac"];
const SHIRTS = ["#1b1a19", "#f3f2f1", "#2b88d8", "#a4262c", "#107c10", "#605e5c", "#e1dfdd", "#004b50"];
const HAIR = ["#2b1b0e", "#4b2e19", "#a56b35", "#d8b36a", "#111111", "#8a8886", "none", "none"];

/** Sizes Graph serves under /photos/{size}. */
export const PHOTO_SIZES = ["48x48", "64x64", "96x96", "120x120", "240x240", "360x360", "432x432", "504x504", "648x648"];

const pick = (list: readonly string[], n: number): string => list[n % list.length] ?? "#000000";

export function avatarSvg(personId: string, size = 240): string {
  const h = hashString(personId);
  const bg = pick(BACKGROUNDS, h);
  const skin = pick(SKIN, h >>> 4);
  const shirt = pick(SHIRTS, h >>> 8);
  const hair = pick(HAIR, h >>> 12);
  const headY = 92 + ((h >>> 16) % 12);
  const hairPath =
    hair === "none"
      ? ""
      : `<path d="M76 ${headY}a44 44 0 0 1 88 0c-10-14-26-20-44-20s-34 6-44 20z" fill="${hair}"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 240 240">` +
    `<rect width="240" height="240" fill="${bg}"/>` +
    `<path d="M36 240c0-50 38-86 84-86s84 36 84 86z" fill="${shirt}"/>` +
    `<circle cx="120" cy="${headY}" r="44" fill="${skin}"/>` +
    hairPath +
    `</svg>`
  );
}
