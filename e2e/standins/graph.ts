/**
 * Microsoft Graph stand-in: checks the bearer token like Graph's front door (signature against the identity
 * stand-in's JWKS, issuer, audience, lifetime, delegated scopes per route), answers CORS like graph.microsoft.com,
 * then hands the request to the simulated tenant (src/demo), the same simulator demo mode runs in the browser.
 * Test knobs add what the simulator cannot: injected HTTP faults, hidden Retry-After, and a network cut.
 */
import type { JWK } from "jose";
import type { DemoFaults, DemoTenant, DemoTenantOptions } from "../../src/demo/contract";
import type { TlsMaterial } from "./certs";
import { DEFAULT_TENANT_OPTIONS, GRAPH_ORIGIN, GRAPH_PORT, GRAPH_RESOURCE_ID } from "./constants";
import {
  FaultQueue,
  KnobError,
  RequestLog,
  dropConnection,
  handleKnob,
  header,
  newRequestId,
  obj,
  onFinish,
  parseFault,
  readBody,
  requestUrl,
  send,
  startHttpsServer,
  type LogEntryBase,
  type Req,
  type Res,
  type RunningServer,
} from "./http";
import { verifyAccessToken } from "./tokens";

export interface GraphLogEntry extends LogEntryBase {
  /** `POST /communications/getPresencesByUserId`: how many ids were asked for. */
  ids?: number;
  /** `POST /$batch`: how many inner requests. */
  batchSize?: number;
  /** Answered by an injected fault (`inject` knob) or dropped by the `offline` knob. */
  injected?: boolean;
  offline?: boolean;
}

export type CreateTenant = (options: DemoTenantOptions) => DemoTenant;

export interface GraphStandin extends RunningServer {
  tenant(): DemoTenant;
  log: RequestLog<GraphLogEntry>;
}

// ---------------------------------------------------------------------------------------------------------------
// Delegated permissions per route (least privileged first; any one of them is enough)

const USER_READ = ["User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All", "Directory.Read.All"];
const OTHER_USERS = ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];
const PHOTOS = [...OTHER_USERS, "ProfilePhoto.Read.All"];
const MY_PRESENCE = ["Presence.Read", "Presence.Read.All", "Presence.ReadWrite"];
const OTHERS_PRESENCE = ["Presence.Read.All"];
const WRITE_PRESENCE = ["Presence.ReadWrite", "Presence.ReadWrite.All"];
const GROUP_MEMBERS = ["GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"];
const DIRECTORY = ["Directory.Read.All"];

/** Which scopes a Graph call needs; null: none beyond a valid token (unknown routes: the simulator answers 404). */
export function requiredScopes(method: string, path: string, oid: string): string[] | null {
  const p = path.replace(/^\/(v1\.0|beta)(?=\/|$)/, "").replace(/\/+$/, "") || "/";
  const segments = p.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  const [root, id, sub, ...rest] = segments;
  if (!root) return null;
  const self = (value: string | undefined) => value !== undefined && (value === "me" || value.toLowerCase() === oid.toLowerCase());

  if (root === "me" || root === "users") {
    const isSelf = root === "me" || self(id);
    const tail = root === "me" ? [id, sub, ...rest].filter((s): s is string => s !== undefined) : [sub, ...rest].filter((s): s is string => s !== undefined);
    if (root === "users" && id === undefined) return OTHER_USERS; // list / $search
    const [first, second] = tail;
    if (first === undefined) return isSelf ? USER_READ : OTHER_USERS;
    if (first === "presence") {
      if (method !== "GET" && second) return WRITE_PRESENCE;
      return isSelf ? MY_PRESENCE : OTHERS_PRESENCE;
    }
    if (first === "photo" || first === "photos") return isSelf ? USER_READ : PHOTOS;
    if (first === "manager" || first === "directReports") return OTHER_USERS;
    if (first === "memberOf" || first === "transitiveMemberOf") return DIRECTORY;
    return isSelf ? USER_READ : OTHER_USERS;
  }
  if (root === "communications" && (id === "presences" || id === "getPresencesByUserId")) return OTHERS_PRESENCE;
  if (root === "groups") return GROUP_MEMBERS;
  if (root === "directoryObjects") return DIRECTORY;
  return null;
}

