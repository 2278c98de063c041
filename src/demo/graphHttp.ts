/**
 * Graph-flavoured HTTP plumbing for the demo tenant: error bodies, OData query options ($select, $top, $skiptoken,
 * $search, $filter, $orderby) and paging. Stateless: a $skiptoken carries its own offset.
 */

/** What Graph sends as Content-Type for JSON (clients must not compare it to "application/json" exactly). */
export const JSON_CONTENT_TYPE =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = "BadRequest"): GraphError => new GraphError(400, code, message);
export const unsupportedQuery = (message: string): GraphError => new GraphError(400, "Request_UnsupportedQuery", message);
export const notFound = (what: string): GraphError =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );

/** Graph's innerError date: UTC, seconds precision, no zone suffix ("2020-08-18T12:51:51"). */
export const graphDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

/** Query options keyed by lower-case name without "$" ("$Top" and "top" are the same option, as in Graph). */
export function parseQuery(url: URL): Map<string, string> {
  const q = new Map<string, string>();
  for (const [k, v] of url.searchParams) {
    let key = k.toLowerCase();
    if (key.startsWith("$")) key = key.slice(1);
    if (q.has(key)) throw badRequest(`Query option '$${key}' was specified more than once, but it must be specified at most once.`);
    q.set(key, v);
  }
  return q;
}

export const isEventual = (headers: Headers): boolean =>
  (headers.get("ConsistencyLevel") ?? "").trim().toLowerCase() === "eventual";

/** Case-insensitive property-name table: lower-case -> canonical. */
export function propTable(names: readonly string[]): Map<string, string> {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}

export function parseSelect(raw: string | undefined, known: Map<string, string>, typeName: string): string[] | null {
  if (raw === undefined) return null;
  const out: string[] = [];
  for (const part of raw.split(",")) {
    const name = part.trim();
    if (name === "") continue;
    const canonical = known.get(name.toLowerCase());
    if (canonical === undefined) {
      throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
    }
    if (!out.includes(canonical)) out.push(canonical);
  }
  return out.length > 0 ? out : null;
}

/** Pick properties; selected-but-unset properties come back as null, like Graph. */
export function project(
  record: Record<string, unknown>,
  select: readonly string[] | null,
  defaults: readonly string[],
  onlyPresent = false,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of select ?? defaults) {
    if (key in record) out[key] = record[key];
    else if (!onlyPresent) out[key] = null;
  }
  return out;
}

export function parseTop(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 999) {
    throw unsupportedQuery(`Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`);
  }
  return n;
}

const TOKEN_PREFIX = "DemoSkip:";

