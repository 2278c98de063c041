/**
 * Deterministic hashing and randomness for the demo tenant. Everything here is integer arithmetic so the browser and
 * Node give bit-identical answers; crypto.getRandomValues would break "same seed + same clock = same answers".
 */

/** murmur3's 32-bit finaliser: a cheap, well-mixing bijection. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Stateless hash of up to five integers to a uint32 (fixed arity: this is the hot path of the presence model). */
export function hash32(seed: number, a: number, b = 0, c = 0, d = 0): number {
  let h = fmix32((seed | 0) ^ 0x5bd1e995);
  h = fmix32((h ^ (a | 0)) + 0x9e3779b9);
  h = fmix32((h ^ (b | 0)) + 0x7f4a7c15);
  h = fmix32((h ^ (c | 0)) + 0x1b873593);
  h = fmix32((h ^ (d | 0)) + 0xe6546b64);
  return h;
}

/** Same as hash32, scaled to [0, 1). */
export function unit(seed: number, a: number, b = 0, c = 0, d = 0): number {
  return hash32(seed, a, b, c, d) / 4294967296;
}

/** Small stateful PRNG (mulberry32) for per-request rolls such as faults; its state is one number. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex8 = (n: number): string => n.toString(16).padStart(8, "0");

/** A GUID-shaped (version 4 layout) string derived from two integers. */
export function guidFrom(seed: number, n: number): string {
  const a = hash32(seed, n, 1);
  const b = hash32(seed, n, 2);
  const c = hash32(seed, n, 3);
  const d = hash32(seed, n, 4);
  const s = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  const variant = ((parseInt(s[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

/** FNV-1a of a string, for turning ids into hash inputs. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
