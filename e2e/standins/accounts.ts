/**
 * The identity stand-in's user accounts are the simulated tenant's people, read through the tenant's own Graph
 * answers so names and UPNs match what the board shows. Re-read whenever the Graph stand-in recreates its tenant.
 */
import type { DemoTenant } from "../../src/demo/contract";

export interface Account {
  /** Object id (`oid`), the person's Graph id. */
  id: string;
  displayName: string;
  /** `preferred_username`. */
  userPrincipalName: string;
}

export interface AccountDirectory {
  /** The account `autoApprove` signs in by default: the tenant's `meId`. */
  defaultUserId(): string;
  /** The first `limit` people (hand-written ones first) for the account picker. */
  list(limit: number): Promise<Account[]>;
  /** By object id or UPN (case-insensitive), as `login_hint` carries either. */
  find(idOrUpn: string): Promise<Account | null>;
}

export function createAccountDirectory(currentTenant: () => DemoTenant): AccountDirectory {
  const byTenant = new WeakMap<DemoTenant, { byId: Map<string, Account>; byUpn: Map<string, Account> | null }>();

  const cacheFor = (tenant: DemoTenant) => {
    let cache = byTenant.get(tenant);
    if (!cache) {
      cache = { byId: new Map(), byUpn: null };
      byTenant.set(tenant, cache);
    }
    return cache;
  };

  async function load(tenant: DemoTenant, id: string): Promise<Account | null> {
    const cache = cacheFor(tenant);
    const cached = cache.byId.get(id);
    if (cached) return cached;
    const url = `https://graph.microsoft.com/v1.0/users/${encodeURIComponent(id)}?$select=id,displayName,userPrincipalName,mail`;
    const response = await tenant.handle(new Request(url), { meId: tenant.meId });
    if (!response.ok) return null;
    const user = (await response.json()) as Record<string, unknown>;
    const upn = typeof user.userPrincipalName === "string" ? user.userPrincipalName : typeof user.mail === "string" ? user.mail : id;
    const account: Account = {
      id: typeof user.id === "string" ? user.id : id,
      displayName: typeof user.displayName === "string" ? user.displayName : upn,
      userPrincipalName: upn,
    };
    cache.byId.set(account.id, account);
    return account;
  }

  return {
    defaultUserId: () => currentTenant().meId,
    async list(limit) {
      const tenant = currentTenant();
      const accounts = await Promise.all(tenant.allUserIds().slice(0, limit).map((id) => load(tenant, id)));
      return accounts.filter((a): a is Account => a !== null);
    },
    async find(idOrUpn) {
      const tenant = currentTenant();
      const hint = idOrUpn.trim().toLowerCase();
      const ids = tenant.allUserIds();
      const exact = ids.find((id) => id.toLowerCase() === hint);
      if (exact) return load(tenant, exact);
      // Hints nearly always name a hand-written person (listed first): avoid indexing thousands of generated ones.
      const early = (await Promise.all(ids.slice(0, 64).map((id) => load(tenant, id)))).find(
        (a) => a?.userPrincipalName.toLowerCase() === hint,
      );
      if (early) return early;
      const cache = cacheFor(tenant);
      if (!cache.byUpn) {
        // UPN lookups are rare (login_hint); index the whole directory once per tenant.
        const all = await Promise.all(ids.map((id) => load(tenant, id)));
        cache.byUpn = new Map(all.filter((a): a is Account => a !== null).map((a) => [a.userPrincipalName.toLowerCase(), a]));
      }
      return cache.byUpn.get(hint) ?? null;
    },
  };
}
