// TEMPORARY fake DemoTenant used only until src/demo/tenant.ts exists. Delete when switching.
import type { DemoFaults, DemoTenant, DemoTenantOptions } from "../../src/demo/contract";

export function createDemoTenant(options: DemoTenantOptions = {}): DemoTenant {
  const people = new Map<string, Record<string, unknown>>();
  const ids: string[] = [];
  const add = (i: number, name: string) => {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    ids.push(id);
    people.set(id, { id, displayName: name, userPrincipalName: `${name.split(" ")[0]!.toLowerCase()}${i}@contoso.example` });
  };
  add(1, "Adele Vance");
  add(2, "Bianca Pisani");
  add(3, "Cameron White");
  for (let i = 0; i < (options.extraPeople ?? 0); i++) add(100 + i, `Extra Person ${i}`);
  const overrides = new Map<string, Record<string, unknown>>();
  let faults: DemoFaults = {};
  const presence = (id: string) => ({ id, availability: "Available", activity: "Available", ...(overrides.get(id) ?? {}) });
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const notFound = () => json({ error: { code: "Request_ResourceNotFound", message: "not found" } }, 404);
  async function answer(method: string, path: string, body: unknown, meId: string): Promise<Response> {
    let m: RegExpExecArray | null;
    if (path === "/me") return people.has(meId) ? json(people.get(meId)) : notFound();
    if ((m = /^\/users\/([^/]+)$/.exec(path))) return people.has(m[1]!) ? json(people.get(m[1]!)) : notFound();
    if ((m = /^\/users\/([^/]+)\/presence$/.exec(path))) return json(presence(m[1]!));
    if (path === "/communications/getPresencesByUserId" && method === "POST")
      return json({ value: ((body as { ids: string[] }).ids ?? []).map(presence) });
    return notFound();
  }
  const tenant: DemoTenant = {
    async handle(request, context) {
      if (faults.throttleRate && Math.random() < faults.throttleRate)
        return new Response(JSON.stringify({ error: { code: "TooManyRequests" } }), { status: 429, headers: { "Retry-After": String(faults.retryAfterSeconds ?? 2.128) } });
      const url = new URL(request.url);
      const path = url.pathname.replace(/^\/(v1\.0|beta)/, "");
      const meId = context?.meId ?? ids[0]!;
      const body = request.method === "POST" ? await request.json() : undefined;
      if (path === "/$batch") {
        const responses = await Promise.all(
          (body as { requests: { id: string; method: string; url: string; body?: unknown }[] }).requests.map(async (r) => {
            const res = await answer(r.method, r.url.split("?")[0]!, r.body, meId);
            return { id: r.id, status: res.status, headers: {}, body: await res.json() };
          }),
        );
        return json({ responses });
      }
      return answer(request.method, path, body, meId);
    },
    transport: (r) => tenant.handle(r),
    meId: ids[0]!,
    defaultWatchedIds: ids.slice(0, 3),
    allUserIds: () => ids,
    simulatedNow: () => Date.now(),
    overridePresence: (id, p) => (p ? overrides.set(id, p) : overrides.delete(id)),
    patchUser: (id, fields) => {
      const p = people.get(id);
      if (p) Object.assign(p, fields);
    },
    setFaults: (f) => {
      faults = f;
    },
  };
  return tenant;
}
