/**
 * Tests of the stand-ins themselves (no app build needed): they must speak the protocols the way MSAL, the app and
 * Microsoft's services expect, or every other e2e test proves nothing.
 */
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { SignJWT, createLocalJWKSet, decodeJwt, generateKeyPair, jwtVerify, type JWK } from "jose";
import { createHash, randomBytes } from "node:crypto";
import {
  APP_ORIGIN,
  AUTHORITY,
  CLIENT_ID,
  DEFAULT_APP_CONFIG,
  GRAPH_AUDIENCE,
  GRAPH_ORIGIN,
  IDENTITY_ORIGIN,
  ISSUER,
  REDIRECT_URI,
  TENANT_ID,
} from "./standins/constants";
import { knobs } from "./standins/knobs";

const BOARD_SCOPES = "User.Read Presence.Read.All User.ReadBasic.All";
const AUTHORIZE = `${AUTHORITY}/oauth2/v2.0/authorize`;
const TOKEN = `${AUTHORITY}/oauth2/v2.0/token`;

let meId: string;

test.beforeEach(async () => {
  await knobs.resetAll();
  meId = (await knobs.graph.tenant()).meId;
});

// ---------------------------------------------------------------------------------------------------------------
// helpers: the requests MSAL Browser makes, by hand

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(params: Record<string, string>) {
  const url = new URL(AUTHORIZE);
  const defaults = {
    client_id: CLIENT_ID,
    scope: `${BOARD_SCOPES} openid profile offline_access`,
    redirect_uri: REDIRECT_URI,
    "client-request-id": crypto.randomUUID(),
    response_mode: "fragment",
    response_type: "code",
    client_info: "1",
    nonce: crypto.randomUUID(),
    state: `state-${crypto.randomUUID()}`,
  };
  for (const [k, v] of Object.entries({ ...defaults, ...params })) url.searchParams.set(k, v);
  return url;
}

/** The answer MSAL's redirect bridge would read from redirect.html#... */
function redirectAnswer(response: APIResponse): URLSearchParams {
  expect(response.status(), `authorize should redirect, got ${response.status()}`).toBe(302);
  const location = new URL(response.headers()["location"]!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  return new URLSearchParams(location.hash.slice(1));
}

async function authorize(request: APIRequestContext, params: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const url = authorizeUrl({ code_challenge: challenge, code_challenge_method: "S256", ...params });
  const response = await request.get(url.toString(), { maxRedirects: 0 });
  return { response, verifier, url };
}

function redeem(request: APIRequestContext, form: Record<string, string>, headers: Record<string, string> = { Origin: APP_ORIGIN }) {
  return request.post(`${TOKEN}?client-request-id=${crypto.randomUUID()}`, {
    headers: { "Content-Type": "application/x-www-form-urlencoded;charset=utf-8", ...headers },
    data: new URLSearchParams({ client_id: CLIENT_ID, ...form }).toString(),
  });
}

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  id_token: string;
  client_info: string;
  scope: string;
  token_type: string;
  expires_in: number;
  ext_expires_in: number;
  refresh_token_expires_in: number;
}

async function signIn(request: APIRequestContext, scope = BOARD_SCOPES, userId?: string) {
  await knobs.identity.autoApprove(userId);
  const nonce = crypto.randomUUID();
  const { response, verifier } = await authorize(request, { scope: `${scope} openid profile offline_access`, nonce });
  const answer = redirectAnswer(response);
  const tokenResponse = await redeem(request, {
    grant_type: "authorization_code",
    code: answer.get("code")!,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    scope: `${scope} openid profile offline_access`,
    client_info: "1",
  });
  expect(tokenResponse.status(), await tokenResponse.text()).toBe(200);
  return { tokens: (await tokenResponse.json()) as TokenResponse, nonce, answer };
}

async function jwks(request: APIRequestContext): Promise<{ keys: JWK[] }> {
  return (await request.get(`${AUTHORITY}/discovery/v2.0/keys`)).json();
}

