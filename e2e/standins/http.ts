/**
 * Plumbing shared by the three stand-ins: an HTTPS server that speaks HTTP/2 to browsers (like Graph and Entra do,
 * so the app is not throttled by HTTP/1.1's six connections per host) and HTTP/1.1 to Node clients, plus small
 * helpers for bodies, JSON answers, knob routing, the request log, fault injection and simulated network cuts.
 */
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import * as http2 from "node:http2";
import type { Socket } from "node:net";
import { TEST_PREFIX } from "./constants";
import type { TlsMaterial } from "./certs";

export type Req = IncomingMessage | http2.Http2ServerRequest;
export type Res = ServerResponse | http2.Http2ServerResponse;
export type Handler = (req: Req, res: Res) => Promise<void> | void;

/** The part of the response API shared by HTTP/1 and HTTP/2 responses (their union is not callable in TS). */
interface ResLike {
  statusCode: number;
  headersSent: boolean;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  getHeader(name: string): unknown;
  removeHeader(name: string): void;
  end(body?: string | Uint8Array): unknown;
}
const asRes = (res: Res) => res as unknown as ResLike;

export interface RunningServer {
  close(): Promise<void>;
}

/**
 * Listen on both loopback addresses: Chromium resolves `localhost` to ::1 and 127.0.0.1 itself, Node to whichever
 * /etc/hosts lists. Binding only loopback keeps the stand-ins (and their knobs) off the network.
 */
