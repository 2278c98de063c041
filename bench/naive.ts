/**
 * The naive comparison: a poller that asks Graph for each person's presence on its own
 * (`GET /v1.0/users/{id}/presence`), through the same Graph stand-in, so the stand-in's log counts it exactly like
 * the app's requests. Its token comes from the identity stand-in by the code flow with PKCE, done by hand from Node
 * as MSAL does it in the browser (autoApprove skips the account picker).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { join } from "node:path";
import { APP_ORIGIN, AUTHORITY, CLIENT_ID, GRAPH_ORIGIN, REDIRECT_URI } from "../e2e/standins/constants";
import { knobs } from "../e2e/standins/knobs";
import { mapLimit } from "./lib";

const CERT_FILE = join(import.meta.dirname, "..", "e2e", ".certs", "localhost-cert.pem");
const SCOPES = "User.Read Presence.Read.All User.ReadBasic.All openid profile offline_access";

/** Keep-alive, at most 6 connections: what a browser allows per HTTP/1.1 host. */
function agent(): Agent {
  const ca = existsSync(CERT_FILE) ? readFileSync(CERT_FILE, "utf8") : undefined;
  return new Agent({ keepAlive: true, maxSockets: 6, ...(ca ? { ca, servername: "localhost" } : { rejectUnauthorized: false }) });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(httpsAgent: Agent, url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent: httpsAgent,
        method: options.method ?? "GET",
        headers: { ...(options.headers ?? {}), ...(options.body !== undefined ? { "Content-Length": String(Buffer.byteLength(options.body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** An access token for Graph, by the authorization code flow with PKCE (the requests MSAL Browser makes). */
export async function accessTokenByPkce(): Promise<string> {
  const httpsAgent = agent();
  try {
    await knobs.identity.autoApprove();
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const authorize = new URL(`${AUTHORITY}/oauth2/v2.0/authorize`);
    const params: Record<string, string> = {
      client_id: CLIENT_ID,
      scope: SCOPES,
      redirect_uri: REDIRECT_URI,
      response_mode: "fragment",
      response_type: "code",
      client_info: "1",
      nonce: randomUUID(),
      state: `bench-${randomUUID()}`,
      code_challenge: challenge,
      code_challenge_method: "S256",
    };
    for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
    const answer = await send(httpsAgent, authorize.toString());
    const location = answer.headers.location;
    if (answer.status !== 302 || typeof location !== "string") {
      throw new Error(`Identity stand-in did not redirect with a code (status ${answer.status}).`);
    }
    const code = new URLSearchParams(new URL(location).hash.slice(1)).get("code");
    if (!code) throw new Error("Identity stand-in redirect carried no code.");
    const form = new URLSearchParams({
      client_id: CLIENT_ID,
      grant_type: "authorization_code",
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT_URI,
      scope: SCOPES,
      client_info: "1",
    }).toString();
    const token = await send(httpsAgent, `${AUTHORITY}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=utf-8", Origin: APP_ORIGIN },
      body: form,
    });
    if (token.status !== 200) throw new Error(`Token redemption failed: ${token.status} ${token.body.slice(0, 200)}`);
    return (JSON.parse(token.body) as { access_token: string }).access_token;
  } finally {
    httpsAgent.destroy();
  }
}

export interface NaivePoll {
  /** Requests the Graph stand-in logged for this poll. */
  requests: number;
  failed: number;
  ms: number;
}

/** One naive poll: a GET per person, six at a time. */
export async function naivePoll(token: string, ids: readonly string[]): Promise<NaivePoll> {
  const httpsAgent = agent();
  try {
    await knobs.graph.clearLog();
    const start = performance.now();
    const statuses = await mapLimit(ids, 6, async (id) => {
      const answer = await send(httpsAgent, `${GRAPH_ORIGIN}/v1.0/users/${id}/presence`, {
        headers: { Authorization: `Bearer ${token}`, Origin: APP_ORIGIN, Accept: "application/json" },
      });
      return answer.status;
    });
    const ms = performance.now() - start;
    const logged = (await knobs.graph.log()).filter((e) => e.method === "GET" && /\/users\/[^/]+\/presence$/.test(e.path.split("?")[0]!));
    return { requests: logged.length, failed: statuses.filter((s) => s !== 200).length, ms };
  } finally {
    httpsAgent.destroy();
  }
}
