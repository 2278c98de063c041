import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { chunk, createGraphClient } from "./client";
import { GraphError, parseRetryAfter } from "./errors";
import { getPresencesByUserId } from "./presence";
import { getPeopleByIds, pathBelowVersion, searchPeople } from "./directory";

const GRAPH = "https://graph.test";
const fixtures = resolve(import.meta.dirname, "../../../shared/fixtures/graph-docs");
const fixture = (name: string) => JSON.parse(readFileSync(resolve(fixtures, name), "utf8")) as JsonBodyType;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function makeClient(clock = { t: 1_000_000 }) {
  const slept: number[] = [];
  const client = createGraphClient({
    baseUrl: `${GRAPH}/`,
    getAccessToken: async () => "token-abc",
    now: () => clock.t,
    sleep: async (ms) => {
      slept.push(ms);
      clock.t += ms;
    },
  });
  return { client, slept, clock };
}

describe("parseRetryAfter", () => {
  it.each([
    ["2.128", 2.128],
    ["10", 10],
    [" 3 ", 3],
    ["0", 0],
  ])("reads decimal seconds %s", (header, seconds) => {
    expect(parseRetryAfter(header)).toBe(seconds);
  });
  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("Fri, 04 Dec 2026 10:00:00 GMT");
    expect(parseRetryAfter("Fri, 04 Dec 2026 10:00:30 GMT", now)).toBe(30);
  });
  it.each([[null], [undefined], [""], ["soon"], ["-5"], ["1e3"]])("gives up on %s", (header) => {
    expect(parseRetryAfter(header)).toBeNull();
  });
});

describe("Graph client", () => {
  it("sends the bearer token to the versioned URL and returns JSON", async () => {
    let auth: string | null = null;
    server.use(
      http.get(`${GRAPH}/v1.0/me/presence`, ({ request }) => {
        auth = request.headers.get("authorization");
        return HttpResponse.json(fixture("v1.0-get-presence-1.json"));
      }),
    );
    const { client } = makeClient();
    const presence = await client.request<{ availability: string }>({ path: "/me/presence" });
    expect(presence.availability).toBe("Available");
    expect(auth).toBe("Bearer token-abc");
    expect(client.stats.requests).toBe(1);
  });

  it("turns Graph's error body into a typed error with code and request id", async () => {
    server.use(
      http.get(`${GRAPH}/v1.0/me`, () => HttpResponse.json(fixture("common/error-example-1.json"), { status: 416 })),
    );
    const { client } = makeClient();
    const error = await client.request({ path: "/me" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ kind: "http", status: 416, code: "invalidRange", requestId: "request-id" });
    expect((error as GraphError).message).toBe("Uploaded fragment overlaps with existing data.");
    expect(client.stats.failures).toBe(1);
  });

  it("honours a decimal Retry-After: the next request waits exactly that long", async () => {
    let calls = 0;
    server.use(
      http.get(`${GRAPH}/v1.0/me/presence`, () => {
        calls += 1;
        if (calls === 1) {
          return HttpResponse.json(fixture("common/throttling-429-1.json"), {
            status: 429,
            headers: { "Retry-After": "2.128" },
          });
        }
        return HttpResponse.json({ id: "x", availability: "Busy" });
      }),
    );
    const { client, slept } = makeClient();
    const error = (await client.request({ path: "/me/presence" }).catch((e: unknown) => e)) as GraphError;
    expect(error.isThrottled).toBe(true);
    expect(error.code).toBe("TooManyRequests");
    expect(error.retryAfterSeconds).toBe(2.128);
    await client.request({ path: "/me/presence" });
    expect(slept).toEqual([2128]);
    expect(client.stats.throttled).toBe(1);
  });

  it("reports a body that is not JSON as malformed, not as a crash", async () => {
    server.use(http.get(`${GRAPH}/v1.0/me`, () => new HttpResponse("<html>proxy error", { status: 200 })));
    const { client } = makeClient();
    await expect(client.request({ path: "/me" })).rejects.toMatchObject({ kind: "malformed", code: "malformedResponse" });
  });

  it("keeps the status as the code when an error body is not Graph's", async () => {
    server.use(http.get(`${GRAPH}/v1.0/me`, () => new HttpResponse("Bad gateway", { status: 502 })));
    const { client } = makeClient();
    const error = (await client.request({ path: "/me" }).catch((e: unknown) => e)) as GraphError;
    expect(error).toMatchObject({ status: 502, code: "http502" });
    expect(error.isTransient).toBe(true);
  });

  it("reports no network as a transient network error", async () => {
    server.use(http.get(`${GRAPH}/v1.0/me`, () => HttpResponse.error()));
    const { client } = makeClient();
    const error = (await client.request({ path: "/me" }).catch((e: unknown) => e)) as GraphError;
    expect(error).toMatchObject({ kind: "network", status: 0 });
    expect(error.isTransient).toBe(true);
  });

  it("passes the token provider's own error through untouched (sign-in needed is not a Graph error)", async () => {
    const signIn = new Error("interaction_required");
    const client = createGraphClient({ baseUrl: GRAPH, getAccessToken: () => Promise.reject(signIn) });
    await expect(client.request({ path: "/me" })).rejects.toBe(signIn);
    expect(client.stats.requests).toBe(0);
  });
});

