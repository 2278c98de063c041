import { useMemo, type ReactNode } from "react";
import { MsalProvider, useMsal } from "@azure/msal-react";
import { InteractionStatus, type PublicClientApplication } from "@azure/msal-browser";
import type { BoardConfig } from "../config/config";
import { createMsal, createScopedTokenProvider, createTokenProvider, currentAccount, ensureScopes, signInRequest } from "../auth/msal";
import { signInState } from "../auth/signInState";
import { claimAutoReauthAttempt } from "../auth/autoReauth";
import { createGraphClient } from "../graph/client";
import type { Session } from "../board/session";
import { createBoardQueryClient } from "../board/queryClient";
import { BoardRoot } from "../board/BoardRoot";
import { SignInScreen } from "./SignInScreen";

export async function startTenantApp(config: BoardConfig): Promise<ReactNode> {
  const msal = await createMsal(config);
  return (
    <MsalProvider instance={msal}>
      <TenantRoot config={config} msal={msal} />
    </MsalProvider>
  );
}

const queryClient = createBoardQueryClient();

function TenantRoot({ config, msal }: { config: BoardConfig; msal: PublicClientApplication }) {
  const { accounts, inProgress } = useMsal();
  const account = currentAccount(msal) ?? accounts[0] ?? null;
  const accountId = account?.homeAccountId ?? null;

  const session = useMemo<Session | null>(() => {
    if (!accountId) return null;
    const graph = createGraphClient({ baseUrl: config.graphBaseUrl, getAccessToken: createTokenProvider(msal, config) });
    const who = currentAccount(msal);
    return {
      mode: "tenant",
      graph,
      account: who ? { id: who.localAccountId, name: who.name ?? who.username, username: who.username } : null,
      pollIntervalSeconds: config.pollIntervalSeconds,
      autoReauth: config.autoReauth,
      async graphWithScopes(scopes) {
        if (!(await ensureScopes(msal, config, scopes))) return null;
        return createGraphClient({ baseUrl: config.graphBaseUrl, getAccessToken: createScopedTokenProvider(msal, config, scopes) });
      },
      signOut() {
        const current = currentAccount(msal);
        void msal.logoutRedirect(current ? { account: current } : undefined);
      },
      autoSignIn() {
        const current = currentAccount(msal);
        if (!current || !claimAutoReauthAttempt(window.localStorage, Date.now())) return false;
        void msal.loginRedirect(signInRequest(config, current.username, true));
        return true;
      },
      signInAgain() {
        const current = currentAccount(msal);
        void msal.loginRedirect(signInRequest(config, current?.username));
      },
      signInNeeded: {
        get: () => signInState.get().needed,
        subscribe: (listener) => signInState.subscribe(listener),
      },
      tokenExpiresAt: () => signInState.get().tokenExpiresAt,
    };
  }, [accountId, msal, config]);

  if (!session) {
    const busy = inProgress !== InteractionStatus.None;
    return <SignInScreen busy={busy} onSignIn={() => void msal.loginRedirect(signInRequest(config))} />;
  }
  return <BoardRoot session={session} queryClient={queryClient} />;
}
