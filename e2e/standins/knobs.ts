/**
 * Typed client for the stand-ins' test knobs (`/__test/...`), for specs and benchmarks. Runs in any Node process
 * (Playwright workers included): plain node:https, trusting the generated localhost certificate.
 */
import { existsSync, readFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import type { DemoFaults, DemoTenantOptions } from "../../src/demo/contract";
import { APP_ORIGIN, DEFAULT_APP_CONFIG, GRAPH_ORIGIN, IDENTITY_ORIGIN, TEST_PREFIX } from "./constants";
import type { GraphLogEntry } from "./graph";
import type { InjectedFault } from "./http";
import type { IdentityLogEntry } from "./identity";

export type { GraphLogEntry, IdentityLogEntry, InjectedFault };

const CERT_FILE = join(import.meta.dirname, "..", ".certs", "localhost-cert.pem");
let trusted: string | null | undefined;
function trustedCert(): string | null {
  if (trusted === undefined) trusted = existsSync(CERT_FILE) ? readFileSync(CERT_FILE, "utf8") : null;
  return trusted;
}

async function call<T = unknown>(origin: string, method: string, knob: string, body?: unknown): Promise<T> {
  const url = new URL(`${TEST_PREFIX}${knob}`, origin);
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const ca = trustedCert();
  const text = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        // Verify against the generated certificate when present; it is self-signed, so there is no other anchor.
        ...(ca ? { ca, servername: "localhost" } : { rejectUnauthorized: false }),
        headers: payload === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", (error) => reject(new Error(`Knob ${method} ${url.href} failed: ${error.message}. Are the stand-ins running?`)));
    req.end(payload);
  });
  if (text.status < 200 || text.status >= 300) throw new Error(`Knob ${method} ${url.href} answered ${text.status}: ${text.text}`);
  return (text.text ? JSON.parse(text.text) : undefined) as T;
}

async function waitForEntry<E>(read: () => Promise<E[]>, match: (entry: E) => boolean, timeoutMs: number, what: string): Promise<E> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await read()).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TenantInfo {
  meId: string;
  defaultWatchedIds: string[];
  allUserIds: string[];
  simulatedNow: number;
}

export interface IdentityState {
  sessions: number;
  refreshTokens: { active: number; revoked: number };
  settings: Record<string, unknown>;
  pendingFaults: InjectedFault[];
}

const app = {
  /** Replace /config.json: an object is serialized, a string is served verbatim (may be invalid JSON). */
  setConfig: (config: string | Record<string, unknown>) =>
    call<void>(APP_ORIGIN, "POST", "config", typeof config === "string" ? config : JSON.stringify(config)),
  /** Merge fields over the default config (handy for one-field variations). */
  patchConfig: (fields: Record<string, unknown>) => app.setConfig({ ...DEFAULT_APP_CONFIG, ...fields }),
  config: async () => (await call<{ text: string }>(APP_ORIGIN, "GET", "config")).text,
  reset: () => call<void>(APP_ORIGIN, "POST", "reset"),
};