function hasAnyScope(granted: Set<string>, needed: string[]): boolean {
  return needed.some((s) => granted.has(s.toLowerCase()));
}

// ---------------------------------------------------------------------------------------------------------------
// Graph's error format and CORS

function graphError(code: string, message: string, requestId: string, clientRequestId: string) {
  return {
    error: {
      code,
      message,
      innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ""), "request-id": requestId, "client-request-id": clientRequestId },
    },
  };
}

const DEFAULT_FAULT_ERRORS: Record<number, [string, string]> = {
  400: ["BadRequest", "Invalid request."],
  401: ["InvalidAuthenticationToken", "Access token has expired or is not yet valid."],
  403: ["Authorization_RequestDenied", "Insufficient privileges to complete the operation."],
  404: ["itemNotFound", "The requested resource does not exist."],
  429: ["TooManyRequests", "Please retry again later."],
  500: ["generalException", "An unexpected error occurred."],
  502: ["badGateway", "The server, while acting as a proxy, did not receive a timely response from the upstream server."],
  503: ["serviceNotAvailable", "The service is temporarily unavailable. Please retry after the time specified in the Retry-After header."],
  504: ["gatewayTimeout", "The server, while acting as a proxy, did not receive a timely response from the upstream server."],
};

/** Request headers browsers may send to Graph (preflight); anything else is refused like an unknown header. */
const ALLOWED_REQUEST_HEADERS = new Set([
  "authorization",
  "content-type",
  "consistencylevel",
  "client-request-id",
  "return-client-request-id",
  "prefer",
  "if-match",
  "if-none-match",
  "sdkversion",
]);

/** Headers that may not be forwarded (hop-by-hop, HTTP/2 pseudo-headers, the caller's credentials). */
const DROP_REQUEST_HEADERS = new Set(["host", "content-length", "connection", "keep-alive", "transfer-encoding", "upgrade", "authorization", "cookie"]);
const DROP_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "content-length"]);

// ---------------------------------------------------------------------------------------------------------------

