/**
 * Untrusted text from Graph (status messages, Outlook automatic replies) turned into plain, display-safe text.
 *
 * Output is always rendered as React text, never as HTML, so this only has to EXTRACT text: a single forward
 * scan (linear time, no regex backtracking on attacker-sized input, no DOM, so it runs the same in the browser,
 * in Node and in a worker). Nothing is ever executed or fetched: tags and attributes are skipped, not parsed
 * into anything.
 */

// Elements whose content is never readable text (raw-text elements, metadata, fallbacks for disabled features).
const DROP_CONTENT = new Set(["script", "style", "title", "template", "noscript", "iframe", "noembed", "noframes", "xmp"]);

// Elements that start a new line, the way a browser would lay them out.
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
  "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
  "tr", "ul", "caption",
]);

// Named entities: the HTML basics, all of Latin-1 (common in European automatic replies) and typographic ones.
const LATIN1_NAMES =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute " +
  "micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig " +
  "Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash " +
  "Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc " +
  "euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml " +
  "yacute thorn yuml";

const NAMED: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>([
    ["amp", "&"], ["lt", "<"], ["gt", ">"], ["quot", '"'], ["apos", "'"],
    ["AMP", "&"], ["LT", "<"], ["GT", ">"], ["QUOT", '"'], ["COPY", "©"], ["REG", "®"],
    ["ensp", "\u2002"], ["emsp", "\u2003"], ["thinsp", "\u2009"], ["zwnj", "\u200C"], ["zwj", "\u200D"],
    ["lrm", "\u200E"], ["rlm", "\u200F"], ["ndash", "–"], ["mdash", "—"], ["lsquo", "‘"], ["rsquo", "’"],
    ["sbquo", "‚"], ["ldquo", "“"], ["rdquo", "”"], ["bdquo", "„"], ["lsaquo", "‹"], ["rsaquo", "›"],
    ["dagger", "†"], ["Dagger", "‡"], ["bull", "•"], ["hellip", "…"], ["permil", "‰"], ["prime", "′"],
    ["Prime", "″"], ["euro", "€"], ["trade", "™"], ["larr", "←"], ["rarr", "→"], ["uarr", "↑"], ["darr", "↓"],
    ["harr", "↔"], ["minus", "−"], ["OElig", "Œ"], ["oelig", "œ"], ["Scaron", "Š"], ["scaron", "š"],
    ["Yuml", "Ÿ"], ["fnof", "ƒ"], ["circ", "ˆ"], ["tilde", "˜"], ["check", "✓"], ["star", "☆"],
  ]);
  LATIN1_NAMES.split(" ").forEach((name, i) => map.set(name, String.fromCharCode(0xa0 + i)));
  return map;
})();

// Browsers also decode these without the ";" (legacy); anything else needs it.
const LEGACY_NO_SEMICOLON = new Set([...LATIN1_NAMES.split(" "), "amp", "lt", "gt", "quot", "AMP", "LT", "GT", "QUOT", "COPY", "REG"]);

// HTML maps numeric references 0x80-0x9F to windows-1252 (Outlook content really contains &#150; and friends).
const WIN1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

const ENTITY = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9]{1,31})(;?)/g;

function decodeNumeric(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(WIN1252[code] ?? code);
}

/** Decode character references in a text run (each match is bounded, so this stays linear). */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (whole, body: string, semicolon: string) => {
    if (body.startsWith("#")) {
      const hex = body[1] === "x" || body[1] === "X";
      return decodeNumeric(Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    const value = NAMED.get(body);
    if (value !== undefined && (semicolon || LEGACY_NO_SEMICOLON.has(body))) return value;
    // Like browsers: a legacy name may be a prefix of what follows ("&lt3" is "<3", "&copy2024" is "©2024").
    for (let len = Math.min(body.length - 1, 6); len >= 2; len--) {
      const prefix = body.slice(0, len);
      if (LEGACY_NO_SEMICOLON.has(prefix)) return (NAMED.get(prefix) ?? "") + body.slice(len) + semicolon;
    }
    return whole;
  });
}

// C0/C1 controls (except tab/newline handled separately), bidi embeddings/overrides/isolates, BOM, interlinear
// annotations and the object replacement character: they can reorder or hide the surrounding layout.
// LRM/RLM/ALM and ZWJ/ZWNJ stay: they are legitimate in RTL text and emoji.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFC]/g;
const LINE_SEPARATORS = /\r\n?|[\u2028\u2029\u0085]/g;

function truncate(text: string, maxLength: number | undefined): string {
  if (maxLength === undefined || !(maxLength >= 1) || text.length <= maxLength) return text;
  let cut = Math.floor(maxLength) - 1;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut).trimEnd() + "…";
}

