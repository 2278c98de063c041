import { useEffect, useState, useSyncExternalStore } from "react";

export type ThemeChoice = "system" | "light" | "dark" | "high-contrast";
export type Theme = Exclude<ThemeChoice, "system">;
const THEMES: readonly ThemeChoice[] = ["system", "light", "dark", "high-contrast"];
const THEME_KEY = "presence-board.theme";

export function parseTheme(value: string | null): ThemeChoice | null {
  return value && (THEMES as readonly string[]).includes(value) ? (value as ThemeChoice) : null;
}

function storedTheme(): ThemeChoice {
  try {
    return parseTheme(window.localStorage.getItem(THEME_KEY)) ?? "system";
  } catch {
    return "system";
  }
}

function subscribeMedia(callback: () => void) {
  const queries = ["(prefers-color-scheme: dark)", "(forced-colors: active)", "(prefers-contrast: more)"].map((q) => window.matchMedia(q));
  for (const q of queries) q.addEventListener("change", callback);
  return () => queries.forEach((q) => q.removeEventListener("change", callback));
}

function systemTheme(): Theme {
  if (window.matchMedia("(forced-colors: active)").matches || window.matchMedia("(prefers-contrast: more)").matches) return "high-contrast";
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Set the theme before anything renders (sign-in and error pages too), so there is no flash of the wrong one. */
export function applyThemeEarly(): void {
  const choice = parseTheme(new URLSearchParams(window.location.search).get("theme")) ?? storedTheme();
  document.documentElement.dataset.theme = choice === "system" ? systemTheme() : choice;
}

/** Theme: `?theme=` wins (a pinned wall URL), then the person's choice, then the OS. */
export function useTheme() {
  const fromUrl = parseTheme(new URLSearchParams(window.location.search).get("theme"));
  const [choice, setChoiceState] = useState<ThemeChoice>(() => fromUrl ?? storedTheme());
  const system = useSyncExternalStore(subscribeMedia, systemTheme);
  const theme: Theme = choice === "system" ? system : choice;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const setChoice = (next: ThemeChoice) => {
    setChoiceState(next);
    try {
      window.localStorage.setItem(THEME_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    const url = new URL(window.location.href);
    if (url.searchParams.has("theme")) {
      url.searchParams.set("theme", next);
      window.history.replaceState(null, "", url);
    }
  };
  return { theme, choice, setChoice };
}

/** Wall mode lives in the URL (`?kiosk`), so the URL pinned on the TV brings it back after a restart. */
export function useWallMode() {
  const [wall, setWallState] = useState(() => new URLSearchParams(window.location.search).has("kiosk"));
  const setWall = (next: boolean) => {
    setWallState(next);
    const url = new URL(window.location.href);
    if (next) url.searchParams.set("kiosk", "");
    else url.searchParams.delete("kiosk");
    window.history.replaceState(null, "", url.toString().replace("kiosk=&", "kiosk&").replace(/kiosk=$/, "kiosk"));
  };
  return { wall, setWall };
}
