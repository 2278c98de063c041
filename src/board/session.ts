import { createContext, useContext } from "react";
import type { GraphClient } from "../graph/client";

/**
 * What the board needs from whoever signed in (a real tenant or the demo): a Graph client and a few actions.
 * The board never sees tokens or MSAL.
 */
export interface Session {
  mode: "demo" | "tenant";
  graph: GraphClient;
  /** Who is signed in, for the header. */
  account: { id: string; name: string; username: string } | null;
  pollIntervalSeconds: number;
  /** A Graph client with extra delegated scopes (incremental consent). Null: the page is redirecting for consent. */
  graphWithScopes(scopes: readonly string[]): Promise<GraphClient | null>;
  signOut(): void;
  signInAgain(): void;
  /** Subscribe to "sign-in needed"; the demo never needs it. */
  signInNeeded: { get(): boolean; subscribe(listener: () => void): () => void };
  /** Epoch ms at which the current access token expires (diagnostics). */
  tokenExpiresAt(): number | null;
  /** Wall mode may retry sign-in by redirect on its own (config autoReauth). */
  autoReauth: boolean;
  /** Unattended sign-in attempt (prompt=none redirect), if the rate limit allows; false when it did not start one. */
  autoSignIn(): boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionContext");
  return session;
}