/** Tidy multi-line text: safe characters only, spaces collapsed per line, at most one blank line in a row. */
function tidyLines(text: string): string {
  const lines = text.replace(LINE_SEPARATORS, "\n").replace(/\t/g, " ").replace(UNSAFE, "").split("\n");
  const out: string[] = [];
  let blank = 0;
  for (const raw of lines) {
    const line = raw.replace(/[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g, " ").trim();
    if (line === "") {
      blank += 1;
      continue;
    }
    if (out.length > 0 && blank > 0) out.push("");
    blank = 0;
    out.push(line);
  }
  return out.join("\n");
}

/** One line of text for a label or tile: no controls, no bidi overrides, whitespace collapsed. RTL text stays. */
export function sanitizeInline(text: string, maxLength?: number): string {
  return truncate(tidyLines(text).replace(/\n+/g, " "), maxLength);
}

/** Plain (non-HTML) text that may span lines, e.g. a status message with contentType "text". */
export function normalizePlainText(text: string, maxLength?: number): string {
  return truncate(tidyLines(text), maxLength);
}

/** Heuristic for fields that carry no content type (automatic replies): does this look like markup? */
export function looksLikeHtml(text: string): boolean {
  return /<(?:[a-zA-Z][a-zA-Z0-9:-]*[\s/>]|\/[a-zA-Z]|!--|!doctype)/i.test(text) || /&(?:#\d+|#x[0-9a-f]+|[a-z]{2,8});/i.test(text);
}

const NAME_CHAR = /[A-Za-z0-9:_-]/;

/** Index just past the `>` that ends a tag whose attributes start at `from`, honouring quotes; -1 if none. */
function endOfTag(html: string, from: number): number {
  let quote = "";
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      // Quotes only open at the start of an attribute value (after "="), as in the HTML tokenizer.
      let j = i - 1;
      while (j >= from && /\s/.test(html[j] ?? "")) j--;
      if (html[j] === "=") quote = c;
    } else if (c === ">") {
      return i + 1;
    }
  }
  return -1;
}

/**
 * HTML (possibly a whole Outlook document) to readable plain text: block elements become line breaks, `<li>`
 * becomes "• ", style/script/head contents and comments are dropped, entities decoded, whitespace collapsed.
 * Unterminated tags and comments swallow the rest of the input, as they do in a browser.
 */
export function htmlToText(html: string, maxLength?: number): string {
  const out: string[] = [];
  let visible = 0;
  // Stop early once far more text than can be shown was produced: bounded work for huge inputs with a limit.
  const budget = maxLength !== undefined && maxLength >= 1 ? maxLength * 2 + 256 : Infinity;
  let preDepth = 0;
  let headUnterminated = false;
  let i = 0;
  const n = html.length;

  // Block boundaries only end a line that has content (like innerText), so "</p><p>" is one line break while an
  // Outlook blank line (<p>&nbsp;</p>) or "<br><br>" still gives an empty line.
  let atLineStart = true;
  const pushText = (raw: string) => {
    if (!raw) return;
    const text = decodeEntities(preDepth > 0 ? raw : raw.replace(/[ \t\n\r\f]+/g, " "));
    out.push(text);
    visible += text.length;
    if (/[^ \t\n\r\f]/.test(text)) atLineStart = false;
  };
  const lineBreak = () => {
    out.push("\n");
    atLineStart = true;
  };
  const blockBreak = () => {
    if (!atLineStart) lineBreak();
  };

  while (i < n && visible <= budget) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      pushText(html.slice(i));
      break;
    }
    pushText(html.slice(i, lt));
    i = lt;
    const next = html[i + 1] ?? "";

    if (html.startsWith("<!--", i)) {
      const close = html.indexOf("-->", i + 4);
      i = close === -1 ? n : close + 3;
      continue;
    }
    if (next === "!" || next === "?") {
      // Doctype, CDATA, Outlook's <![if …]> and processing instructions: bogus comments up to the next ">".
      const close = html.indexOf(">", i + 2);
      i = close === -1 ? n : close + 1;
      continue;
    }
    const closing = next === "/";
    const nameStart = i + (closing ? 2 : 1);
    if (!/[A-Za-z]/.test(html[nameStart] ?? "")) {
      if (closing) {
        // "</ >" or "</3": a bogus comment in HTML, not text.
        const close = html.indexOf(">", nameStart);
        i = close === -1 ? n : close + 1;
      } else {
        // "<" not followed by a letter ("a < b", "<3") is plain text.
        pushText("<");
        i += 1;
      }
      continue;
    }
    let nameEnd = nameStart;
    while (nameEnd < n && NAME_CHAR.test(html[nameEnd] ?? "")) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const tagEnd = endOfTag(html, nameEnd);
    if (tagEnd === -1) break; // EOF inside a tag: the browser drops it, so do we.
    i = tagEnd;

    if (closing) {
      if (name === "pre" && preDepth > 0) preDepth--;
      if (BLOCK.has(name)) blockBreak();
      else if (name === "td" || name === "th") out.push(" ");
      continue;
    }
    if (name === "head" && !headUnterminated) {
      // Outlook's <head> holds <meta>, <style> and conditional comments. Skip to </head> or <body>; a <head>
      // that never ends is not skipped (its style/script/title are dropped on their own anyway).
      const headEnd = /<\/head(?=[\s/>])|<body(?=[\s/>])/gi;
      headEnd.lastIndex = i;
      const found = headEnd.exec(html);
      if (found) i = found.index;
      else headUnterminated = true; // remembered, so a flood of <head> tags cannot make this quadratic
      continue;
    }
    if (DROP_CONTENT.has(name)) {
      // Skip to the matching end tag (case-insensitive search from here on; linear).
      const endTag = new RegExp(`</${name}(?=[\\s/>])`, "ig");
      endTag.lastIndex = i;
      const found = endTag.exec(html);
      if (!found) break; // Unterminated raw text runs to EOF in a browser too.
      const close = endOfTag(html, found.index + 2 + name.length);
      i = close === -1 ? n : close;
      continue;
    }
    if (name === "br") lineBreak();
    else if (name === "li") {
      blockBreak();
      out.push("• ");
    } else if (BLOCK.has(name)) blockBreak();
    else if (name === "td" || name === "th") out.push(" ");
    if (name === "pre") preDepth++;
  }

  return truncate(tidyLines(out.join("")), maxLength);
}