const identity = {
  /** Default settings, no sessions, codes or refresh tokens, no faults, empty log. */
  reset: () => call<void>(IDENTITY_ORIGIN, "POST", "reset"),
  /** Access-token lifetime for tokens issued from now on. NB MSAL renews tokens 300 s before expiry by default. */
  setTokenLifetime: (seconds: number) => call<void>(IDENTITY_ORIGIN, "POST", "tokenLifetime", { seconds }),
  /** Fixed lifetime of a sign-in's SPA refresh tokens (default 24 h), for sign-ins from now on. */
  setRefreshTokenLifetime: (seconds: number) => call<void>(IDENTITY_ORIGIN, "POST", "refreshTokenLifetime", { seconds }),
  /** Every refresh token (of one user, if given) now fails with invalid_grant AADSTS700082 / suberror bad_token. */
  revokeRefreshTokens: (userId?: string) =>
    call<{ revoked: number }>(IDENTITY_ORIGIN, "POST", "revokeRefreshTokens", userId === undefined ? {} : { userId }),
  /** Forget all IdP browser sessions: prompt=none (hidden iframe) now answers login_required AADSTS50058. */
  endSessions: () => call<{ ended: number }>(IDENTITY_ORIGIN, "POST", "endSessions", {}),
  /** Sign in without the picker: this account, the tenant's signed-in person (no argument), or off (null). */
  autoApprove: (userId?: string | null) =>
    call<{ autoApproveUserId: string | null }>(IDENTITY_ORIGIN, "POST", "autoApprove", userId === undefined ? {} : { userId }),
  /** Which Graph scopes are consented (silent requests for others: consent_required) or refused outright. */
  setConsent: (consent: { consented?: string[]; blocked?: string[] }) => call<void>(IDENTITY_ORIGIN, "POST", "consent", consent),
  /** Strict rotation: a redeemed refresh token fails on reuse (Entra itself keeps it valid). */
  singleUseRefreshTokens: (on = true) => call<void>(IDENTITY_ORIGIN, "POST", "singleUseRefreshTokens", { on }),
  /** Answer the next `count` matching requests (paths: prefix such as "/<tenant>/oauth2/v2.0/token") with a fault. */
  injectFaults: (fault: InjectedFault) => call<void>(IDENTITY_ORIGIN, "POST", "inject", fault),
  /** Drop every connection (except knobs) until turned off. */
  offline: (on = true) => call<void>(IDENTITY_ORIGIN, "POST", "offline", { on }),
  state: () => call<IdentityState>(IDENTITY_ORIGIN, "GET", "state"),
  log: () => call<IdentityLogEntry[]>(IDENTITY_ORIGIN, "GET", "log"),
  clearLog: () => call<void>(IDENTITY_ORIGIN, "DELETE", "log"),
  waitForRequest: (match: (entry: IdentityLogEntry) => boolean, timeoutMs = 10_000) =>
    waitForEntry(identity.log, match, timeoutMs, "an identity request"),
};

const graph = {
  /** Fresh default tenant (no overrides, no faults), Retry-After exposed, online, empty log. */
  reset: () => call<void>(GRAPH_ORIGIN, "POST", "reset"),
  /** Recreate the tenant with these options (merged over the defaults). */
  setTenant: (options: Pick<DemoTenantOptions, "seed" | "speed" | "startAt" | "extraPeople">) =>
    call<TenantInfo>(GRAPH_ORIGIN, "POST", "tenant", options),
  tenant: () => call<TenantInfo>(GRAPH_ORIGIN, "GET", "tenant"),
  /** Merge over the simulated presence of one person (raw values allowed); null clears. */
  overridePresence: (userId: string, presence: Record<string, unknown> | null) =>
    call<void>(GRAPH_ORIGIN, "POST", "presence", { userId, presence }),
  patchUser: (userId: string, fields: Record<string, unknown>) => call<void>(GRAPH_ORIGIN, "POST", "user", { userId, fields }),
  /** The simulator's own fault modes (random throttling/503 rates, latency). */
  setFaults: (faults: DemoFaults) => call<void>(GRAPH_ORIGIN, "POST", "faults", faults),
  /** Answer the next `count` matching requests with `status` (before token checks); see InjectedFault. */
  injectFaults: (fault: InjectedFault) => call<void>(GRAPH_ORIGIN, "POST", "inject", fault),
  /** Drop every connection (except knobs) until turned off: the browser sees a failed fetch. */
  offline: (on = true) => call<void>(GRAPH_ORIGIN, "POST", "offline", { on }),
  /** Whether CORS exposes Retry-After by default (Graph has been seen not to). */
  exposeRetryAfter: (on: boolean) => call<void>(GRAPH_ORIGIN, "POST", "exposeRetryAfter", { on }),
  state: () => call<{ offline: boolean; exposeRetryAfter: boolean; pendingFaults: InjectedFault[] }>(GRAPH_ORIGIN, "GET", "state"),
  log: () => call<GraphLogEntry[]>(GRAPH_ORIGIN, "GET", "log"),
  clearLog: () => call<void>(GRAPH_ORIGIN, "DELETE", "log"),
  waitForRequest: (match: (entry: GraphLogEntry) => boolean, timeoutMs = 10_000) =>
    waitForEntry(graph.log, match, timeoutMs, "a Graph request"),
};

export const knobs = {
  app,
  identity,
  graph,
  /** Everything back to defaults: call in beforeEach. */
  async resetAll(): Promise<void> {
    await Promise.all([app.reset(), identity.reset(), graph.reset()]);
  },
};

export default knobs;