function graph(request: APIRequestContext, method: "GET" | "POST", path: string, token?: string, data?: unknown) {
  return request.fetch(`${GRAPH_ORIGIN}${path}`, {
    method,
    headers: { Origin: APP_ORIGIN, ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(data ? { "Content-Type": "application/json" } : {}) },
    ...(data ? { data: JSON.stringify(data) } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------------------

test.describe("identity stand-in", () => {
  test("publishes discovery metadata MSAL accepts, with CORS", async ({ request }) => {
    const response = await request.get(`${AUTHORITY}/v2.0/.well-known/openid-configuration`, { headers: { Origin: APP_ORIGIN } });
    expect(response.status()).toBe(200);
    expect(response.headers()["access-control-allow-origin"]).toBe(APP_ORIGIN);
    const doc = await response.json();
    expect(doc).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: AUTHORIZE,
      token_endpoint: TOKEN,
      end_session_endpoint: `${AUTHORITY}/oauth2/v2.0/logout`,
      jwks_uri: `${AUTHORITY}/discovery/v2.0/keys`,
    });
    expect(doc.response_modes_supported).toEqual(expect.arrayContaining(["query", "fragment"]));

    const keys = await jwks(request);
    expect(keys.keys[0]).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256" });
    expect(keys.keys[0]!.kid).toBeTruthy();

    const multi = await (await request.get(`${IDENTITY_ORIGIN}/organizations/v2.0/.well-known/openid-configuration`)).json();
    expect(multi.issuer).toBe(`${IDENTITY_ORIGIN}/{tenantid}/v2.0`);
    const unknown = await request.get(`${IDENTITY_ORIGIN}/contoso.example/v2.0/.well-known/openid-configuration`);
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).error_codes).toEqual([90002]);
  });

  test("auth code + PKCE: code, client_info and verifiable tokens with the expected claims", async ({ request }) => {
    const { tokens, nonce, answer } = await signIn(request);
    expect(answer.get("state")).toMatch(/^state-/);
    expect(JSON.parse(Buffer.from(answer.get("client_info")!, "base64url").toString())).toEqual({ uid: meId, utid: TENANT_ID });

    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.ext_expires_in).toBe(3600);
    expect(tokens.refresh_token_expires_in).toBeGreaterThan(86000);
    expect(tokens.scope.split(" ").sort()).toEqual([...BOARD_SCOPES.split(" "), "openid", "profile"].sort());
    expect(JSON.parse(Buffer.from(tokens.client_info, "base64url").toString())).toEqual({ uid: meId, utid: TENANT_ID });

    const keySet = createLocalJWKSet(await jwks(request));
    const { payload: id, protectedHeader } = await jwtVerify(tokens.id_token, keySet, { issuer: ISSUER, audience: CLIENT_ID });
    expect(protectedHeader.alg).toBe("RS256");
    expect(id).toMatchObject({ tid: TENANT_ID, oid: meId, nonce, ver: "2.0" });
    expect(typeof id.preferred_username).toBe("string");
    expect(typeof id.name).toBe("string");
    expect(typeof id.sub).toBe("string");
    expect(id.exp! - id.iat!).toBe(3600);
    expect(id.nbf).toBe(id.iat);

    const { payload: at } = await jwtVerify(tokens.access_token, keySet, { issuer: ISSUER, audience: GRAPH_AUDIENCE });
    expect(at).toMatchObject({ tid: TENANT_ID, oid: meId });
    expect(String(at.scp).split(" ").sort()).toEqual(BOARD_SCOPES.split(" ").sort());
  });

  test("codes are single-use, PKCE-bound, redirect-bound; SPA redemption must be cross-origin", async ({ request }) => {
    await knobs.identity.autoApprove();
    const first = await authorize(request);
    const code = redirectAnswer(first.response).get("code")!;
    const form = { grant_type: "authorization_code", code, code_verifier: first.verifier, redirect_uri: REDIRECT_URI, scope: "openid" };

    const noOrigin = await redeem(request, form, {});
    expect(noOrigin.status()).toBe(400);
    expect((await noOrigin.json()).error_codes).toEqual([9002327]);

    const second = await authorize(request);
    const wrongVerifier = await redeem(request, { ...form, code: redirectAnswer(second.response).get("code")!, code_verifier: pkce().verifier });
    expect((await wrongVerifier.json())).toMatchObject({ error: "invalid_grant", error_codes: [501481] });

    expect((await redeem(request, form)).status()).toBe(200);
    const reused = await redeem(request, form);
    expect(reused.status()).toBe(400);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant", error_codes: [54005] });

    const third = await authorize(request);
    const wrongRedirect = await redeem(request, { ...form, code: redirectAnswer(third.response).get("code")!, code_verifier: third.verifier, redirect_uri: `${APP_ORIGIN}/` });
    expect(await wrongRedirect.json()).toMatchObject({ error: "invalid_grant", error_codes: [500112] });
  });

  test("authorize rejects unknown clients and redirect URIs on its own page, and requires S256", async ({ request }) => {
    const badClient = await authorize(request, { client_id: "11111111-1111-1111-1111-111111111111" });
    expect(badClient.response.status()).toBe(400);
    expect(await badClient.response.text()).toContain("AADSTS700016");
    const badRedirect = await authorize(request, { redirect_uri: "https://evil.example/cb" });
    expect(badRedirect.response.status()).toBe(400);
    expect(await badRedirect.response.text()).toContain("AADSTS50011");
    const plain = await authorize(request, { code_challenge_method: "plain" });
    expect(redirectAnswer(plain.response).get("error")).toBe("invalid_request");
  });

  test("session cookie: prompt=none signs in silently; without a session it answers login_required", async ({ request }) => {
    const { tokens } = await signIn(request);
    const sid = decodeJwt(tokens.id_token).sid as string;
    const silent = await authorize(request, { prompt: "none", sid, response_mode: "query" });
    expect(silent.response.status()).toBe(302);
    const query = new URL(silent.response.headers()["location"]!).searchParams;
    expect(query.get("code")).toBeTruthy();
    expect(query.get("state")).toBe(silent.url.searchParams.get("state"));

    await knobs.identity.endSessions();
    const state = "silent-state";
    const answer = redirectAnswer((await authorize(request, { prompt: "none", state })).response);
    expect(answer.get("error")).toBe("login_required");
    expect(answer.get("error_description")).toMatch(/^AADSTS50058: /);
    expect(answer.get("state")).toBe(state);
    expect(answer.get("code")).toBeNull();

    const log = await knobs.identity.log();
    expect(log.filter((e) => e.prompt === "none").map((e) => e.error ?? "ok")).toEqual(["ok", "login_required"]);
  });

  test("account picker lists the tenant's people; choosing one signs in; login_hint skips it", async ({ request }) => {
    const tenant = await knobs.graph.tenant();
    const picker = await authorize(request);
    expect(picker.response.status()).toBe(200);
    const html = await picker.response.text();
    expect(html).toContain("Pick an account");
    expect(html).toContain(`value="${tenant.meId}"`);
    const ctx = /name="ctx" value="([^"]+)"/.exec(html)![1]!.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));

    const other = tenant.allUserIds[1]!;
    const chosen = await request.post(`${AUTHORITY}/login`, {
      form: { ctx, userId: other },
      maxRedirects: 0,
    });
    const code = redirectAnswer(chosen).get("code")!;
    const tokens = await (await redeem(request, { grant_type: "authorization_code", code, code_verifier: picker.verifier, redirect_uri: REDIRECT_URI, scope: "openid User.Read" })).json();
    expect(decodeJwt(tokens.id_token).oid).toBe(other);

    const hinted = tenant.allUserIds[2]!;
    const withHint = await authorize(request, { login_hint: hinted, prompt: "select_account" });
    expect(JSON.parse(Buffer.from(redirectAnswer(withHint.response).get("client_info")!, "base64url").toString()).uid).toBe(hinted);

    const cancelled = await request.post(`${AUTHORITY}/login`, { form: { ctx, cancel: "1" }, maxRedirects: 0 });
    expect(redirectAnswer(cancelled).get("error")).toBe("access_denied");
  });

  test("refresh tokens rotate; revoked ones fail with Entra's invalid_grant AADSTS700082 body", async ({ request }) => {
    const { tokens } = await signIn(request);
    const refresh = (rt: string, scope = `${BOARD_SCOPES} openid profile offline_access`) =>
      redeem(request, { grant_type: "refresh_token", refresh_token: rt, scope, client_info: "1" });

    const first = await refresh(tokens.refresh_token);
    expect(first.status()).toBe(200);
    const rotated = (await first.json()) as TokenResponse;
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(rotated.access_token).not.toBe(tokens.access_token);
    expect(decodeJwt(rotated.id_token).nonce).toBeUndefined();
    expect(rotated.refresh_token_expires_in).toBeLessThanOrEqual(tokens.refresh_token_expires_in);
    // Entra keeps a redeemed refresh token valid; the strict knob does not.
    expect((await refresh(tokens.refresh_token)).status()).toBe(200);
    await knobs.identity.singleUseRefreshTokens(true);
    expect((await refresh(tokens.refresh_token)).status()).toBe(400);
    await knobs.identity.singleUseRefreshTokens(false);

    const notConsented = await refresh(rotated.refresh_token, "GroupMember.Read.All openid profile offline_access");
    expect(await notConsented.json()).toMatchObject({ error: "invalid_grant", suberror: "consent_required", error_codes: [65001] });

    expect((await knobs.identity.revokeRefreshTokens()).revoked).toBeGreaterThan(0);
    const revoked = await refresh(rotated.refresh_token);
    expect(revoked.status()).toBe(400);
    const body = await revoked.json();
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [700082], suberror: "bad_token" });
    expect(body.error_description).toMatch(/^AADSTS700082: The refresh token has expired/);
    for (const field of ["timestamp", "trace_id", "correlation_id"]) expect(typeof body[field]).toBe("string");
    expect(revoked.headers()["access-control-allow-origin"]).toBe(APP_ORIGIN);
  });

  test("token endpoint answers the CORS preflight MSAL's fetch triggers", async ({ request }) => {
    const response = await request.fetch(TOKEN, {
      method: "OPTIONS",
      headers: { Origin: APP_ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-anchormailbox" },
    });
    expect(response.status()).toBe(204);
    expect(response.headers()["access-control-allow-origin"]).toBe(APP_ORIGIN);
    expect(response.headers()["access-control-allow-methods"]).toContain("POST");
    expect(response.headers()["access-control-allow-headers"]).toContain("x-anchormailbox");
  });

  test("logout ends the IdP session and returns to the app", async ({ request }) => {
    await signIn(request);
    const logout = await request.get(`${AUTHORITY}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent(`${APP_ORIGIN}/`)}`, { maxRedirects: 0 });
    expect(logout.status()).toBe(302);
    expect(logout.headers()["location"]).toBe(`${APP_ORIGIN}/`);
    expect((await knobs.identity.state()).sessions).toBe(0);
    expect(redirectAnswer((await authorize(request, { prompt: "none" })).response).get("error")).toBe("login_required");
  });
});

