/**
 * The production Content-Security-Policy, from the same config.json the app reads. Pure, so the build, the test
 * server and the `npm run csp` helper all produce the same policy. No inline script or style; the network is limited
 * to this site, the sign-in authority (plus knownAuthorities) and the Graph host.
 */
export interface CspInput {
  authority?: string | undefined;
  knownAuthorities?: readonly string[] | undefined;
  graphBaseUrl?: string | undefined;
}

const DEFAULT_AUTHORITY_ORIGIN = "https://login.microsoftonline.com";
const DEFAULT_GRAPH_ORIGIN = "https://graph.microsoft.com";

function origin(url: string | undefined, fallback: string): string {
  try {
    return url ? new URL(url).origin : fallback;
  } catch {
    return fallback;
  }
}

export function contentSecurityPolicy(config: CspInput): string {
  const authority = origin(config.authority, DEFAULT_AUTHORITY_ORIGIN);
  const graph = origin(config.graphBaseUrl, DEFAULT_GRAPH_ORIGIN);
  const known = (config.knownAuthorities ?? []).map((host) => `https://${host}`);
  const identity = [...new Set([authority, ...known])];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // Profile photos arrive as blobs (object URLs); the badge and favicon are SVG files.
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self' ${[...identity, graph].join(" ")}`,
    // MSAL's hidden iframe: the authority, which then lands on our own redirect.html.
    `frame-src 'self' ${identity.join(" ")}`,
    "frame-ancestors 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "manifest-src 'self'",
  ].join("; ");
}

/** Other headers worth sending with the policy on any static host. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};
