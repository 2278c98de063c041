/** Every Graph failure becomes one of these, so callers branch on `kind`/`status`/`code`, never on message text. */
export type GraphErrorKind =
  | "http" // Graph answered with an error status
  | "network" // no answer at all (offline, DNS, CORS, connection reset)
  | "malformed"; // an answer that is not the JSON Graph promises

export class GraphError extends Error {
  readonly kind: GraphErrorKind;
  /** HTTP status, 0 when there was no answer. */
  readonly status: number;
  /** Graph's `error.code`, e.g. "TooManyRequests", "InvalidAuthenticationToken". */
  readonly code: string;
  /** Graph's request id, for support. */
  readonly requestId: string | null;
  /** Seconds to wait before the next request (Retry-After, decimal), when Graph said so. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    kind: GraphErrorKind;
    status: number;
    code: string;
    message: string;
    requestId?: string | null;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = "GraphError";
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  get isThrottled(): boolean {
    return this.status === 429;
  }

  /** Worth retrying later on its own: throttling, server trouble, no network. */
  get isTransient(): boolean {
    return this.kind === "network" || this.status === 429 || this.status === 408 || this.status >= 500;
  }
}

/**
 * Retry-After as seconds. Graph sends decimal seconds ("2.128"); HTTP also allows an HTTP-date.
 * Returns null when absent or unreadable (the caller then backs off on its own).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === "") return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (!Number.isNaN(date) && /[a-z]/i.test(text)) return Math.max(0, (date - nowMs) / 1000);
  return null;
}

interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: { "request-id"?: unknown } };
}

/** Build a GraphError from a non-2xx answer (its body may be anything, or nothing). */
export function errorFromResponse(
  status: number,
  bodyText: string,
  headers: { get(name: string): string | null },
): GraphError {
  let code = `http${status}`;
  let message = `Microsoft Graph answered HTTP ${status}.`;
  let requestId = headers.get("request-id");
  try {
    const body = JSON.parse(bodyText) as GraphErrorBody;
    if (body && typeof body.error === "object" && body.error) {
      if (typeof body.error.code === "string" && body.error.code) code = body.error.code;
      if (typeof body.error.message === "string" && body.error.message) message = body.error.message;
      const inner = body.error.innerError?.["request-id"];
      if (!requestId && typeof inner === "string") requestId = inner;
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): keep the status-based code.
  }
  return new GraphError({
    kind: "http",
    status,
    code,
    message: clip(message),
    requestId,
    retryAfterSeconds: parseRetryAfter(headers.get("retry-after")),
  });
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
