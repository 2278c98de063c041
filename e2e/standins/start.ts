/**
 * Starts the three stand-ins (app host, Entra ID, Graph) in this process. Used by Playwright's global setup and by
 * e2e/standins/serve.mjs for local development.
 */
import { createDemoTenant } from "../../src/demo/tenant";
import type { DemoTenantOptions } from "../../src/demo/contract";
import { createAccountDirectory } from "./accounts";
import { startAppServer } from "./appServer";
import { ensureCertificate } from "./certs";
import { APP_ORIGIN, GRAPH_ORIGIN, IDENTITY_ORIGIN } from "./constants";
import { startGraph, type GraphStandin } from "./graph";
import { startIdentity } from "./identity";
import { createSigningKey } from "./tokens";

export interface StartOptions {
  /** Tenant the Graph stand-in starts with (and returns to on reset). Default { seed: 1, extraPeople: 5000 }. */
  tenant?: DemoTenantOptions;
  /** Serve another build directory than dist/. */
  distDir?: string;
}

export interface Standins {
  urls: { app: string; identity: string; graph: string };
  close(): Promise<void>;
}

export async function startStandins(options: StartOptions = {}): Promise<Standins> {
  const tls = await ensureCertificate();
  const signingKey = await createSigningKey();
  const started: { close(): Promise<void> }[] = [];
  try {
    const graph: GraphStandin = await startGraph({
      tls,
      jwks: signingKey.jwks,
      createTenant: createDemoTenant,
      ...(options.tenant ? { tenantOptions: options.tenant } : {}),
    });
    started.push(graph);
    started.push(await startIdentity({ tls, signingKey, accounts: createAccountDirectory(() => graph.tenant()) }));
    started.push(await startAppServer({ tls, ...(options.distDir ? { distDir: options.distDir } : {}) }));
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  return {
    urls: { app: APP_ORIGIN, identity: IDENTITY_ORIGIN, graph: GRAPH_ORIGIN },
    async close() {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
