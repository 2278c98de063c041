import { useMemo } from "react";
import type { BoardConfig } from "../config/config";
import { createGraphClient } from "../graph/client";
import type { Session } from "../board/session";
import { createBoardQueryClient } from "../board/queryClient";
import { BoardRoot } from "../board/BoardRoot";
import { createDemoTenant, livelyStartAt } from "../demo/tenant";

const queryClient = createBoardQueryClient();

/** The demo: the simulated tenant answers under the real Graph client, so everything above it is production code. */
export function DemoApp({ config }: { config: BoardConfig }) {
  const session = useMemo<Session>(() => {
    const params = new URLSearchParams(window.location.search);
    const speed = Number(params.get("speed"));
    // Real time during the lead's working day; at night or at weekends the last weekday morning, so the demo is alive.
    const tenant = createDemoTenant({ startAt: livelyStartAt(Date.now()), ...(Number.isFinite(speed) && speed > 0 ? { speed } : {}) });
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
