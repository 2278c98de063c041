/**
 * Least privilege. Asked up front: read my profile, read presence of others, read basic profiles of others (search,
 * names, photos). Anything else only by incremental consent when the user turns that feature on.
 */
export const BOARD_SCOPES = ["User.Read", "Presence.Read.All", "User.ReadBasic.All"] as const;
/** Needed only to import a group's members. */
export const GROUP_IMPORT_SCOPES = ["GroupMember.Read.All"] as const;

/** National clouds need scopes qualified with their Graph host; bare scopes mean graph.microsoft.com. */
const NATIONAL_GRAPH_HOSTS = new Set(["graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"]);

export function qualifyScopes(graphBaseUrl: string, scopes: readonly string[]): string[] {
  const host = new URL(graphBaseUrl).host;
  return NATIONAL_GRAPH_HOSTS.has(host) ? scopes.map((s) => `https://${host}/${s}`) : [...scopes];
}
