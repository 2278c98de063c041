import { describe, expect, it } from "vitest";
import errorExample from "./__fixtures__/error-example-1.json";
import throttlingExample from "./__fixtures__/throttling-429-1.json";
import { IDS } from "./people";
import { get, post, shapeOf, tenantAt } from "./testkit";

const WED_NOON = Date.UTC(2025, 2, 12, 11, 0);
const fresh = () => tenantAt(WED_NOON).t;

interface BatchItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}
type BatchAnswer = { responses: BatchItem[] };

const byId = (r: BatchAnswer): Map<string, BatchItem> => new Map(r.responses.map((x) => [x.id, x]));

describe("$batch", () => {
  it("answers 20 requests, matched by id (order not promised), photos base64 with their Content-Type", async () => {
    const t = fresh();
    const ids = t.allUserIds().slice(0, 18);
    const requests = [
      ...ids.map((id, i) => ({ id: String(i + 1), method: "GET", url: `/users/${id}?$select=id,displayName` })),
      { id: "photo", method: "GET", url: `/users/${IDS.olga}/photo/$value` },
      {
        id: "presences",
        method: "POST",
        url: "/communications/getPresencesByUserId",
        headers: { "Content-Type": "application/json" },
        body: { ids: [IDS.olga, IDS.emily] },
      },
    ];
    expect(requests).toHaveLength(20);
    const r = await post<BatchAnswer>(t, "/$batch", { requests });
    expect(r.status).toBe(200);
    expect(r.body.responses).toHaveLength(20);
    const m = byId(r.body);
    ids.forEach((id, i) => {
      const item = m.get(String(i + 1));
      expect(item?.status).toBe(200);
      expect((item?.body as { id: string }).id).toBe(id);
      expect(item?.headers["Content-Type"]).toMatch(/^application\/json/);
    });
    const photo = m.get("photo") as BatchItem;
    expect(photo.headers["Content-Type"]).toBe("image/svg+xml");
    const direct = await (await t.handle(new Request(`https://graph.microsoft.com/v1.0/users/${IDS.olga}/photo/$value`))).text();
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(photo.body as string), (c) => c.charCodeAt(0)));
    expect(decoded).toBe(direct);
    expect((m.get("presences")?.body as { value: unknown[] }).value).toHaveLength(2);
  });

  it("rejects 21 requests, duplicate ids and malformed payloads with a Graph error", async () => {
    const t = fresh();
    const make = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i), method: "GET", url: "/me" }));
    const tooMany = await post(t, "/$batch", { requests: make(21) });
    expect(tooMany.status).toBe(400);
    expect(shapeOf(tooMany.body)).toEqual(shapeOf(errorExample));
    expect((await post(t, "/$batch", { requests: [...make(1), ...make(1)] })).status).toBe(400);
    expect((await post(t, "/$batch", { nope: true })).status).toBe(400);
  });

  it("answers inner errors inside the envelope: 404s, missing Content-Type on writes, absolute URLs", async () => {
    const t = fresh();
    const r = await post<BatchAnswer>(t, "/$batch", {
      requests: [
        { id: "a", method: "GET", url: "/users/00000000-0000-4000-8000-000000000000" },
        { id: "b", method: "POST", url: "/communications/getPresencesByUserId", body: { ids: [IDS.olga] } },
        { id: "c", method: "GET", url: "https://graph.microsoft.com/v1.0/me" },
        { id: "d", method: "GET", url: `users/${IDS.siobhan}/photo/$value` },
        { id: "e", method: "GET", url: "me?$select=id" },
      ],
    });
    const m = byId(r.body);
    expect(m.get("a")?.status).toBe(404);
    expect(shapeOf(m.get("a")?.body)).toEqual(shapeOf(errorExample));
    expect(m.get("b")?.status).toBe(400);
    expect(m.get("c")?.status).toBe(400);
    expect(m.get("d")?.status).toBe(404);
    expect((m.get("d")?.body as typeof errorExample).error.code).toBe("ImageNotFound");
    expect(m.get("e")?.status).toBe(200);
  });

  it("throttles inner requests on their own: inner 429 with Retry-After in the inner headers", async () => {
    const t = fresh();
    t.setFaults({ throttleRate: 0.5, retryAfterSeconds: 3.5 });
    const requests = Array.from({ length: 20 }, (_, i) => ({ id: String(i), method: "GET", url: "/me?$select=id" }));
    let inner429: BatchItem | undefined;
    for (let k = 0; k < 20 && !inner429; k++) {
      const r = await post<BatchAnswer>(t, "/$batch", { requests });
      if (r.status !== 200) continue; // the outer request was throttled this time
      inner429 = r.body.responses.find((x) => x.status === 429);
      expect(r.body.responses.some((x) => x.status === 200)).toBe(true);
    }
    expect(inner429).toBeDefined();
    expect(inner429?.headers["Retry-After"]).toBe("3.5");
    expect(shapeOf(inner429?.body)).toEqual(shapeOf(throttlingExample));
  });
});

describe("faults", () => {
  it("throttleRate 1: every request is 429 with Retry-After '2.128' and the documented throttling body", async () => {
    const t = fresh();
    t.setFaults({ throttleRate: 1 });
    const r = await get(t, "/me");
    expect(r.status).toBe(429);
    expect(r.headers.get("Retry-After")).toBe("2.128");
    expect(shapeOf(r.body)).toEqual(shapeOf(throttlingExample));
    const err = (r.body as typeof throttlingExample).error;
    expect(err.code).toBe("TooManyRequests");
    expect(err.innerError["request-id"]).toBe(r.headers.get("request-id"));
    t.setFaults({ throttleRate: 1, retryAfterSeconds: 7 });
    expect((await get(t, "/me")).headers.get("Retry-After")).toBe("7");
    t.setFaults({});
    expect((await get(t, "/me")).status).toBe(200);
  });

  it("unavailableRate 1: 503 with a Graph error body", async () => {
    const t = fresh();
    t.setFaults({ unavailableRate: 1 });
    const r = await post(t, "/communications/getPresencesByUserId", { ids: [IDS.olga] });
    expect(r.status).toBe(503);
    expect(shapeOf(r.body)).toEqual(shapeOf(errorExample));
  });

  it("partial rates are seeded: same seed, same sequence of outcomes, roughly the asked-for share", async () => {
    const outcomes = async (seed: number) => {
      const { t } = tenantAt(WED_NOON, { seed });
      t.setFaults({ throttleRate: 0.3, unavailableRate: 0.1 });
      const out: number[] = [];
      for (let i = 0; i < 200; i++) out.push((await get(t, "/me?$select=id")).status);
      return out;
    };
    const a = await outcomes(3);
    expect(await outcomes(3)).toEqual(a);
    expect(await outcomes(4)).not.toEqual(a);
    const share = (s: number) => a.filter((x) => x === s).length / a.length;
    expect(share(429)).toBeGreaterThan(0.18);
    expect(share(429)).toBeLessThan(0.42);
    expect(share(503)).toBeGreaterThan(0.02);
    expect(share(200)).toBeGreaterThan(0.45);
  });

  it("latencyMs delays answers", async () => {
    const t = fresh();
    t.setFaults({ latencyMs: 60 });
    const t0 = performance.now();
    expect((await get(t, "/me")).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50);
  });
});
