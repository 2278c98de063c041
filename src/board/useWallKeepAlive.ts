import { useEffect } from "react";

/**
 * A wall screen must not sleep or burn in: hold a Screen Wake Lock (re-acquired when the page becomes visible again,
 * since browsers release it on hide), and shift the layout by a few pixels every few minutes.
 */
export function useWallKeepAlive(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let lock: WakeLockSentinel | null = null;
    let cancelled = false;
    const acquire = async () => {
      if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
      try {
        lock = await navigator.wakeLock.request("screen");
        if (cancelled) void lock.release();
      } catch {
        // Not allowed (no user gesture, power saver): the OS/kiosk settings must keep the screen on.
      }
    };
    void acquire();
    const onVisible = () => {
      if (document.visibilityState === "visible") void acquire();
    };
    document.addEventListener("visibilitychange", onVisible);

    // Burn-in: move the whole board by up to 6 px in a slow circle, one step every 2 minutes.
    let step = 0;
    const shift = setInterval(() => {
      step = (step + 1) % 12;
      const angle = (step / 12) * 2 * Math.PI;
      document.documentElement.style.setProperty("--burn-x", `${Math.round(Math.cos(angle) * 6)}px`);
      document.documentElement.style.setProperty("--burn-y", `${Math.round(Math.sin(angle) * 4)}px`);
    }, 2 * 60 * 1000);

    return () => {
      cancelled = true;
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(shift);
      document.documentElement.style.removeProperty("--burn-x");
      document.documentElement.style.removeProperty("--burn-y");
      void lock?.release().catch(() => undefined);
    };
  }, [enabled]);
}
