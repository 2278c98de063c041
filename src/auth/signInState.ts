/**
 * Whether the board needs a person to sign in again. A tiny external store (useSyncExternalStore) so the token
 * provider, which is not a component, can raise it and the banner can show it without re-rendering the board.
 */
type Listener = () => void;

export interface SignInState {
  /** Silent renewal failed: interaction is required. Everything stays on screen meanwhile. */
  needed: boolean;
  /** The last token we obtained expires at (epoch ms), for the diagnostics panel. */
  tokenExpiresAt: number | null;
  /** MSAL's errorCode of the last failed renewal (diagnostics), e.g. "login_required". */
  lastError?: string | undefined;
}

let state: SignInState = { needed: false, tokenExpiresAt: null };
const listeners = new Set<Listener>();

export const signInState = {
  get: (): SignInState => state,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  set(patch: Partial<SignInState>): void {
    const next = { ...state, ...patch };
    if (next.needed === state.needed && next.tokenExpiresAt === state.tokenExpiresAt && next.lastError === state.lastError) return;
    state = next;
    for (const l of listeners) l();
  },
};
