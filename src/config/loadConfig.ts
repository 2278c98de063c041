import { ConfigError, parseConfig, type BoardConfig } from "./config";

/** Where the app is served from: config.json and redirect.html sit beside index.html, whatever the base path. */
export function appBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, window.location.href).toString();
}

/** Fetch config.json at start-up so one build deploys anywhere. A missing file means "no tenant": demo mode. */
export async function loadConfig(): Promise<BoardConfig> {
  const base = appBaseUrl();
  const defaults = {
    clientId: import.meta.env.VITE_CLIENT_ID,
    authority: import.meta.env.VITE_AUTHORITY,
    graphBaseUrl: import.meta.env.VITE_GRAPH_BASE_URL,
  };
  let response: Response;
  try {
    response = await fetch(new URL("config.json", base), { cache: "no-store" });
  } catch (error) {
    throw new ConfigError(null, `config.json could not be loaded (${(error as Error).message}).`);
  }
  if (response.status === 404) return parseConfig("{}", base, defaults);
  if (!response.ok) throw new ConfigError(null, `config.json could not be loaded (HTTP ${response.status}).`);
  return parseConfig(await response.text(), base, defaults);
}
