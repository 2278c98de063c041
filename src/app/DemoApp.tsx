import { useMemo } from "react";
import type { BoardConfig } from "../config/config";
import { createGraphClient } from "../graph/client";
import type { Session } from "../board/session";
import { createBoardQueryClient } from "../board/queryClient";
import { BoardRoot } from "../board/BoardRoot";
import { createDemoTenant } from "../demo/tenant";

const queryClient = createBoardQueryClient();

/**
 * The demo's day starts at 9:40 on the latest weekday, whatever the visitor's clock says: at night or on a Sunday a
 * real-time demo would show a board of grey "Offline" badges, which demonstrates nothing.
 */
export function demoStartTime(now: Date): number {
  const start = new Date(now);
  start.setHours(9, 40, 0, 0);
  while (start.getDay() === 0 || start.getDay() === 6) start.setDate(start.getDate() - 1);
  return start.getTime();
}

/** The demo: the simulated tenant answers under the real Graph client, so everything above it is production code. */
export function DemoApp({ config }: { config: BoardConfig }) {
  const session = useMemo<Session>(() => {
    const params = new URLSearchParams(window.location.search);
    const speed = Number(params.get("speed"));
    const tenant = createDemoTenant({ startAt: demoStartTime(new Date()), ...(Number.isFinite(speed) && speed > 0 ? { speed } : {}) });
    const graph = createGraphClient({
      baseUrl: "https://graph.microsoft.com",
      getAccessToken: async () => "demo",
      transport: tenant.transport,
    });
    const never = { get: () => false, subscribe: () => () => undefined };
    return {
      mode: "demo",
      graph,
      account: { id: tenant.meId, name: "Demo user", username: "demo" },
      pollIntervalSeconds: config.pollIntervalSeconds,
      autoReauth: false,
      graphWithScopes: async () => graph,
      signOut: () => window.location.assign(window.location.pathname),
      signInAgain: () => undefined,
      autoSignIn: () => false,
      signInNeeded: never,
      tokenExpiresAt: () => null,
    };
  }, [config]);
  return <BoardRoot session={session} queryClient={queryClient} />;
}