test.describe("graph stand-in", () => {
  test("accepts a valid token and rejects bad signature, expired and wrong-audience tokens like Graph", async ({ request }) => {
    const { tokens } = await signIn(request);
    const me = await graph(request, "GET", "/v1.0/me", tokens.access_token);
    expect(me.status()).toBe(200);
    expect((await me.json()).id).toBe(meId);
    expect(me.headers()["request-id"]).toBeTruthy();
    expect(me.headers()["access-control-allow-origin"]).toBe(APP_ORIGIN);

    const expectGraph401 = async (token: string | undefined, message: RegExp) => {
      const response = await graph(request, "GET", "/v1.0/me", token);
      expect(response.status()).toBe(401);
      expect(response.headers()["www-authenticate"]).toMatch(/^Bearer /);
      const body = await response.json();
      expect(body.error.code).toBe("InvalidAuthenticationToken");
      expect(body.error.message).toMatch(message);
      expect(body.error.innerError).toMatchObject({ "request-id": expect.any(String), date: expect.any(String) });
    };
    await expectGraph401(undefined, /empty/);

    const { privateKey } = await generateKeyPair("RS256");
    const { kid } = (await jwks(request)).keys[0]!;
    const forged = await new SignJWT(decodeJwt(tokens.access_token)).setProtectedHeader({ alg: "RS256", kid }).sign(privateKey);
    await expectGraph401(forged, /Signature/);

    await expectGraph401(tokens.id_token, /audience/); // signed by the right key, but for the app, not Graph

    await knobs.identity.setTokenLifetime(1);
    const { tokens: shortLived } = await signIn(request);
    await new Promise((r) => setTimeout(r, 2100));
    await expectGraph401(shortLived.access_token, /expired/);
  });

  test("a token without the route's scope gets 403 Authorization_RequestDenied (also inside $batch)", async ({ request }) => {
    const { tokens } = await signIn(request, "User.Read");
    expect((await graph(request, "GET", "/v1.0/me", tokens.access_token)).status()).toBe(200);
    const other = (await knobs.graph.tenant()).allUserIds[1]!;
    const denied = await graph(request, "POST", "/v1.0/communications/getPresencesByUserId", tokens.access_token, { ids: [other] });
    expect(denied.status()).toBe(403);
    expect((await denied.json()).error.code).toBe("Authorization_RequestDenied");
    expect((await graph(request, "GET", `/v1.0/users/${other}`, tokens.access_token)).status()).toBe(403);

    const batch = await graph(request, "POST", "/v1.0/$batch", tokens.access_token, {
      requests: [
        { id: "1", method: "GET", url: "/me" },
        { id: "2", method: "GET", url: `/users/${other}/presence` },
      ],
    });
    expect(batch.status()).toBe(200);
    const responses = (await batch.json()).responses as { id: string; status: number }[];
    expect(responses.find((r) => r.id === "1")!.status).toBe(200);
    expect(responses.find((r) => r.id === "2")!.status).toBe(403);
  });

  test("answers CORS preflight for Graph's request headers only", async ({ request }) => {
    const response = await request.fetch(`${GRAPH_ORIGIN}/v1.0/communications/getPresencesByUserId`, {
      method: "OPTIONS",
      headers: {
        Origin: APP_ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,consistencylevel,client-request-id,x-ms-client-flag,x-unknown",
      },
    });
    expect(response.status()).toBe(200);
    expect(response.headers()["access-control-allow-origin"]).toBe(APP_ORIGIN);
    const allowed = response.headers()["access-control-allow-headers"]!.split(", ");
    expect(allowed).toEqual(["authorization", "content-type", "consistencylevel", "client-request-id", "x-ms-client-flag"]);
  });

  test("injected 429 with Retry-After 2.128 is answered, exposed and logged; then service resumes", async ({ request }) => {
    const { tokens } = await signIn(request);
    const ids = (await knobs.graph.tenant()).defaultWatchedIds.slice(0, 3);
    await knobs.graph.clearLog();
    await knobs.graph.injectFaults({ count: 1, status: 429, retryAfter: "2.128", paths: "/communications/getPresencesByUserId" });

    const throttled = await graph(request, "POST", "/v1.0/communications/getPresencesByUserId", tokens.access_token, { ids });
    expect(throttled.status()).toBe(429);
    expect(throttled.headers()["retry-after"]).toBe("2.128");
    expect(throttled.headers()["access-control-expose-headers"]).toContain("Retry-After");
    expect((await throttled.json()).error.code).toBe("TooManyRequests");

    const ok = await graph(request, "POST", "/v1.0/communications/getPresencesByUserId", tokens.access_token, { ids });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).value).toHaveLength(ids.length);

    const log = (await knobs.graph.log()).filter((e) => e.path.includes("getPresencesByUserId"));
    expect(log.map((e) => [e.status, e.ids, !!e.injected])).toEqual([
      [429, 3, true],
      [200, 3, false],
    ]);
    expect(JSON.stringify(log)).not.toContain(tokens.access_token.slice(-20));

    await knobs.graph.injectFaults({ count: 1, status: 429, retryAfter: "2.128", exposeRetryAfter: false, body: "{not json" });
    const hidden = await graph(request, "GET", "/v1.0/me", tokens.access_token);
    expect(hidden.status()).toBe(429);
    expect(hidden.headers()["access-control-expose-headers"]).not.toContain("Retry-After");
    expect(await hidden.text()).toBe("{not json");

    await knobs.graph.injectFaults({ count: 1, status: 503, retryAfter: null });
    const unavailable = await graph(request, "GET", "/v1.0/me", tokens.access_token);
    expect(unavailable.status()).toBe(503);
    expect(unavailable.headers()["retry-after"]).toBeUndefined();
  });

  test("offline knob cuts connections but keeps knobs reachable", async ({ request }) => {
    const { tokens } = await signIn(request);
    await knobs.graph.offline(true);
    await expect(graph(request, "GET", "/v1.0/me", tokens.access_token)).rejects.toThrow();
    expect((await knobs.graph.state()).offline).toBe(true);
    await knobs.graph.offline(false);
    expect((await graph(request, "GET", "/v1.0/me", tokens.access_token)).status()).toBe(200);
    const entries = await knobs.graph.log();
    expect(entries.some((e) => e.offline && e.status === 0)).toBe(true);
  });

  test("logs carry no tokens or codes", async ({ request }) => {
    const { tokens, answer } = await signIn(request);
    await graph(request, "GET", "/v1.0/me", tokens.access_token);
    const logs = JSON.stringify([await knobs.identity.log(), await knobs.graph.log()]);
    for (const secret of [tokens.access_token, tokens.refresh_token, tokens.id_token, answer.get("code")!]) {
      expect(logs).not.toContain(secret.slice(-16));
    }
    expect((await knobs.identity.log()).map((e) => e.grant_type).filter(Boolean)).toEqual(["authorization_code"]);
  });
});

