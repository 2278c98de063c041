/**
 * Runtime configuration (`config.json`). A public contract: deployments depend on these field names.
 * Pure: parse + validate + defaults, so every rule is unit-tested without a browser.
 */

export interface BoardConfig {
  /** Entra app registration (SPA). Empty: demo mode. */
  clientId: string;
  authority: string;
  knownAuthorities: string[];
  /** Absolute redirect URI; defaults to `<origin><base>redirect.html`. */
  redirectUri: string;
  /** Host root of Graph, no version segment, no trailing slash. */
  graphBaseUrl: string;
  pollIntervalSeconds: number;
  /** Wall mode: retry sign-in by redirect (with loginHint) when silent renewal is impossible. */
  autoReauth: boolean;
}

export const DEFAULT_AUTHORITY = "https://login.microsoftonline.com/organizations";
export const DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com";
export const DEFAULT_POLL_INTERVAL_SECONDS = 15;
export const MIN_POLL_INTERVAL_SECONDS = 5;

/** A config problem, naming the field so the person deploying knows what to fix. */
export class ConfigError extends Error {
  readonly field: string | null;
  constructor(field: string | null, message: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = "ConfigError";
    this.field = field;
  }
}

export interface ConfigDefaults {
  clientId?: string | undefined;
  authority?: string | undefined;
  graphBaseUrl?: string | undefined;
}

const KNOWN_FIELDS = new Set([
  "clientId",
  "authority",
  "knownAuthorities",
  "redirectUri",
  "graphBaseUrl",
  "pollIntervalSeconds",
  "autoReauth",
]);

function httpsUrl(field: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(field, `"${value}" is not a URL.`);
  }
  if (url.protocol !== "https:") {
    throw new ConfigError(field, `must use https (got "${url.protocol}//"). Microsoft sign-in and Graph only speak https.`);
  }
  return url;
}

function optionalString(raw: Record<string, unknown>, field: string): string | undefined {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ConfigError(field, `must be a string (got ${describe(value)}).`);
  return value.trim();
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Validate the text of config.json. `appBaseUrl` is where the app is served (origin + base path, ending in "/").
 * Throws ConfigError naming the field.
 */
export function parseConfig(text: string, appBaseUrl: string, defaults: ConfigDefaults = {}): BoardConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(null, `config.json is not valid JSON (${(error as Error).message}).`);
  }
  return validateConfig(raw, appBaseUrl, defaults);
}

export function validateConfig(raw: unknown, appBaseUrl: string, defaults: ConfigDefaults = {}): BoardConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError(null, `config.json must hold a JSON object (got ${describe(raw)}).`);
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.has(key) && !key.startsWith("$") && !key.startsWith("_")) {
      throw new ConfigError(key, `is not a known field. Known fields: ${[...KNOWN_FIELDS].join(", ")}.`);
    }
  }

  const clientId = optionalString(record, "clientId") ?? defaults.clientId?.trim() ?? "";
  if (clientId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clientId)) {
    throw new ConfigError("clientId", `must be the Application (client) ID GUID of your app registration (got "${clientId}").`);
  }

  const authorityText = optionalString(record, "authority") || defaults.authority?.trim() || DEFAULT_AUTHORITY;
  const authorityUrl = httpsUrl("authority", authorityText);
  if (authorityUrl.pathname.replace(/\/+$/, "") === "") {
    throw new ConfigError("authority", `needs a tenant segment, e.g. ${DEFAULT_AUTHORITY} or https://login.microsoftonline.com/<tenant id>.`);
  }
  const authority = authorityText.replace(/\/+$/, "");

  let knownAuthorities: string[] = [];
  if (record.knownAuthorities !== undefined && record.knownAuthorities !== null) {
    if (!Array.isArray(record.knownAuthorities) || !record.knownAuthorities.every((v) => typeof v === "string" && v.trim())) {
      throw new ConfigError("knownAuthorities", `must be an array of host names such as ["login.contoso.com"].`);
    }
    knownAuthorities = (record.knownAuthorities as string[]).map((v) => v.trim());
    for (const host of knownAuthorities) {
      if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host)) {
        throw new ConfigError("knownAuthorities", `"${host}" must be host[:port], without https:// or a path.`);
      }
    }
  }

  const redirectText = optionalString(record, "redirectUri");
  let redirectUri: string;
  if (redirectText) {
    let url: URL;
    try {
      url = new URL(redirectText);
    } catch {
      throw new ConfigError("redirectUri", `"${redirectText}" is not an absolute URL.`);
    }
    // Entra allows http only for localhost redirect URIs.
    const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
    if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
      throw new ConfigError("redirectUri", `must use https (http is allowed only for localhost).`);
    }
    redirectUri = url.toString();
  } else {
    redirectUri = new URL("redirect.html", appBaseUrl).toString();
  }

  const graphText = optionalString(record, "graphBaseUrl") || defaults.graphBaseUrl?.trim() || DEFAULT_GRAPH_BASE_URL;
  const graphUrl = httpsUrl("graphBaseUrl", graphText);
  if (/^\/(v1\.0|beta)(\/|$)/.test(graphUrl.pathname)) {
    throw new ConfigError("graphBaseUrl", `is the host root only (e.g. ${DEFAULT_GRAPH_BASE_URL}); the app adds /v1.0 itself.`);
  }
  const graphBaseUrl = graphText.replace(/\/+$/, "");

  let pollIntervalSeconds = DEFAULT_POLL_INTERVAL_SECONDS;
  if (record.pollIntervalSeconds !== undefined && record.pollIntervalSeconds !== null) {
    const value = record.pollIntervalSeconds;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new ConfigError("pollIntervalSeconds", `must be a number of seconds (got ${describe(value)}).`);
    }
    if (value < MIN_POLL_INTERVAL_SECONDS) {
      throw new ConfigError("pollIntervalSeconds", `must be at least ${MIN_POLL_INTERVAL_SECONDS} (got ${value}): Graph throttles the whole tenant.`);
    }
    pollIntervalSeconds = value;
  }

  let autoReauth = false;
  if (record.autoReauth !== undefined && record.autoReauth !== null) {
    if (typeof record.autoReauth !== "boolean") {
      throw new ConfigError("autoReauth", `must be true or false (got ${describe(record.autoReauth)}).`);
    }
    autoReauth = record.autoReauth;
  }

  return { clientId, authority, knownAuthorities, redirectUri, graphBaseUrl, pollIntervalSeconds, autoReauth };
}

export function isDemo(config: BoardConfig, search: string): boolean {
  return !config.clientId || new URLSearchParams(search).has("demo");
}
