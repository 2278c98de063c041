/**
 * Entra ID (v2.0 endpoints) stand-in: OIDC discovery, JWKS, authorize (auth code + PKCE, prompt=none for MSAL's
 * hidden iframe, a minimal account picker), token (code and rotating refresh-token grants, SPA rules) and logout.
 * It mirrors what MSAL Browser sends and checks; error answers use Entra's shapes and AADSTS codes so the app's
 * error handling meets the same strings it will meet in production.
 */
import { createHash, randomUUID } from "node:crypto";
import type { AccountDirectory, Account } from "./accounts";
import type { TlsMaterial } from "./certs";
import {
  ALLOWED_REDIRECT_URIS,
  CLIENT_ID,
  DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  GRAPH_AUDIENCE,
  GRAPH_ORIGIN,
  GRAPH_RESOURCE_ID,
  IDENTITY_ORIGIN,
  IDENTITY_PORT,
  ISSUER,
  TENANT_ID,
} from "./constants";
import {
  FaultQueue,
  KnobError,
  RequestLog,
  dropConnection,
  escapeHtml,
  handleKnob,
  header,
  obj,
  onFinish,
  parseFault,
  readBody,
  redirect,
  requestUrl,
  send,
  sendHtml,
  sendJson,
  startHttpsServer,
  type LogEntryBase,
  type Req,
  type Res,
  type RunningServer,
} from "./http";
import { base64url, pkceChallenge, randomToken, signJwt, type SigningKey } from "./tokens";

export interface IdentityLogEntry extends LogEntryBase {
  /** Token endpoint: the grant type. */
  grant_type?: string;
  /** Authorize: the prompt parameter (`none` = MSAL's hidden-iframe renewal). */
  prompt?: string;
  /** OAuth error code answered (redirect or JSON), e.g. `login_required`, `invalid_grant`. */
  error?: string;
  /** Who was signed in / got tokens (object id). */
  userId?: string;
  /** Answered by an injected fault or dropped by the offline knob. */
  injected?: boolean;
  offline?: boolean;
}

export interface IdentitySettings {
  tokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  /** Sign this account in without showing the picker (null: show the picker). */
  autoApproveUserId: string | null;
  /** Graph scopes the tenant has consented to (case-insensitive names without resource prefix). */
  consentedScopes: Set<string>;
  /** Graph scopes consent is refused for (admin approval required). */
  blockedScopes: Set<string>;
  /** Invalidate a refresh token once redeemed (Entra keeps it valid; this is the stricter OAuth 2.1 rotation). */
  singleUseRefreshTokens: boolean;
  offline: boolean;
}

const INITIAL_CONSENT = ["User.Read", "User.ReadBasic.All", "Presence.Read.All"];

function defaultSettings(): IdentitySettings {
  return {
    tokenLifetimeSeconds: DEFAULT_TOKEN_LIFETIME_SECONDS,
    refreshTokenLifetimeSeconds: DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS,
    autoApproveUserId: null,
    consentedScopes: new Set(INITIAL_CONSENT.map((s) => s.toLowerCase())),
    blockedScopes: new Set(),
    singleUseRefreshTokens: false,
    offline: false,
  };
}

interface Session {
  sid: string;
  userId: string;
  authTime: number;
}

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | undefined;
  scopes: string[];
  userId: string;
  sid: string;
  authTime: number;
  expiresAt: number;
  redeemed: boolean;
}

interface RefreshGrant {
  clientId: string;
  userId: string;
  sid: string;
  authTime: number;
  /** SPA refresh tokens share the sign-in's fixed expiry; redemption does not extend it. */
  familyExpiresAt: number;
  issuedAt: number;
  revoked: boolean;
  redeemed: boolean;
}

const SESSION_COOKIE = "ESTSAUTH";
const CODE_LIFETIME_MS = 10 * 60 * 1000;
const ID_TOKEN_LIFETIME_SECONDS = 3600;
const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);
const TENANT_ALIASES = new Set([TENANT_ID, "organizations", "common"]);
/** Resource prefixes that name Microsoft Graph in a scope (`https://graph.microsoft.com/User.Read`). */
const GRAPH_SCOPE_PREFIXES = [`${GRAPH_AUDIENCE}/`, `${GRAPH_ORIGIN}/`, `${GRAPH_RESOURCE_ID}/`];

// ---------------------------------------------------------------------------------------------------------------
// Entra's error format

