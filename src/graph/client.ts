import { errorFromResponse, GraphError, parseRetryAfter } from "./errors";
import { fetchTransport, type GraphTransport } from "./transport";

/**
 * The only place that speaks HTTP to Graph. Adds the bearer token, turns every failure into a GraphError,
 * and holds back every request while Graph has asked us to wait (429 Retry-After), because Graph's
 * throttling budget is shared by every app and board of the tenant.
 */

export interface GraphClientOptions {
  /** Host root, e.g. https://graph.microsoft.com (no version). */
  baseUrl: string;
  /** Supplies a current access token; throws when sign-in is needed (the auth module's error passes through). */
  getAccessToken: () => Promise<string>;
  transport?: GraphTransport;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface GraphRequest {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path below the version, e.g. `/me/presence` or `/users?$search=…`. */
  path: string;
  version?: "v1.0" | "beta";
  body?: unknown;
  headers?: Record<string, string>;
  /** How to read a 2xx body. Default json. */
  responseType?: "json" | "blob" | "none";
  signal?: AbortSignal;
}

export interface BatchItem {
  id: string;
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface GraphStats {
  requests: number;
  failures: number;
  throttled: number;
  lastError: { at: number; status: number; code: string; requestId: string | null } | null;
  /** Epoch ms before which no request is sent (Graph asked us to wait). */
  notBefore: number;
}

export const MAX_BATCH = 20;

export interface GraphClient {
  request<T>(request: GraphRequest): Promise<T>;
  /** JSON batching: at most 20 requests per call (split by the caller with chunk()). */
  batch(items: BatchItem[], signal?: AbortSignal): Promise<BatchAnswer[]>;
  readonly stats: Readonly<GraphStats>;
  /** Graph asked us to wait: no request leaves before this time. */
  holdUntil(epochMs: number): void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const transport = options.transport ?? fetchTransport;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const stats: GraphStats = { requests: 0, failures: 0, throttled: 0, lastError: null, notBefore: 0 };

  function holdUntil(epochMs: number) {
    stats.notBefore = Math.max(stats.notBefore, epochMs);
  }

  function fail(error: GraphError): never {
    stats.failures += 1;
    stats.lastError = { at: now(), status: error.status, code: error.code, requestId: error.requestId };
    if (error.status === 429) {
      stats.throttled += 1;
      // Without a readable Retry-After, the scheduler backs off on its own; with one, honour it exactly.
      if (error.retryAfterSeconds !== null) holdUntil(now() + error.retryAfterSeconds * 1000);
    }
    throw error;
  }

  async function request<T>(req: GraphRequest): Promise<T> {
    const wait = stats.notBefore - now();
    if (wait > 0) await sleep(wait);

    const token = await options.getAccessToken();
    const headers = new Headers(req.headers);
    headers.set("Authorization", `Bearer ${token}`);
    let body: string | undefined;
    if (req.body !== undefined) {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(req.body);
    }
    const url = `${baseUrl}/${req.version ?? "v1.0"}${req.path.startsWith("/") ? "" : "/"}${req.path}`;
    const init: RequestInit = { method: req.method ?? (body ? "POST" : "GET"), headers };
    if (body !== undefined) init.body = body;
    if (req.signal) init.signal = req.signal;

    stats.requests += 1;
    let response: Response;
    try {
      response = await transport(new Request(url, init));
    } catch (error) {
      if ((error as Error).name === "AbortError") throw error;
      return fail(
        new GraphError({ kind: "network", status: 0, code: "networkError", message: "Microsoft Graph could not be reached." }),
      );
    }

    if (!response.ok) {
      const text = await response.text().catch(() => "");
      return fail(errorFromResponse(response.status, text, response.headers));
    }
    const type = req.responseType ?? "json";
    if (type === "none" || response.status === 204) return undefined as T;
    if (type === "blob") return (await response.blob()) as T;
    const text = await response.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      return fail(
        new GraphError({
          kind: "malformed",
          status: response.status,
          code: "malformedResponse",
          message: "Microsoft Graph sent an answer that is not valid JSON.",
          requestId: response.headers.get("request-id"),
        }),
      );
    }
  }

  async function batch(items: BatchItem[], signal?: AbortSignal): Promise<BatchAnswer[]> {
    if (items.length === 0) return [];
    if (items.length > MAX_BATCH) throw new RangeError(`A Graph $batch holds at most ${MAX_BATCH} requests.`);
    const answer = await request<{ responses?: unknown }>({
      method: "POST",
      path: "/$batch",
      body: { requests: items },
      ...(signal ? { signal } : {}),
    });
    if (!answer || !Array.isArray(answer.responses)) {
      return fail(
        new GraphError({ kind: "malformed", status: 200, code: "malformedResponse", message: "A $batch answer had no responses." }),
      );
    }
    const out: BatchAnswer[] = [];
    for (const raw of answer.responses as unknown[]) {
      if (!raw || typeof raw !== "object") continue;
      const r = raw as Record<string, unknown>;
      const headers: Record<string, string> = {};
      if (r.headers && typeof r.headers === "object") {
        for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) {
          if (typeof v === "string") headers[k.toLowerCase()] = v;
        }
      }
      const status = typeof r.status === "number" ? r.status : 0;
      if (status === 429) {
        // Inner requests are throttled one by one; their Retry-After arrives in the JSON body.
        stats.throttled += 1;
        const seconds = parseRetryAfter(headers["retry-after"]);
        if (seconds !== null) holdUntil(now() + seconds * 1000);
      }
      out.push({ id: String(r.id), status, headers, body: r.body });
    }
    return out;
  }

  return { request, batch, stats, holdUntil };
}

/** Split a list into pieces of at most `size` (650 ids per presence request, 20 per $batch…). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