export async function startGraph(options: {
  tls: TlsMaterial;
  jwks: { keys: JWK[] };
  createTenant: CreateTenant;
  tenantOptions?: DemoTenantOptions;
  port?: number;
}): Promise<GraphStandin> {
  const baseTenantOptions: DemoTenantOptions = options.tenantOptions ?? { ...DEFAULT_TENANT_OPTIONS };
  let tenant = options.createTenant(baseTenantOptions);
  let offline = false;
  let exposeRetryAfter = true;
  const faults = new FaultQueue();
  const log = new RequestLog<GraphLogEntry>();

  const tenantInfo = () => ({
    meId: tenant.meId,
    defaultWatchedIds: [...tenant.defaultWatchedIds],
    allUserIds: [...tenant.allUserIds()],
    simulatedNow: tenant.simulatedNow(),
  });

  function corsHeaders(req: Req, exposeRetry = exposeRetryAfter): Record<string, string> {
    const origin = header(req, "origin");
    if (!origin) return {};
    return {
      "Access-Control-Allow-Origin": origin,
      Vary: "Origin",
      "Access-Control-Expose-Headers": exposeRetry ? "Retry-After, request-id, client-request-id" : "request-id, client-request-id",
    };
  }

  function preflight(req: Req, res: Res) {
    const requested = (header(req, "access-control-request-headers") ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    const allowed = requested.filter((h) => ALLOWED_REQUEST_HEADERS.has(h) || h.startsWith("x-ms-"));
    send(res, 200, {
      "Access-Control-Allow-Origin": header(req, "origin") ?? "*",
      Vary: "Origin",
      "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
      ...(allowed.length ? { "Access-Control-Allow-Headers": allowed.join(", ") } : {}),
      "Access-Control-Max-Age": "3600",
    });
  }

  function sendGraphError(req: Req, res: Res, status: number, code: string, message: string, extra: Record<string, string> = {}) {
    const requestId = newRequestId();
    const clientRequestId = header(req, "client-request-id") ?? newRequestId();
    send(
      res,
      status,
      {
        "Content-Type": "application/json",
        "Cache-Control": "no-store",
        "request-id": requestId,
        "client-request-id": clientRequestId,
        ...corsHeaders(req),
        ...extra,
      },
      JSON.stringify(graphError(code, message, requestId, clientRequestId)),
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // Knobs

  const knobs = {
    "POST reset": () => {
      tenant = options.createTenant(baseTenantOptions);
      offline = false;
      exposeRetryAfter = true;
      faults.clear();
      log.clear();
    },
    "POST tenant": (body: unknown) => {
      const b = obj(body);
      const next: DemoTenantOptions = { ...baseTenantOptions };
      for (const key of ["seed", "speed", "extraPeople"] as const) {
        if (b[key] !== undefined) {
          const n = Number(b[key]);
          if (!Number.isFinite(n)) throw new KnobError(`${key} must be a number`);
          next[key] = n;
        }
      }
      if (b.startAt !== undefined) {
        const startAt = typeof b.startAt === "string" ? Date.parse(b.startAt) : Number(b.startAt);
        if (!Number.isFinite(startAt)) throw new KnobError("startAt must be ms since epoch or an ISO date");
        next.startAt = startAt;
      }
      tenant = options.createTenant(next);
      return tenantInfo();
    },
    "GET tenant": () => tenantInfo(),
    "POST presence": (body: unknown) => {
      const b = obj(body);
      if (typeof b.userId !== "string") throw new KnobError("userId must be a string");
      if (b.presence !== null && (typeof b.presence !== "object" || Array.isArray(b.presence))) throw new KnobError("presence must be an object or null");
      tenant.overridePresence(b.userId, b.presence as Record<string, unknown> | null);
    },
    "POST user": (body: unknown) => {
      const b = obj(body);
      if (typeof b.userId !== "string") throw new KnobError("userId must be a string");
      tenant.patchUser(b.userId, obj(b.fields));
    },
    "POST faults": (body: unknown) => tenant.setFaults(obj(body) as DemoFaults),
    "POST inject": (body: unknown) => faults.add(parseFault(body)),
    "POST offline": (body: unknown) => {
      offline = obj(body).on !== false;
    },
    "POST exposeRetryAfter": (body: unknown) => {
      exposeRetryAfter = obj(body).on !== false;
    },
    "GET state": () => ({ offline, exposeRetryAfter, pendingFaults: faults.pending() }),
    "GET log": () => log.list(),
    "DELETE log": () => log.clear(),
  };

  // -------------------------------------------------------------------------------------------------------------

  async function handler(req: Req, res: Res) {
    const url = requestUrl(req, GRAPH_ORIGIN);
    if (await handleKnob(req, res, url.pathname, knobs)) return;
    const method = req.method ?? "GET";
    const ctx: GraphLogEntry = { time: Date.now(), method, path: url.pathname + url.search, status: 0 };
    onFinish(res, (status) => log.add({ ...ctx, status: ctx.offline ? 0 : status }));

    if (offline) {
      ctx.offline = true;
      return dropConnection(req);
    }
    if (method === "OPTIONS") return preflight(req, res);

    const unversioned = url.pathname.replace(/^\/(v1\.0|beta)(?=\/|$)/, "");
    const isBatch = unversioned === "/$batch";
    // Read the body first so even faulted requests are logged with their size.
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
    const json = body && body.length ? parseJson(body) : null;
    if (unversioned === "/communications/getPresencesByUserId" && Array.isArray(json?.ids)) ctx.ids = json.ids.length;
    if (isBatch && Array.isArray(json?.requests)) ctx.batchSize = json.requests.length;

    const fault = faults.take([url.pathname, unversioned]);
    if (fault) {
      ctx.injected = true;
      const [code, message] = DEFAULT_FAULT_ERRORS[fault.status] ?? ["UnknownError", `HTTP ${fault.status}`];
      const requestId = newRequestId();
      const clientRequestId = header(req, "client-request-id") ?? newRequestId();
      const retryAfter = fault.retryAfter === undefined ? (fault.status === 429 ? "2.128" : null) : fault.retryAfter;
      return send(
        res,
        fault.status,
        {
          "Content-Type": "application/json",
          "Cache-Control": "no-store",
          "request-id": requestId,
          "client-request-id": clientRequestId,
          ...corsHeaders(req, fault.exposeRetryAfter ?? exposeRetryAfter),
          ...(retryAfter !== null ? { "Retry-After": retryAfter } : {}),
        },
        fault.body ?? JSON.stringify(graphError(code, message, requestId, clientRequestId)),
      );
    }

    // Authentication
    const authorization = header(req, "authorization") ?? "";
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    const challenge = {
      "WWW-Authenticate": `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_RESOURCE_ID}"`,
    };
    if (!bearer) return sendGraphError(req, res, 401, "InvalidAuthenticationToken", "Access token is empty.", challenge);
    const verified = await verifyAccessToken(options.jwks, bearer);
    if (!verified.ok) return sendGraphError(req, res, 401, "InvalidAuthenticationToken", verified.message, challenge);
    const oid = verified.claims.oid ?? "";
    const granted = new Set((verified.claims.scp ?? "").split(" ").filter(Boolean).map((s) => s.toLowerCase()));

    // Authorization for plain calls; $batch is checked per inner request below.
    if (!isBatch) {
      const needed = requiredScopes(method, url.pathname, oid);
      if (needed && !hasAnyScope(granted, needed)) {
        return sendGraphError(req, res, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
      }
    }

    const deniedBatchIds = isBatch && Array.isArray(json?.requests) ? deniedInBatch(json.requests, oid, granted) : new Set<string>();

    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith(":") || DROP_REQUEST_HEADERS.has(name) || value === undefined) continue;
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const request = new Request(url.toString(), { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) });
    const response = await tenant.handle(request, { meId: oid });

    let payload: Buffer = Buffer.from(await response.arrayBuffer());
    if (deniedBatchIds.size) payload = denyBatchResponses(payload, deniedBatchIds);

    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (!DROP_RESPONSE_HEADERS.has(name)) out[name] = value;
    });
    out["request-id"] ??= newRequestId();
    out["client-request-id"] ??= header(req, "client-request-id") ?? newRequestId();
    out["Cache-Control"] ??= "no-store";
    send(res, response.status, { ...out, ...corsHeaders(req) }, method === "HEAD" ? undefined : payload);
  }

  const server = await startHttpsServer("graph", options.port ?? GRAPH_PORT, options.tls, handler);
  return {
    close: () => server.close(),
    tenant: () => tenant,
    log,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// $batch: Graph authorizes every inner request on its own; a missing scope fails that one answer with 403.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function parseJson(body: Buffer): any {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return null;
  }
}

function deniedInBatch(requests: unknown[], oid: string, granted: Set<string>): Set<string> {
  const denied = new Set<string>();
  for (const inner of requests) {
    if (!inner || typeof inner !== "object") continue;
    const { id, url, method } = inner as { id?: unknown; url?: unknown; method?: unknown };
    if (typeof url !== "string" || id === undefined) continue;
    const path = new URL(url.startsWith("/") ? url : `/${url}`, GRAPH_ORIGIN).pathname;
    const needed = requiredScopes(typeof method === "string" ? method.toUpperCase() : "GET", path, oid);
    if (needed && !hasAnyScope(granted, needed)) denied.add(String(id));
  }
  return denied;
}

function denyBatchResponses(payload: Buffer, denied: Set<string>): Buffer {
  const json = parseJson(payload);
  if (!json || !Array.isArray(json.responses)) return payload;
  json.responses = json.responses.map((r: { id?: unknown }) =>
    r && denied.has(String(r.id))
      ? {
          id: r.id,
          status: 403,
          headers: { "Content-Type": "application/json" },
          body: graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation.", newRequestId(), newRequestId()),
        }
      : r,
  );
  return Buffer.from(JSON.stringify(json));
}