/** `sub` is pairwise in Entra: stable per user and application, unrelated to the object id. */
function pairwiseSub(oid: string, audience: string): string {
  return createHash("sha256").update(`${oid}|${audience}`).digest("base64url");
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

interface OAuthError {
  error: string;
  code: number;
  message: string;
  suberror?: string;
}

function oauthErrorBody(e: OAuthError, correlationId: string) {
  const traceId = randomUUID();
  const ts = timestamp();
  return {
    error: e.error,
    error_description: `AADSTS${e.code}: ${e.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${ts}`,
    error_codes: [e.code],
    timestamp: ts,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${IDENTITY_ORIGIN}/error?code=${e.code}`,
    ...(e.suberror ? { suberror: e.suberror } : {}),
  };
}

const errors = {
  loginRequired: (): OAuthError => ({
    error: "login_required",
    code: 50058,
    message: "A silent sign-in request was sent but no user is signed in.",
  }),
  accountMismatch: (): OAuthError => ({
    error: "interaction_required",
    code: 16000,
    message: "SelectUserAccount - This is an interrupt thrown by Azure AD, which results in UI that allows the user to select from among multiple valid SSO sessions.",
  }),
  consentRequired: (scopes: string[]): OAuthError => ({
    error: "consent_required",
    code: 65001,
    message: `The user or administrator has not consented to use the application with ID '${CLIENT_ID}' named 'Presence Board'. Send an interactive authorization request for this user and resource. Missing: ${scopes.join(" ")}.`,
  }),
  adminConsent: (scopes: string[]): OAuthError => ({
    error: "access_denied",
    code: 90094,
    message: `Admin consent is required for the permissions requested by this application: ${scopes.join(" ")}.`,
  }),
  userCancelled: (): OAuthError => ({
    error: "access_denied",
    code: 65004,
    message: "User declined to consent to access the app.",
  }),
  unknownResource: (scope: string): OAuthError => ({
    error: "invalid_resource",
    code: 500011,
    message: `The resource principal named ${scope.slice(0, scope.lastIndexOf("/"))} was not found in the tenant named ${TENANT_ID}.`,
  }),
  pkceRequired: (): OAuthError => ({
    error: "invalid_request",
    code: 9002325,
    message: "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
  }),
  badChallengeMethod: (): OAuthError => ({
    error: "invalid_request",
    code: 5000541,
    message: "The 'code_challenge_method' parameter only supports 'S256'.",
  }),
  badResponseType: (value: string): OAuthError => ({
    error: "unsupported_response_type",
    code: 70005,
    message: `The provided value for the input parameter 'response_type' ('${value}') is not allowed for this client. Expected value is 'code'.`,
  }),
  missingOpenId: (): OAuthError => ({
    error: "invalid_request",
    code: 90014,
    message: "The required field 'scope' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
  }),
};

// ---------------------------------------------------------------------------------------------------------------

export interface IdentityStandin extends RunningServer {
  settings: IdentitySettings;
  log: RequestLog<IdentityLogEntry>;
}

export async function startIdentity(options: {
  tls: TlsMaterial;
  signingKey: SigningKey;
  accounts: AccountDirectory;
  port?: number;
}): Promise<IdentityStandin> {
  const { signingKey, accounts } = options;
  let settings = defaultSettings();
  const sessions = new Map<string, Session>();
  const codes = new Map<string, CodeGrant>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const faults = new FaultQueue();
  const log = new RequestLog<IdentityLogEntry>();

  const reset = () => {
    settings = defaultSettings();
    sessions.clear();
    codes.clear();
    refreshTokens.clear();
    faults.clear();
    log.clear();
  };

  // -------------------------------------------------------------------------------------------------------------
  // Scopes

  /** Graph scope names in a request (`.default` expanded to the consented set); throws for foreign resources. */
  function graphScopes(requested: string[]): string[] {
    const names: string[] = [];
    for (const scope of requested) {
      if (OIDC_SCOPES.has(scope.toLowerCase())) continue;
      const prefix = GRAPH_SCOPE_PREFIXES.find((p) => scope.toLowerCase().startsWith(p.toLowerCase()));
      const name = prefix ? scope.slice(prefix.length) : scope;
      if (!prefix && name.includes("/")) throw errors.unknownResource(scope);
      if (name === ".default") names.push(...[...settings.consentedScopes].map(canonicalScope));
      else names.push(name);
    }
    const seen = new Set<string>();
    return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
  }

  const KNOWN_SCOPE_CASE = new Map(
    ["User.Read", "User.ReadBasic.All", "User.Read.All", "Presence.Read", "Presence.Read.All", "Presence.ReadWrite",
      "GroupMember.Read.All", "Group.Read.All", "Directory.Read.All", "ProfilePhoto.Read.All", "People.Read"].map((s) => [s.toLowerCase(), s]),
  );
  const canonicalScope = (s: string) => KNOWN_SCOPE_CASE.get(s.toLowerCase()) ?? s;

  const unconsented = (scopes: string[]) => scopes.filter((s) => !settings.consentedScopes.has(s.toLowerCase()));
  const blocked = (scopes: string[]) => scopes.filter((s) => settings.blockedScopes.has(s.toLowerCase()));

  // -------------------------------------------------------------------------------------------------------------
  // Authorize

  type Params = URLSearchParams;

  function parseCookies(req: Req): Map<string, string> {
    const raw = (req.headers as Record<string, string | string[] | undefined>).cookie;
    const text = Array.isArray(raw) ? raw.join("; ") : raw ?? "";
    const cookies = new Map<string, string>();
    for (const part of text.split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    return cookies;
  }

  function currentSession(req: Req): Session | null {
    const sid = parseCookies(req).get(SESSION_COOKIE);
    return (sid && sessions.get(sid)) || null;
  }

  const sessionCookie = (sid: string) => `${SESSION_COOKIE}=${sid}; Path=/; Secure; HttpOnly; SameSite=None`;
  const clearedCookie = `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0`;

  /** Where the answer goes, honoring response_mode (MSAL Browser asks for `fragment` unless configured `query`). */
  function answer(res: Res, params: Params, values: Record<string, string>, cookies: string[] = []) {
    const redirectUri = params.get("redirect_uri")!;
    const mode = params.get("response_mode") ?? "query";
    const state = params.get("state");
    const payload = new URLSearchParams({ ...values, ...(state !== null ? { state } : {}) });
    const cookieHeader: Record<string, string | readonly string[]> = cookies.length ? { "Set-Cookie": cookies } : {};
    if (mode === "form_post") {
      const inputs = [...payload].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join("");
      sendHtml(
        res,
        200,
        `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}</form></body></html>`,
        cookieHeader,
      );
      return;
    }
    const url = new URL(redirectUri);
    if (mode === "fragment") url.hash = payload.toString();
    else for (const [k, v] of payload) url.searchParams.append(k, v);
    redirect(res, url.toString(), cookieHeader);
  }

  function answerError(res: Res, params: Params, e: OAuthError, ctx: IdentityLogEntry) {
    ctx.error = e.error;
    const body = oauthErrorBody(e, params.get("client-request-id") ?? randomUUID());
    answer(res, params, {
      error: body.error,
      error_description: body.error_description,
      error_uri: body.error_uri,
      ...(e.suberror ? { error_subcode: e.suberror } : {}),
    });
  }

  /** Entra shows these on its own page instead of redirecting: the redirect target itself is not trusted. */
  function errorPage(res: Res, status: number, code: number, message: string, ctx: IdentityLogEntry) {
    ctx.error = `AADSTS${code}`;
    sendHtml(
      res,
      status,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body>` +
        `<h1>Sorry, but we’re having trouble signing you in.</h1><p id="error">AADSTS${code}: ${escapeHtml(message)}</p></body></html>`,
      { "X-Frame-Options": "DENY" },
    );
  }

  /** Checks Entra makes before it will send anything to the redirect URI. */
  function validateClient(res: Res, params: Params, ctx: IdentityLogEntry): boolean {
    const clientId = params.get("client_id");
    if (clientId !== CLIENT_ID) {
      errorPage(res, 400, 700016, `Application with identifier '${clientId ?? ""}' was not found in the directory '${TENANT_ID}'.`, ctx);
      return false;
    }
    const redirectUri = params.get("redirect_uri");
    if (!redirectUri || !ALLOWED_REDIRECT_URIS.includes(redirectUri)) {
      errorPage(
        res,
        400,
        50011,
        `The redirect URI '${redirectUri ?? ""}' specified in the request does not match the redirect URIs configured for the application '${CLIENT_ID}'.`,
        ctx,
      );
      return false;
    }
    return true;
  }

  /** Protocol checks whose failures go back to the app (redirect URI already trusted). */
  function protocolError(params: Params): OAuthError | null {
    const responseType = params.get("response_type") ?? "";
    if (responseType !== "code") return errors.badResponseType(responseType);
    if (!params.get("code_challenge")) return errors.pkceRequired();
    if ((params.get("code_challenge_method") ?? "plain") !== "S256") return errors.badChallengeMethod();
    const scopes = (params.get("scope") ?? "").split(/\s+/).filter(Boolean);
    if (!scopes.includes("openid")) return errors.missingOpenId();
    return null;
  }

  /** Issue the code for a signed-in session (after consent) and send it to the app. */
  function completeAuthorize(res: Res, params: Params, session: Session, interactive: boolean, ctx: IdentityLogEntry, cookies: string[]) {
    const requested = (params.get("scope") ?? "").split(/\s+/).filter(Boolean);
    let graph: string[];
    try {
      graph = graphScopes(requested);
    } catch (e) {
      return answerError(res, params, e as OAuthError, ctx);
    }
    const refused = blocked(graph);
    if (refused.length) return answerError(res, params, errors.adminConsent(refused), ctx);
    const missing = unconsented(graph);
    if (missing.length) {
      // A person would see the consent screen here; the stand-in's user always accepts.
      if (!interactive) return answerError(res, params, errors.consentRequired(missing), ctx);
      for (const s of missing) settings.consentedScopes.add(s.toLowerCase());
    }
    const code = randomToken(48);
    codes.set(code, {
      clientId: params.get("client_id")!,
      redirectUri: params.get("redirect_uri")!,
      codeChallenge: params.get("code_challenge")!,
      nonce: params.get("nonce") ?? undefined,
      scopes: requested,
      userId: session.userId,
      sid: session.sid,
      authTime: session.authTime,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
      redeemed: false,
    });
    ctx.userId = session.userId;
    answer(
      res,
      params,
      {
        code,
        ...(params.get("client_info") === "1" ? { client_info: clientInfo(session.userId) } : {}),
        session_state: session.sid,
      },
      cookies,
    );
  }

  function signIn(res: Res, params: Params, account: Account, ctx: IdentityLogEntry) {
    const session: Session = { sid: randomUUID(), userId: account.id, authTime: Math.floor(Date.now() / 1000) };
    sessions.set(session.sid, session);
    completeAuthorize(res, params, session, true, ctx, [sessionCookie(session.sid)]);
  }

  async function authorize(req: Req, res: Res, url: URL, ctx: IdentityLogEntry) {
    let params = url.searchParams;
    if (req.method === "POST") {
      // MSAL can POST the authorize form (httpMethod: POST); the query then only carries client-request-id.
      params = new URLSearchParams((await readBody(req)).toString("utf8"));
      for (const [k, v] of url.searchParams) if (!params.has(k)) params.set(k, v);
    }
    const prompt = params.get("prompt") ?? undefined;
    if (prompt) ctx.prompt = prompt;
    if (!validateClient(res, params, ctx)) return;
    const problem = protocolError(params);
    if (problem) return answerError(res, params, problem, ctx);

    const session = currentSession(req);
    const hint = params.get("login_hint");
    const hinted = hint ? await accounts.find(hint) : null;

    if (prompt === "none") {
      if (!session) return answerError(res, params, errors.loginRequired(), ctx);
      const sid = params.get("sid");
      if (sid && sid !== session.sid && sessions.get(sid)?.userId !== session.userId)
        return answerError(res, params, errors.loginRequired(), ctx);
      if (hinted && hinted.id !== session.userId) return answerError(res, params, errors.accountMismatch(), ctx);
      return completeAuthorize(res, params, session, false, ctx, []);
    }
    const forcePicker = prompt === "login" || prompt === "select_account";
    if (session && !forcePicker && (!hinted || hinted.id === session.userId)) {
      return completeAuthorize(res, params, session, true, ctx, []);
    }
    if (hinted) return signIn(res, params, hinted, ctx);
    if (settings.autoApproveUserId) {
      const account = await accounts.find(settings.autoApproveUserId);
      if (account) return signIn(res, params, account, ctx);
    }
    await picker(res, params);
  }

  async function picker(res: Res, params: Params) {
    const list = await accounts.list(40);
    const tiles = list
      .map(
        (a) =>
          `<li><button type="submit" name="userId" value="${escapeHtml(a.id)}"><strong>${escapeHtml(a.displayName)}</strong> ` +
          `<span>${escapeHtml(a.userPrincipalName)}</span></button></li>`,
      )
      .join("");
    sendHtml(
      res,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title>` +
        `<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto}ul{list-style:none;padding:0}` +
        `li button{display:block;width:100%;text-align:left;padding:.5rem;margin:.25rem 0}span{color:#555}</style></head>` +
        `<body><main><h1>Pick an account</h1><p>Local Entra ID stand-in · tenant ${TENANT_ID}</p>` +
        `<form method="post" action="/${TENANT_ID}/login"><input type="hidden" name="ctx" value="${escapeHtml(params.toString())}">` +
        `<ul aria-label="Accounts">${tiles}</ul><button type="submit" name="cancel" value="1">Cancel</button></form></main></body></html>`,
      { "X-Frame-Options": "DENY", "Content-Security-Policy": "frame-ancestors 'none'" },
    );
  }

  async function pickerSubmit(req: Req, res: Res, ctx: IdentityLogEntry) {
    const form = new URLSearchParams((await readBody(req)).toString("utf8"));
    const params = new URLSearchParams(form.get("ctx") ?? "");
    if (params.get("prompt")) ctx.prompt = params.get("prompt")!;
    if (!validateClient(res, params, ctx)) return;
    if (form.get("cancel")) return answerError(res, params, errors.userCancelled(), ctx);
    const account = await accounts.find(form.get("userId") ?? "");
    if (!account) return errorPage(res, 400, 50034, "The user account does not exist in this directory.", ctx);
    signIn(res, params, account, ctx);
  }

  function logout(req: Req, res: Res, url: URL) {
    const session = currentSession(req);
    if (session) sessions.delete(session.sid);
    const target = url.searchParams.get("post_logout_redirect_uri");
    const state = url.searchParams.get("state");
    const headers = { "Set-Cookie": [clearedCookie] };
    // Like Entra: only a registered redirect URI (query ignored) is followed; anything else ends on the signed-out page.
    if (target && URL.canParse(target) && ALLOWED_REDIRECT_URIS.includes(new URL(target).origin + new URL(target).pathname)) {
      const next = new URL(target);
      if (state) next.searchParams.set("state", state);
      return redirect(res, next.toString(), headers);
    }
    sendHtml(
      res,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head><body><h1>You signed out of your account</h1>` +
        `<p>It’s a good idea to close all browser windows.</p></body></html>`,
      headers,
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // Token endpoint

  function clientInfo(userId: string): string {
    return base64url(JSON.stringify({ uid: userId, utid: TENANT_ID }));
  }

  function corsHeaders(req: Req): Record<string, string> {
    const origin = header(req, "origin");
    return origin
      ? { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", Vary: "Origin", "Access-Control-Expose-Headers": "x-ms-request-id, client-request-id" }
      : { "Access-Control-Allow-Origin": "*" };
  }

  function preflight(req: Req, res: Res) {
    send(res, 204, {
      ...corsHeaders(req),
      "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
      "Access-Control-Allow-Headers": header(req, "access-control-request-headers") ?? "content-type",
      "Access-Control-Max-Age": "600",
    });
  }

  function tokenError(req: Req, res: Res, status: number, e: OAuthError, correlationId: string, ctx: IdentityLogEntry) {
    ctx.error = e.error;
    sendJson(res, status, oauthErrorBody(e, correlationId), { ...corsHeaders(req), Pragma: "no-cache", "x-ms-request-id": randomUUID() });
  }

  async function issueTokens(grant: { userId: string; sid: string; authTime: number; familyExpiresAt: number; nonce?: string | undefined }, requested: string[]) {
    const account = await accounts.find(grant.userId);
    if (!account) return null;
    let graph = graphScopes(requested);
    if (graph.length === 0) graph = ["User.Read"]; // Entra answers an OIDC-only request with a Graph User.Read token.
    const now = Math.floor(Date.now() / 1000);
    const lifetime = settings.tokenLifetimeSeconds;
    const common = { iss: ISSUER, iat: now, nbf: now, tid: TENANT_ID, oid: account.id, name: account.displayName, uti: randomToken(16) };
    const accessToken = await signJwt(signingKey, {
      ...common,
      aud: GRAPH_AUDIENCE,
      exp: now + lifetime,
      sub: pairwiseSub(account.id, GRAPH_RESOURCE_ID),
      scp: graph.join(" "),
      appid: CLIENT_ID,
      azp: CLIENT_ID,
      app_displayname: "Presence Board",
      idtyp: "user",
      upn: account.userPrincipalName,
      unique_name: account.userPrincipalName,
      preferred_username: account.userPrincipalName,
      ver: "2.0",
    });
    // Like Entra: a refresh token only for offline_access (MSAL always asks for it).
    const refreshToken = requested.some((s) => s.toLowerCase() === "offline_access") ? randomToken(64) : undefined;
    if (refreshToken) refreshTokens.set(refreshToken, {
      clientId: CLIENT_ID,
      userId: account.id,
      sid: grant.sid,
      authTime: grant.authTime,
      familyExpiresAt: grant.familyExpiresAt,
      issuedAt: Date.now(),
      revoked: false,
      redeemed: false,
    });
    const oidc = requested.filter((s) => s === "openid" || s === "profile" || s === "email");
    const body: Record<string, unknown> = {
      token_type: "Bearer",
      scope: [...graph, ...oidc].join(" "),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      ...(refreshToken
        ? { refresh_token: refreshToken, refresh_token_expires_in: Math.max(0, Math.floor((grant.familyExpiresAt - Date.now()) / 1000)) }
        : {}),
      client_info: clientInfo(account.id),
    };
    if (requested.includes("openid")) {
      body.id_token = await signJwt(signingKey, {
        ...common,
        aud: CLIENT_ID,
        exp: now + ID_TOKEN_LIFETIME_SECONDS,
        sub: pairwiseSub(account.id, CLIENT_ID),
        preferred_username: account.userPrincipalName,
        sid: grant.sid,
        ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
        ver: "2.0",
      });
    }
    return { body, userId: account.id };
  }

  async function token(req: Req, res: Res, url: URL, ctx: IdentityLogEntry) {
    const correlationId = url.searchParams.get("client-request-id") ?? randomUUID();
    if (req.method !== "POST") {
      return tokenError(req, res, 405, { error: "invalid_request", code: 900561, message: "The endpoint only accepts POST, OPTIONS requests. Received a GET request." }, correlationId, ctx);
    }
    const form = new URLSearchParams((await readBody(req)).toString("utf8"));
    const grantType = form.get("grant_type") ?? "";
    ctx.grant_type = grantType;
    // Entra only lets SPA tokens be redeemed cross-origin (from the browser), i.e. with an Origin header.
    if (!header(req, "origin")) {
      return tokenError(req, res, 400, {
        error: "invalid_request",
        code: 9002327,
        message: "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
      }, correlationId, ctx);
    }
    if (form.get("client_id") !== CLIENT_ID) {
      return tokenError(req, res, 400, { error: "unauthorized_client", code: 700016, message: `Application with identifier '${form.get("client_id") ?? ""}' was not found in the directory '${TENANT_ID}'.` }, correlationId, ctx);
    }
    const requested = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    const invalidGrant = (code: number, message: string, suberror?: string) =>
      tokenError(req, res, 400, { error: "invalid_grant", code, message, ...(suberror ? { suberror } : {}) }, correlationId, ctx);

    if (grantType === "authorization_code") {
      const grant = codes.get(form.get("code") ?? "");
      if (!grant) return invalidGrant(9002313, "Invalid request. Request is malformed or invalid. The provided authorization code is invalid.");
      if (grant.redeemed) return invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
      grant.redeemed = true; // one attempt per code, like Entra
      if (Date.now() > grant.expiresAt) return invalidGrant(70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
      if (grant.clientId !== form.get("client_id")) return invalidGrant(70000, "The provided value for the 'code' parameter is not valid for this client.");
      if (grant.redirectUri !== form.get("redirect_uri"))
        return invalidGrant(500112, `The reply address '${form.get("redirect_uri") ?? ""}' does not match the reply address '${grant.redirectUri}' provided when requesting Authorization code.`);
      const verifier = form.get("code_verifier");
      if (!verifier) return tokenError(req, res, 400, errors.pkceRequired(), correlationId, ctx);
      if (pkceChallenge(verifier) !== grant.codeChallenge) return invalidGrant(501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
      const scopes = requested.length ? requested : grant.scopes;
      let issued;
      try {
        issued = await issueTokens(
          { userId: grant.userId, sid: grant.sid, authTime: grant.authTime, nonce: grant.nonce, familyExpiresAt: Date.now() + settings.refreshTokenLifetimeSeconds * 1000 },
          scopes,
        );
      } catch (e) {
        return tokenError(req, res, 400, e as OAuthError, correlationId, ctx);
      }
      if (!issued) return invalidGrant(50034, "The user account does not exist in this directory.");
      ctx.userId = issued.userId;
      return sendJson(res, 200, issued.body, { ...corsHeaders(req), Pragma: "no-cache", "x-ms-request-id": randomUUID() });
    }

    if (grantType === "refresh_token") {
      const grant = refreshTokens.get(form.get("refresh_token") ?? "");
      if (!grant) return invalidGrant(9002313, "Invalid request. Request is malformed or invalid. The provided refresh token is invalid.");
      if (grant.clientId !== form.get("client_id")) return invalidGrant(700022, "The refresh token was issued to a different client.");
      if (grant.revoked) {
        return invalidGrant(
          700082,
          `The refresh token has expired due to inactivity. The token was issued on ${new Date(grant.issuedAt).toISOString()} and was inactive for 90.00:00:00.`,
          "bad_token",
        );
      }
      if (Date.now() >= grant.familyExpiresAt) {
        return invalidGrant(
          700084,
          `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of ${settings.refreshTokenLifetimeSeconds} seconds, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${new Date(grant.issuedAt).toISOString()}.`,
        );
      }
      if (grant.redeemed && settings.singleUseRefreshTokens) return invalidGrant(70000, "The provided refresh token has already been redeemed.", "bad_token");
      let graph: string[];
      try {
        graph = graphScopes(requested);
      } catch (e) {
        return tokenError(req, res, 400, e as OAuthError, correlationId, ctx);
      }
      const missing = [...blocked(graph), ...unconsented(graph)];
      if (missing.length) {
        return tokenError(req, res, 400, { ...errors.consentRequired([...new Set(missing)]), error: "invalid_grant", suberror: "consent_required" }, correlationId, ctx);
      }
      grant.redeemed = true;
      const issued = await issueTokens({ ...grant }, requested);
      if (!issued) return invalidGrant(50034, "The user account does not exist in this directory.");
      ctx.userId = issued.userId;
      return sendJson(res, 200, issued.body, { ...corsHeaders(req), Pragma: "no-cache", "x-ms-request-id": randomUUID() });
    }

    return tokenError(req, res, 400, { error: "unsupported_grant_type", code: 70003, message: `The app requested an unsupported grant type '${grantType}'.` }, correlationId, ctx);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Discovery

  function discovery(tenant: string) {
    const base = `${IDENTITY_ORIGIN}/${tenant}`;
    const issuerTenant = tenant === TENANT_ID ? TENANT_ID : "{tenantid}";
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${IDENTITY_ORIGIN}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${GRAPH_ORIGIN}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host",
        "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: new URL(GRAPH_ORIGIN).host,
      rbac_url: "https://pas.windows.net",
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Knobs

  const num = (value: unknown, name: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new KnobError(`${name} must be a positive whole number`);
    return n;
  };
  const scopeList = (value: unknown, name: string) => {
    if (!Array.isArray(value) || !value.every((s) => typeof s === "string")) throw new KnobError(`${name} must be an array of scope names`);
    return new Set((value as string[]).map((s) => s.toLowerCase()));
  };

  const knobs = {
    "POST reset": () => reset(),
    "POST tokenLifetime": (body: unknown) => {
      settings.tokenLifetimeSeconds = num(obj(body).seconds, "seconds");
    },
    "POST refreshTokenLifetime": (body: unknown) => {
      settings.refreshTokenLifetimeSeconds = num(obj(body).seconds, "seconds");
    },
    "POST revokeRefreshTokens": (body: unknown) => {
      const userId = obj(body).userId;
      let revoked = 0;
      for (const grant of refreshTokens.values()) {
        if (!grant.revoked && (userId === undefined || grant.userId === userId)) {
          grant.revoked = true;
          revoked++;
        }
      }
      return { ok: true, revoked };
    },
    "POST endSessions": () => {
      const ended = sessions.size;
      sessions.clear();
      return { ok: true, ended };
    },
    "POST autoApprove": (body: unknown) => {
      const b = obj(body);
      if (b.userId === null) settings.autoApproveUserId = null;
      else if (b.userId === undefined) settings.autoApproveUserId = accounts.defaultUserId();
      else if (typeof b.userId === "string") settings.autoApproveUserId = b.userId;
      else throw new KnobError("userId must be a string, null (off) or absent (the tenant's signed-in person)");
      return { ok: true, autoApproveUserId: settings.autoApproveUserId };
    },
    "POST consent": (body: unknown) => {
      const b = obj(body);
      if (b.consented !== undefined) settings.consentedScopes = scopeList(b.consented, "consented");
      if (b.blocked !== undefined) settings.blockedScopes = scopeList(b.blocked, "blocked");
    },
    "POST singleUseRefreshTokens": (body: unknown) => {
      settings.singleUseRefreshTokens = obj(body).on !== false;
    },
    "POST inject": (body: unknown) => faults.add(parseFault(body)),
    "POST offline": (body: unknown) => {
      settings.offline = obj(body).on !== false;
    },
    "GET state": () => ({
      sessions: sessions.size,
      refreshTokens: { active: [...refreshTokens.values()].filter((g) => !g.revoked).length, revoked: [...refreshTokens.values()].filter((g) => g.revoked).length },
      settings: { ...settings, consentedScopes: [...settings.consentedScopes], blockedScopes: [...settings.blockedScopes] },
      pendingFaults: faults.pending(),
    }),
    "GET log": () => log.list(),
    "DELETE log": () => log.clear(),
  };

  // -------------------------------------------------------------------------------------------------------------

  const routes = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/authorize|oauth2\/v2\.0\/token|oauth2\/v2\.0\/logout|login)$/;

  async function handler(req: Req, res: Res) {
    const url = requestUrl(req, IDENTITY_ORIGIN);
    if (await handleKnob(req, res, url.pathname, knobs)) return;
    const ctx: IdentityLogEntry = { time: Date.now(), method: req.method ?? "GET", path: url.pathname, status: 0 };
    onFinish(res, (status) => log.add({ ...ctx, status: ctx.offline ? 0 : status }));

    if (settings.offline) {
      ctx.offline = true;
      return dropConnection(req);
    }
    if (req.method === "OPTIONS") return preflight(req, res);
    const fault = faults.take([url.pathname]);
    if (fault) {
      ctx.injected = true;
      const body = fault.body ?? JSON.stringify(oauthErrorBody(
        fault.status >= 500 || fault.status === 429
          ? { error: "temporarily_unavailable", code: 90033, message: "A transient error has occurred. Please try again." }
          : { error: "invalid_request", code: 900144, message: "The request body must contain the following parameter: 'grant_type'." },
        url.searchParams.get("client-request-id") ?? randomUUID(),
      ));
      const retryAfter = fault.retryAfter === undefined ? (fault.status === 429 ? "2.128" : null) : fault.retryAfter;
      return send(res, fault.status, { "Content-Type": "application/json; charset=utf-8", ...corsHeaders(req), ...(retryAfter !== null ? { "Retry-After": retryAfter } : {}) }, body);
    }

    const match = routes.exec(url.pathname);
    if (!match) return sendJson(res, 404, { error: "not_found", path: url.pathname }, corsHeaders(req));
    const [, tenant, endpoint] = match as unknown as [string, string, string];
    if (!TENANT_ALIASES.has(tenant)) {
      return sendJson(res, 400, oauthErrorBody({ error: "invalid_tenant", code: 90002, message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.` }, randomUUID()), corsHeaders(req));
    }
    switch (endpoint) {
      case "v2.0/.well-known/openid-configuration":
        return sendJson(res, 200, discovery(tenant), { ...corsHeaders(req), "Cache-Control": "max-age=86400, private" });
      case "discovery/v2.0/keys":
        return sendJson(res, 200, signingKey.jwks, { ...corsHeaders(req), "Cache-Control": "max-age=86400, private" });
      case "oauth2/v2.0/authorize":
        return authorize(req, res, url, ctx);
      case "oauth2/v2.0/token":
        return token(req, res, url, ctx);
      case "oauth2/v2.0/logout":
        return logout(req, res, url);
      case "login":
        if (req.method !== "POST") return sendJson(res, 405, { error: "method_not_allowed" });
        return pickerSubmit(req, res, ctx);
    }
  }

  const server = await startHttpsServer("identity", options.port ?? IDENTITY_PORT, options.tls, handler);
  return {
    close: () => server.close(),
    get settings() {
      return settings;
    },
    log,
  };
}