test.describe("app host", () => {
  test("serves /config.json from memory, verbatim, with no-store", async ({ request }) => {
    const initial = await request.get(`${APP_ORIGIN}/config.json`);
    expect(initial.headers()["cache-control"]).toBe("no-store");
    expect(await initial.json()).toEqual(DEFAULT_APP_CONFIG);
    await knobs.app.setConfig('{"clientId": ');
    expect(await (await request.get(`${APP_ORIGIN}/config.json`)).text()).toBe('{"clientId": ');
    await knobs.app.reset();
    expect(await (await request.get(`${APP_ORIGIN}/config.json`)).json()).toEqual(DEFAULT_APP_CONFIG);
  });

  test("serves the build as an SPA with correct content types", async ({ request }) => {
    const index = await request.get(`${APP_ORIGIN}/`);
    test.skip(index.status() === 503, "no production build in dist/");
    expect(index.headers()["content-type"]).toContain("text/html");
    expect(index.headers()["cache-control"]).toBe("no-store");
    const html = await index.text();
    const deepLink = await request.get(`${APP_ORIGIN}/some/board`);
    expect(await deepLink.text()).toBe(html);
    expect((await request.get(`${APP_ORIGIN}/redirect.html`)).headers()["content-type"]).toContain("text/html");
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    if (script) expect((await request.get(`${APP_ORIGIN}/${script}`)).headers()["content-type"]).toContain("javascript");
    expect((await request.get(`${APP_ORIGIN}/assets/missing.js`)).status()).toBe(404);
  });
});