describe("presence of many people", () => {
  it("sends one request per 650 ids and never one per person", async () => {
    const sizes: number[] = [];
    server.use(
      http.post(`${GRAPH}/v1.0/communications/getPresencesByUserId`, async ({ request }) => {
        const { ids } = (await request.json()) as { ids: string[] };
        sizes.push(ids.length);
        return HttpResponse.json({ value: ids.map((id) => ({ id, availability: "Available", activity: "Available" })) });
      }),
    );
    const { client } = makeClient();
    const ids = Array.from({ length: 1301 }, (_, i) => `id-${i}`);
    const result = await getPresencesByUserId(client, [...ids, "id-0"]);
    expect(sizes).toEqual([650, 650, 1]);
    expect(result).toHaveLength(1301);
  });

  it("skips records without an id instead of failing the whole board", async () => {
    server.use(
      http.post(`${GRAPH}/v1.0/communications/getPresencesByUserId`, () =>
        HttpResponse.json({ value: [null, 7, { availability: "Busy" }, ...(fixture("v1.0-getpresencesbyuserid-1.json") as { value: unknown[] }).value] }),
      ),
    );
    const { client } = makeClient();
    const result = await getPresencesByUserId(client, ["fa8bf3dc-eca7-46b7-bad1-db199b62afc3"]);
    expect(result.map((p) => p.id)).toEqual(["fa8bf3dc-eca7-46b7-bad1-db199b62afc3", "66825e03-7ef5-42da-9069-724602c31f6b"]);
  });

  it("rejects an answer without a value list as malformed", async () => {
    server.use(http.post(`${GRAPH}/v1.0/communications/getPresencesByUserId`, () => HttpResponse.json({ values: [] })));
    const { client } = makeClient();
    await expect(getPresencesByUserId(client, ["a"])).rejects.toMatchObject({ kind: "malformed" });
  });
});

describe("directory", () => {
  it("searches with ConsistencyLevel eventual and a sanitised $search clause", async () => {
    let url = "";
    let consistency: string | null = null;
    server.use(
      http.get(`${GRAPH}/v1.0/users`, ({ request }) => {
        url = decodeURIComponent(request.url);
        consistency = request.headers.get("consistencylevel");
        return HttpResponse.json({ value: [{ id: "1", displayName: "Ana" }, { displayName: "no id" }] });
      }),
    );
    const { client } = makeClient();
    const found = await searchPeople(client, 'an"a');
    expect(consistency).toBe("eventual");
    expect(url).toContain('$search="displayName:an a" OR "mail:an a"');
    expect(url).toContain("$count=true");
    expect(found.map((p) => p.displayName)).toEqual(["Ana"]);
  });

  it("resolves 700 profiles with 3 batch requests of id filters", async () => {
    let batches = 0;
    server.use(
      http.post(`${GRAPH}/v1.0/$batch`, async ({ request }) => {
        batches += 1;
        const { requests } = (await request.json()) as { requests: { id: string; url: string }[] };
        expect(requests.length).toBeLessThanOrEqual(20);
        return HttpResponse.json({
          responses: requests.map((r) => {
            const ids = [...decodeURIComponent(r.url).matchAll(/'([^']+)'/g)].map((m) => m[1]);
            return { id: r.id, status: 200, headers: {}, body: { value: ids.map((id) => ({ id, displayName: `P ${id}` })) } };
          }),
        });
      }),
    );
    const { client } = makeClient();
    const ids = Array.from({ length: 700 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const found = await getPeopleByIds(client, ids);
    expect(batches).toBe(3);
    expect(found.size).toBe(700);
  });

  it("says which asked-for people the directory does not have (null), and leaves failed ones out", async () => {
    const known = "00000000-0000-4000-8000-000000000001";
    const gone = "00000000-0000-4000-8000-000000000002";
    server.use(
      http.post(`${GRAPH}/v1.0/$batch`, async ({ request }) => {
        const { requests } = (await request.json()) as { requests: { id: string; url: string }[] };
        return HttpResponse.json({
          responses: requests.map((r) =>
            r.id.startsWith("f")
              ? { id: r.id, status: 200, headers: {}, body: { value: [{ id: known.toUpperCase(), displayName: "Known" }] } }
              : r.url.includes("ana%40")
                ? { id: r.id, status: 404, headers: {}, body: { error: { code: "Request_ResourceNotFound" } } }
                : { id: r.id, status: 429, headers: { "Retry-After": "1" }, body: {} },
          ),
        });
      }),
    );
    const { client } = makeClient();
    const found = await getPeopleByIds(client, [known, gone, "ana@contoso.example", "bo@contoso.example"]);
    expect(found.get(known)?.displayName).toBe("Known");
    expect(found.get(gone)).toBeNull();
    expect(found.get("ana@contoso.example")).toBeNull();
    expect(found.has("bo@contoso.example")).toBe(false);
  });

  it("takes the path below the version from a nextLink", () => {
    expect(pathBelowVersion("https://graph.microsoft.com/v1.0/groups/g/members?$skiptoken=X%27")).toBe("/groups/g/members?$skiptoken=X%27");
  });

  it("chunks lists", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
