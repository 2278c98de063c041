import { useState } from "react";
import "./Avatar.css";

/** Initials the way Teams makes them: first letters of the first and last word; one grapheme for single names. */
export function initialsOf(name: string): string {
  const words = name
    .replace(/\(.*?\)|\[.*?\]/g, " ")
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return "?";
  const first = (w: string) => Array.from(w.replace(/^[^\p{L}\p{N}]+/u, ""))[0] ?? "";
  const letters = words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words[words.length - 1]!);
  return letters.toUpperCase();
}

// A stable color per name, from Fluent's avatar palette, so the same person keeps their color across reloads.
const COLORS = ["#8764b8", "#0078d4", "#038387", "#ca5010", "#986f0b", "#4f6bed", "#c239b3", "#00845e", "#a4262c", "#5c2e91"];

function colorOf(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

export function Avatar({ name, photoUrl, size }: { name: string; photoUrl: string | null; size: number }) {
  const [broken, setBroken] = useState<string | null>(null);
  const showPhoto = photoUrl && broken !== photoUrl;
  return (
    <span className="avatar" style={{ width: size, height: size, fontSize: size * 0.4, background: showPhoto ? undefined : colorOf(name) }} aria-hidden="true">
      {showPhoto ? <img src={photoUrl} alt="" width={size} height={size} onError={() => setBroken(photoUrl)} /> : initialsOf(name)}
    </span>
  );
}
