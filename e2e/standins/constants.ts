/**
 * Fixed layout of the local stand-ins. The app's e2e config (DEFAULT_APP_CONFIG) points at these; change them
 * together. Everything lives on `localhost` so the three origins are same-site (cookies in the hidden MSAL iframe work
 * without third-party-cookie exceptions, exactly as login.microsoftonline.com does for a registered SPA).
 */

export const HOST = "localhost";

/** `E2E_PORT_BASE` moves all three (base, base+1, base+2), so two test runs can share a machine. */
const PORT_BASE = Number(process.env.E2E_PORT_BASE) || 5443;
export const APP_PORT = PORT_BASE;
export const IDENTITY_PORT = PORT_BASE + 1;
export const GRAPH_PORT = PORT_BASE + 2;

export const APP_ORIGIN = `https://${HOST}:${APP_PORT}`;
export const IDENTITY_ORIGIN = `https://${HOST}:${IDENTITY_PORT}`;
export const GRAPH_ORIGIN = `https://${HOST}:${GRAPH_PORT}`;

/** The simulated Entra tenant (directory) id and the app registration's client id. */
export const TENANT_ID = "7d0e4c8a-2f1b-4a3c-9e5d-6b7a8c9d0e1f";
export const CLIENT_ID = "3f1a7c2e-5b8d-4e6f-9a0b-1c2d3e4f5a6b";

/** The authority as the app configures it. `${IDENTITY_ORIGIN}/organizations` (and /common) work too. */
export const AUTHORITY = `${IDENTITY_ORIGIN}/${TENANT_ID}`;
/** `iss` of every token and of the discovery document. */
export const ISSUER = `${IDENTITY_ORIGIN}/${TENANT_ID}/v2.0`;

export const REDIRECT_URI = `${APP_ORIGIN}/redirect.html`;
/** Redirect URIs registered on the app registration (authorize rejects anything else, like Entra's AADSTS50011). */
export const ALLOWED_REDIRECT_URIS: readonly string[] = [REDIRECT_URI, `${APP_ORIGIN}/`];

/** Microsoft Graph's resource: app id and identifier URI (both accepted as `aud`, tokens carry the URI). */
export const GRAPH_RESOURCE_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_AUDIENCE = "https://graph.microsoft.com";

/** Scopes a `/.default` request is granted (what an admin consented for this app registration). */
export const DEFAULT_CONSENTED_SCOPES: readonly string[] = [
  "User.Read",
  "User.ReadBasic.All",
  "Presence.Read.All",
  "GroupMember.Read.All",
];

/** Access-token lifetime by default (seconds). Entra's default is 60-90 minutes. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
/** SPA refresh tokens have a fixed 24 hour lifetime that redemption does not extend. */
export const DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** The app's /config.json unless a test overrides it. */
export const DEFAULT_APP_CONFIG = {
  clientId: CLIENT_ID,
  authority: AUTHORITY,
  knownAuthorities: [`${HOST}:${IDENTITY_PORT}`],
  redirectUri: REDIRECT_URI,
  graphBaseUrl: GRAPH_ORIGIN,
  pollIntervalSeconds: 5,
} as const;

/** The simulated Graph tenant the Graph stand-in starts with (5,000 extra people: the large-board case). */
export const DEFAULT_TENANT_OPTIONS = { seed: 1, extraPeople: 5000 } as const;

/** Knob endpoints live under this prefix on every stand-in; they are never logged and never faulted. */
export const TEST_PREFIX = "/__test/";
