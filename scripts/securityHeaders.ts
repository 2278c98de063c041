/**
 * Header files for common static hosts, generated from config.json at build time (and again by `npm run csp` after
 * editing dist/config.json). Netlify and Cloudflare Pages read `_headers`; Azure Static Web Apps reads
 * `staticwebapp.config.json`; nginx, Apache and IIS lines are printed for copying (see README).
 */
import { contentSecurityPolicy, SECURITY_HEADERS, type CspInput } from "../src/config/csp";

export function readCspInput(configText: string): CspInput {
  try {
    const raw = JSON.parse(configText) as Record<string, unknown>;
    return {
      authority: typeof raw.authority === "string" && raw.authority ? raw.authority : undefined,
      knownAuthorities: Array.isArray(raw.knownAuthorities) ? raw.knownAuthorities.filter((h): h is string => typeof h === "string") : undefined,
      graphBaseUrl: typeof raw.graphBaseUrl === "string" && raw.graphBaseUrl ? raw.graphBaseUrl : undefined,
    };
  } catch {
    return {};
  }
}

export function headerFiles(input: CspInput): Record<string, string> {
  const headers = { "Content-Security-Policy": contentSecurityPolicy(input), ...SECURITY_HEADERS };
  const netlify = `/*\n${Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`).join("\n")}\n/config.json\n  Cache-Control: no-cache\n/index.html\n  Cache-Control: no-cache\n`;
  const azure = JSON.stringify(
    {
      globalHeaders: headers,
      navigationFallback: { rewrite: "/index.html", exclude: ["/assets/*", "/*.json", "/redirect.html"] },
      routes: [{ route: "/config.json", headers: { "Cache-Control": "no-cache" } }],
    },
    null,
    2,
  );
  return { _headers: netlify, "staticwebapp.config.json": `${azure}\n` };
}

export function headerLines(input: CspInput): string {
  const headers = { "Content-Security-Policy": contentSecurityPolicy(input), ...SECURITY_HEADERS };
  const nginx = Object.entries(headers).map(([k, v]) => `add_header ${k} "${v}" always;`).join("\n");
  const apache = Object.entries(headers).map(([k, v]) => `Header always set ${k} "${v}"`).join("\n");
  const iis = Object.entries(headers).map(([k, v]) => `<add name="${k}" value="${v}" />`).join("\n");
  return `# nginx (server block)\n${nginx}\n\n# Apache (.htaccess)\n${apache}\n\n# IIS (web.config, system.webServer/httpProtocol/customHeaders)\n${iis}\n`;
}