function encodeSkip(offset: number): string {
  return btoa(TOKEN_PREFIX + offset).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeSkip(token: string): number {
  try {
    const s = atob(token.replace(/-/g, "+").replace(/_/g, "/"));
    if (s.startsWith(TOKEN_PREFIX)) {
      const n = Number(s.slice(TOKEN_PREFIX.length));
      if (Number.isInteger(n) && n >= 0) return n;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest("Invalid $skiptoken.", "Request_BadRequest");
}

/** Graph-style query string: "$" kept literal in names, values percent-encoded. */
function queryString(params: readonly (readonly [string, string])[]): string {
  return params.map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, "$")}=${encodeURIComponent(v)}`).join("&");
}

export interface Page<T> {
  items: T[];
  nextLink: string | null;
}

/** Slice one page; the next link is absolute, on the request's own host and path, with every other option kept. */
export function paginate<T>(url: URL, query: Map<string, string>, all: readonly T[], defaultTop = 100): Page<T> {
  const top = parseTop(query.get("top"), defaultTop);
  const skipRaw = query.get("skiptoken");
  const offset = skipRaw === undefined ? 0 : decodeSkip(skipRaw);
  const items = all.slice(offset, offset + top);
  if (offset + top >= all.length) return { items, nextLink: null };
  const kept: [string, string][] = [];
  for (const [k, v] of url.searchParams) {
    if (k.toLowerCase().replace(/^\$/, "") !== "skiptoken") kept.push([k, v]);
  }
  kept.push(["$skiptoken", encodeSkip(offset + top)]);
  return { items, nextLink: `${url.origin}${url.pathname}?${queryString(kept)}` };
}

/** Lower-case word tokens, the way directory $search tokenises displayName. */
export function tokens(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[\s\-_.,;:'"()[\]/\\@&+!?<>=]+/u)
    .filter((t) => t.length > 0);
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

export interface SearchClause {
  prop: string;
  value: string;
}

/** `"displayName:foo" OR "mail:bar"` -> OR of AND-groups of clauses. */
export function parseSearch(raw: string, searchable: Map<string, string>, resource: string): SearchClause[][] {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('"')) {
    const colon = trimmed.indexOf(":");
    if (colon >= 0) {
      throw badRequest(`Syntax error: character ':' is not valid at position ${colon} in '${trimmed}'.`);
    }
    throw unsupportedQuery(`Invalid $search value '${trimmed}': expected "property:value" clauses.`);
  }
  const groups: SearchClause[][] = [[]];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|(AND|OR)\b)\s*/giy;
  let pos = 0;
  while (pos < trimmed.length) {
    re.lastIndex = pos;
    const m = re.exec(trimmed);
    if (!m) throw badRequest(`Syntax error: unexpected character at position ${pos} in '${trimmed}'.`);
    pos = re.lastIndex;
    if (m[2] !== undefined) {
      if (m[2].toUpperCase() === "OR") groups.push([]);
      continue;
    }
    const clause = (m[1] ?? "").replace(/\\(.)/g, "$1");
    const colon = clause.indexOf(":");
    const prop = colon > 0 ? searchable.get(clause.slice(0, colon).trim().toLowerCase()) : undefined;
    if (prop === undefined) {
      throw unsupportedQuery(
        `Unsupported or invalid query filter clause specified for property '${clause.slice(0, Math.max(colon, 0))}' of resource '${resource}'.`,
      );
    }
    groups[groups.length - 1]?.push({ prop, value: clause.slice(colon + 1) });
  }
  return groups.filter((g) => g.length > 0);
}

const TOKENISED = new Set(["displayName", "description"]);

export function matchesSearch(record: Record<string, unknown>, groups: readonly SearchClause[][]): boolean {
  return groups.some((clauses) =>
    clauses.every(({ prop, value }) => {
      const field = str(record[prop]);
      if (TOKENISED.has(prop)) {
        // Every query word must prefix some word of the field ("displayName:jo lind" finds "Johanna Lindqvist").
        const fieldTokens = tokens(field);
        const q = tokens(value);
        return q.length > 0 && q.every((w) => fieldTokens.some((t) => t.startsWith(w)));
      }
      return value.length > 0 && field.toLowerCase().startsWith(value.toLowerCase());
    }),
  );
}

export type FilterClause =
  | { kind: "in"; prop: string; values: string[] }
  | { kind: "eq"; prop: string; value: string }
  | { kind: "startswith"; prop: string; value: string };

const MAX_FILTER_VALUES = 15;

/** Split on a top-level keyword, ignoring anything inside '…' literals. */
function splitOutsideQuotes(s: string, word: RegExp): string[] {
  const parts: string[] = [];
  let inQuote = false;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "'") inQuote = !inQuote; // '' inside a literal toggles twice, which is fine
    if (!inQuote) {
      word.lastIndex = i;
      const m = word.exec(s);
      if (m && m.index === i) {
        parts.push(s.slice(last, i));
        last = i + m[0].length;
        i = last - 1;
      }
    }
  }
  parts.push(s.slice(last));
  return parts;
}

const unquote = (lit: string): string => lit.slice(1, -1).replace(/''/g, "'");

/** The small OData subset the demo understands: `p in ('a','b')`, `p eq 'a'`, `startswith(p,'a')`, joined by `or`. */
export function parseFilter(raw: string, filterable: Map<string, string>): FilterClause[] {
  const clauses: FilterClause[] = [];
  let count = 0;
  const prop = (name: string): string => {
    const p = filterable.get(name.toLowerCase());
    if (p === undefined) throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${name}'.`);
    return p;
  };
  for (const part of splitOutsideQuotes(raw, /\s+or\s+/giy)) {
    let m = /^\s*(\w+)\s+in\s*\((.*)\)\s*$/is.exec(part);
    if (m) {
      const values = (m[2] ?? "").match(/'(?:[^']|'')*'/g)?.map(unquote) ?? [];
      clauses.push({ kind: "in", prop: prop(m[1] ?? ""), values });
      count += values.length;
    } else if ((m = /^\s*(\w+)\s+eq\s+('(?:[^']|'')*')\s*$/is.exec(part))) {
      clauses.push({ kind: "eq", prop: prop(m[1] ?? ""), value: unquote(m[2] ?? "''") });
      count += 1;
    } else if ((m = /^\s*startswith\s*\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)\s*$/is.exec(part))) {
      clauses.push({ kind: "startswith", prop: prop(m[1] ?? ""), value: unquote(m[2] ?? "''") });
      count += 1;
    } else {
      throw unsupportedQuery("Unsupported Query.");
    }
  }
  if (count > MAX_FILTER_VALUES) {
    throw unsupportedQuery(
      `Too many child clauses specified in search filter expression containing 'OR' operators: ${count}. Max allowed: ${MAX_FILTER_VALUES}.`,
    );
  }
  return clauses;
}

/** Directory string comparisons are case-insensitive. */
export function matchesFilter(record: Record<string, unknown>, clauses: readonly FilterClause[]): boolean {
  return clauses.some((c) => {
    const field = str(record[c.prop]).toLowerCase();
    if (c.kind === "in") return c.values.some((v) => v.toLowerCase() === field);
    if (c.kind === "eq") return field === c.value.toLowerCase();
    return field.startsWith(c.value.toLowerCase());
  });
}

/** `$orderby=displayName desc` -> comparator over records. Plain code-unit order so Node and browsers agree. */
export function parseOrderBy(
  raw: string,
  sortable: Map<string, string>,
): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const m = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  const prop = m ? sortable.get((m[1] ?? "").toLowerCase()) : undefined;
  if (!m || prop === undefined) throw unsupportedQuery(`Unsupported $orderby value '${raw}'.`);
  const dir = (m[2] ?? "asc").toLowerCase() === "desc" ? -1 : 1;
  return (a, b) => {
    const x = str(a[prop]).toLowerCase();
    const y = str(b[prop]).toLowerCase();
    return x < y ? -dir : x > y ? dir : 0;
  };
}

/** Base64 of bytes without Buffer (browser and Node). */
export function base64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}