export async function startHttpsServer(name: string, port: number, tls: TlsMaterial, handler: Handler): Promise<RunningServer> {
  const servers: http2.Http2SecureServer[] = [];
  const sockets = new Set<Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  const wrapped = (req: Req, res: Res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      console.error(`[${name}] ${req.method} ${req.url}:`, error);
      if (!asRes(res).headersSent) sendJson(res, 500, { error: "standin_failure", message: String(error) });
      else asRes(res).end();
    });
  };
  for (const host of ["127.0.0.1", "::1"]) {
    const server = http2.createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, wrapped);
    server.on("secureConnection", (socket: Socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    server.on("session", (session) => {
      sessions.add(session);
      session.on("close", () => sessions.delete(session));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ port, host, exclusive: true }, () => {
          server.off("error", reject);
          resolve();
        });
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No IPv6 loopback in this environment: IPv4 alone is enough.
      if (host === "::1" && (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT")) continue;
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      if (code === "EADDRINUSE") {
        throw new Error(
          `${name}: port ${port} is already in use (stand-ins from an earlier run still up?). Stop that process, or set ` +
            `E2E_EXTERNAL_STANDINS=1 to use the running stand-ins.`,
          { cause: error },
        );
      }
      throw error;
    }
    servers.push(server);
  }
  return {
    async close() {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

export async function readBody(req: Req): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

export function requestUrl(req: Req, origin: string): URL {
  return new URL(req.url ?? "/", origin);
}

export function header(req: Req, name: string): string | undefined {
  const value = (req.headers as IncomingHttpHeaders)[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

export function send(
  res: Res,
  status: number,
  headers: Record<string, string | readonly string[]>,
  body?: string | Uint8Array,
): void {
  const r = asRes(res);
  r.statusCode = status;
  for (const [name, value] of Object.entries(headers)) r.setHeader(name, value);
  r.end(body);
}

type Headers = Record<string, string | readonly string[]>;

export function sendJson(res: Res, status: number, body: unknown, headers: Headers = {}): void {
  send(res, status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers }, JSON.stringify(body));
}

export function sendHtml(res: Res, status: number, html: string, headers: Headers = {}): void {
  send(res, status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers }, html);
}

export function redirect(res: Res, location: string, headers: Record<string, string | readonly string[]> = {}): void {
  send(res, 302, { Location: location, "Cache-Control": "no-store", ...headers });
}

export function setHeader(res: Res, name: string, value: string | readonly string[]): void {
  asRes(res).setHeader(name, value);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A simulated network cut for one request: the connection dies before any byte of an answer, which the browser
 * reports as a failed fetch (TypeError), the way a dropped Wi-Fi or a proxy reset looks to the app.
 */
export function dropConnection(req: Req): void {
  if ("stream" in req && req.stream) {
    req.stream.session?.destroy();
  } else {
    (req as IncomingMessage).socket.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Knobs

export type KnobHandler = (body: unknown, raw: string, req: Req) => unknown;
/** `"POST reset"`, `"GET log"`: method + name after /__test/. */
export type KnobRoutes = Record<string, KnobHandler>;

export class KnobError extends Error {}

/** Knob requests are answered here (never logged, never faulted). Returns false when the path is not a knob. */
export async function handleKnob(req: Req, res: Res, pathname: string, routes: KnobRoutes): Promise<boolean> {
  if (!pathname.startsWith(TEST_PREFIX)) return false;
  const key = `${req.method} ${pathname.slice(TEST_PREFIX.length)}`;
  const route = routes[key];
  if (!route) {
    sendJson(res, 404, { error: "unknown_knob", knob: key, known: Object.keys(routes) });
    return true;
  }
  const raw = (await readBody(req)).toString("utf8");
  let body: unknown = undefined;
  if (raw.trim() !== "") {
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined; // raw-text knobs (app config) read `raw`
    }
  }
  try {
    const result = await route(body, raw, req);
    sendJson(res, 200, result === undefined ? { ok: true } : result);
  } catch (error) {
    if (error instanceof KnobError) sendJson(res, 400, { error: "bad_knob_request", message: error.message });
    else throw error;
  }
  return true;
}

export function obj(body: unknown): Record<string, unknown> {
  if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  if (body === undefined) return {};
  throw new KnobError("expected a JSON object body");
}

// ---------------------------------------------------------------------------------------------------------------
// Request log

export interface LogEntryBase {
  /** ms since epoch */
  time: number;
  method: string;
  /** Path (Graph: with query). Never a token or code: the identity log drops the query string. */
  path: string;
  status: number;
}

export class RequestLog<T extends LogEntryBase> {
  private entries: T[] = [];
  constructor(private readonly max = 50_000) {}
  add(entry: T): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }
  list(): T[] {
    return [...this.entries];
  }
  clear(): void {
    this.entries = [];
  }
}

/** Record the final status once the answer is sent (status 0 when the connection died first). */
export function onFinish(res: Res, done: (status: number) => void): void {
  let reported = false;
  const report = (status: number) => {
    if (!reported) {
      reported = true;
      done(status);
    }
  };
  (res as ServerResponse).on("finish", () => report(asRes(res).statusCode));
  (res as ServerResponse).on("close", () => report(asRes(res).headersSent ? asRes(res).statusCode : 0));
}

// ---------------------------------------------------------------------------------------------------------------
// Fault injection shared by the identity and Graph stand-ins

export interface InjectedFault {
  /** How many matching requests to answer with this fault. */
  count: number;
  status: number;
  /** `Retry-After` header value; null omits the header; undefined: "2.128" for 429, omitted otherwise. */
  retryAfter?: string | null;
  /** Raw body (may be malformed JSON on purpose); default: the service's error body for the status. */
  body?: string;
  /** Only requests whose path starts with one of these (version segment optional for Graph). */
  paths?: string | string[];
  /** Whether the browser may read Retry-After on this answer (CORS expose); default: the stand-in's setting. */
  exposeRetryAfter?: boolean;
}

export function parseFault(body: unknown): InjectedFault {
  const b = obj(body);
  const count = b.count === undefined ? 1 : Number(b.count);
  const status = Number(b.status);
  if (!Number.isInteger(count) || count < 1) throw new KnobError("count must be a positive integer");
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new KnobError("status must be an HTTP status");
  if (b.retryAfter !== undefined && b.retryAfter !== null && typeof b.retryAfter !== "string")
    throw new KnobError("retryAfter must be a string header value or null");
  if (b.body !== undefined && typeof b.body !== "string") throw new KnobError("body must be a raw string");
  const paths = b.paths;
  if (paths !== undefined && typeof paths !== "string" && !(Array.isArray(paths) && paths.every((p) => typeof p === "string")))
    throw new KnobError("paths must be a string or an array of strings");
  return {
    count,
    status,
    ...(b.retryAfter !== undefined ? { retryAfter: b.retryAfter as string | null } : {}),
    ...(b.body !== undefined ? { body: b.body as string } : {}),
    ...(paths !== undefined ? { paths: paths as string | string[] } : {}),
    ...(typeof b.exposeRetryAfter === "boolean" ? { exposeRetryAfter: b.exposeRetryAfter } : {}),
  };
}

export class FaultQueue {
  private faults: InjectedFault[] = [];
  add(fault: InjectedFault): void {
    this.faults.push({ ...fault });
  }
  clear(): void {
    this.faults = [];
  }
  pending(): InjectedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }
  /** Consume one use of the first fault matching any of the candidate paths. */
  take(candidatePaths: string[]): InjectedFault | null {
    const index = this.faults.findIndex((fault) => {
      if (fault.paths === undefined) return true;
      const prefixes = Array.isArray(fault.paths) ? fault.paths : [fault.paths];
      return prefixes.some((prefix) => candidatePaths.some((path) => path.startsWith(prefix)));
    });
    if (index < 0) return null;
    const fault = this.faults[index]!;
    fault.count -= 1;
    if (fault.count <= 0) this.faults.splice(index, 1);
    return { ...fault };
  }
}

export function newRequestId(): string {
  return randomUUID();
}
