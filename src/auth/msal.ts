import {
  BrowserCacheLocation,
  EventType,
  InteractionRequiredAuthError,
  LogLevel,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type EventMessage,
} from "@azure/msal-browser";
import type { BoardConfig } from "../config/config";
import { BOARD_SCOPES, qualifyScopes } from "./scopes";
import { signInState } from "./signInState";

/** Thrown by the token provider when only a person can fix it (sign in again). The board keeps what it shows. */
export class SignInRequiredError extends Error {
  readonly code = "signInRequired";
  constructor(cause?: unknown) {
    super("Sign-in needed", cause === undefined ? undefined : { cause });
    this.name = "SignInRequiredError";
  }
}

/**
 * One PublicClientApplication for the page. Cache in localStorage: a wall board must survive reloads and browser
 * restarts without a person; MSAL encrypts what it stores there and the refresh token stays bound to this origin.
 */
export async function createMsal(config: BoardConfig): Promise<PublicClientApplication> {
  const msal = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      redirectUri: config.redirectUri,
      postLogoutRedirectUri: new URL("./", window.location.href).toString(),
    },
    cache: { cacheLocation: BrowserCacheLocation.LocalStorage },
    system: {
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          if (level === LogLevel.Error) console.error(message);
        },
      },
    },
  });
  await msal.initialize();
  msal.addEventCallback((event: EventMessage) => {
    if (
      (event.eventType === EventType.LOGIN_SUCCESS || event.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) &&
      event.payload
    ) {
      const result = event.payload as AuthenticationResult;
      if (result.account) msal.setActiveAccount(result.account);
    }
  });
  // Finish a sign-in redirect before anything asks for a token: a silent call racing it reuses a stale refresh token.
  let result: AuthenticationResult | null = null;
  try {
    result = await msal.handleRedirectPromise();
  } catch (error) {
    // A redirect that came back with an error (prompt=none without a session, consent refused): the board must still
    // start, with the cached account and "Sign in again", never a blank page.
    signInState.set({ needed: true, lastError: errorCodeOf(error) });
  }
  // Sign-out comes back with `?state=…` (MSAL v5 checks it); keep the address bar clean for a pinned URL.
  const url = new URL(window.location.href);
  if (url.searchParams.has("state")) {
    url.searchParams.delete("state");
    window.history.replaceState(null, "", url);
  }
  if (result?.account) msal.setActiveAccount(result.account);
  if (!msal.getActiveAccount()) {
    const [first] = msal.getAllAccounts();
    if (first) msal.setActiveAccount(first);
  }
  return msal;
}

function errorCodeOf(error: unknown): string {
  return error && typeof error === "object" && typeof (error as { errorCode?: unknown }).errorCode === "string"
    ? (error as { errorCode: string }).errorCode
    : "unknown_error";
}

export function currentAccount(msal: PublicClientApplication): AccountInfo | null {
  return msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
}

/**
 * Access tokens for Graph. MSAL renews silently: refresh token first, then the hidden iframe (redirect.html bridge).
 * When only interaction helps, flag "sign in again" and throw SignInRequiredError; branch on the error type/code,
 * never on message text.
 */
export function createTokenProvider(msal: PublicClientApplication, config: BoardConfig) {
  const scopes = qualifyScopes(config.graphBaseUrl, BOARD_SCOPES);
  return async function getAccessToken(): Promise<string> {
    const account = currentAccount(msal);
    if (!account) {
      signInState.set({ needed: true });
      throw new SignInRequiredError();
    }
    try {
      const result = await msal.acquireTokenSilent({ account, scopes });
      signInState.set({ needed: false, tokenExpiresAt: result.expiresOn ? result.expiresOn.getTime() : null });
      return result.accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) {
        signInState.set({ needed: true, lastError: error.errorCode });
        throw new SignInRequiredError(error);
      }
      // Anything else (identity platform unreachable, iframe timed out) is transient: the poller retries.
      throw error;
    }
  };
}

export function signInRequest(config: BoardConfig, loginHint?: string, silent = false) {
  return {
    scopes: qualifyScopes(config.graphBaseUrl, BOARD_SCOPES),
    ...(loginHint ? { loginHint } : {}),
    // Unattended attempts must come straight back (with an error if there is no session), never park on a login page.
    ...(silent ? { prompt: "none" as const } : {}),
    // Come back to the board the person was looking at (share link, kiosk flags).
    redirectStartPage: window.location.href,
  };
}

/** Incremental consent for a feature's extra scopes; redirects when consent is missing. */
export async function ensureScopes(msal: PublicClientApplication, config: BoardConfig, extra: readonly string[]): Promise<boolean> {
  const account = currentAccount(msal);
  const scopes = qualifyScopes(config.graphBaseUrl, extra);
  if (!account) return false;
  try {
    await msal.acquireTokenSilent({ account, scopes });
    return true;
  } catch (error) {
    if (error instanceof InteractionRequiredAuthError) {
      await msal.acquireTokenRedirect({ account, scopes, redirectStartPage: window.location.href });
      return false;
    }
    throw error;
  }
}

export function createScopedTokenProvider(msal: PublicClientApplication, config: BoardConfig, extra: readonly string[]) {
  const scopes = qualifyScopes(config.graphBaseUrl, extra);
  return async () => {
    const account = currentAccount(msal);
    if (!account) throw new SignInRequiredError();
    try {
      return (await msal.acquireTokenSilent({ account, scopes })).accessToken;
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) throw new SignInRequiredError(error);
      throw error;
    }
  };
}
