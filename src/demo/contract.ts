/**
 * The simulated tenant's public contract. One simulator serves two callers:
 * - the browser in demo mode (as the Graph client's transport, see src/graph/transport.ts), and
 * - the HTTPS Graph stand-in used by end-to-end tests and benchmarks (e2e/standins), which checks tokens first.
 */
import type { GraphTransport } from "../graph/transport";

export interface DemoTenantOptions {
  /** Seed for everything random: same seed + same clock = same answers. Default 1. */
  seed?: number;
  /** Milliseconds since epoch of "real" time. Default Date.now. */
  now?: () => number;
  /** Simulated seconds per real second. Default DEFAULT_SPEED. */
  speed?: number;
  /** Simulated time at which the simulation starts; default: the real now() at creation. */
  startAt?: number;
  /** Extra generated people beyond the ~30 hand-written ones (for 700/5,000-person boards). Default 0. */
  extraPeople?: number;
}

/** Patches used by tests and benchmarks to force a state; raw objects so tests can send malformed values. */
export interface DemoKnobs {
  /** Replace (merge over) what the simulator says for this person's presence; null clears the override. */
  overridePresence(userId: string, presence: Record<string, unknown> | null): void;
  /** Merge fields into a person's directory record (displayName, jobTitle, mail…), raw values allowed. */
  patchUser(userId: string, fields: Record<string, unknown>): void;
  /** Fault modes for demonstrating resilience. */
  setFaults(faults: DemoFaults): void;
}

export interface DemoFaults {
  /** Fraction (0..1) of requests answered 429 with Retry-After. */
  throttleRate?: number;
  /** Retry-After seconds sent with a 429 (decimals allowed). Default 2.128. */
  retryAfterSeconds?: number;
  /** Fraction (0..1) of requests answered 503. */
  unavailableRate?: number;
  /** Added latency in milliseconds. */
  latencyMs?: number;
}

export interface DemoTenant extends DemoKnobs {
  /** Answer one Graph request (absolute URL under any host, `/v1.0/…` or `/beta/…`). `meId`: whose `/me` it is. */
  handle(request: Request, context?: { meId?: string }): Promise<Response>;
  /** Bound transport for the Graph client: `/me` is the demo's signed-in person. */
  transport: GraphTransport;
  /** The demo's signed-in person (the team lead) and the default watched list. */
  meId: string;
  defaultWatchedIds: readonly string[];
  /** Every person's id, hand-written ones first. */
  allUserIds(): readonly string[];
  /** Current simulated time (ms since epoch). */
  simulatedNow(): number;
}
