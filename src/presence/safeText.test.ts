import { describe, it, expect } from "vitest";
import { decodeEntities, htmlToText, looksLikeHtml, normalizePlainText, sanitizeInline } from "./safeText";

// Shaped like what Outlook stores for an automatic reply (Word-generated HTML).
const OUTLOOK_REPLY = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<title>Automatic reply</title>
<!--[if !mso]><style>v\\:* {behavior:url(#default#VML);}</style><![endif]-->
<style><!--
/* Font Definitions */
@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
a:link {color:#0563C1; text-decoration:underline;}
--></style>
<!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]-->
</head>
<body lang="EN-US" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
<p class="MsoNormal">Hello,<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">I&#8217;m out of the office until <b>Monday, 14&nbsp;October</b> with limited access to e-mail.<o:p></o:p></p>
<p class="MsoNormal">For urgent matters please contact <a href="mailto:kim@contoso.com">Kim&nbsp;Lee</a> &amp; the service desk (ext.&nbsp;4711).<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Best regards,<br>
Sam<o:p></o:p></p>
</div>
</body>
</html>`;

describe("htmlToText", () => {
  it("turns an Outlook automatic reply into readable lines", () => {
    expect(htmlToText(OUTLOOK_REPLY)).toBe(
      [
        "Hello,",
        "",
        "I’m out of the office until Monday, 14 October with limited access to e-mail.",
        "For urgent matters please contact Kim Lee & the service desk (ext. 4711).",
        "",
        "Best regards,",
        "Sam",
      ].join("\n"),
    );
  });

  it("drops script, style, title, template, noscript and iframe contents, and comments", () => {
    const html =
      "<title>T</title><style>.x{content:'STYLE'}</style>A<script>document.write('SCRIPT')</script>B" +
      "<SCRIPT type=text/javascript>var x = '</scr' + 'ipt>'; alert('X')</SCRIPT >C<!-- comment <b>D</b> -->E" +
      "<template><p>TEMPLATE</p></template><noscript>NOSCRIPT</noscript><iframe src=x>IFRAME</iframe>F";
    expect(htmlToText(html)).toBe("ABCEF");
  });

  it("never yields attribute text (onerror, href, style)", () => {
    const out = htmlToText(`<img src=x onerror=alert(1)><a href="javascript:alert('x')" title='a > b'>link</a><p style="x">ok</p>`);
    expect(out).toBe("link\nok");
    expect(out).not.toContain("onerror");
    expect(out).not.toContain("alert");
    expect(htmlToText("<img src=x onerror=alert(1)>")).toBe("");
  });

  it("decodes named, numeric and hex entities; unknown ones stay literal", () => {
    expect(htmlToText("a&nbsp;b &amp; c &lt;tag&gt; &quot;q&quot; &apos;s&#39; &#8364;&#x20AC; &hellip;&mdash;&eacute;&Uuml;")).toBe(
      `a b & c <tag> "q" 's' €€ …—éÜ`,
    );
    expect(htmlToText("&bogus; &amp &copy 5&lt3")).toBe("&bogus; & © 5<3");
    expect(htmlToText("&#0; &#xD800; &#x110000; &#150;")).toBe("\uFFFD \uFFFD \uFFFD –");
  });

  it("decoded '<' is text, never markup", () => {
    expect(htmlToText("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<script>alert(1)</script>");
  });

  it("'<' in text and unterminated tags", () => {
    expect(htmlToText("a < b and 3<4 <3")).toBe("a < b and 3<4 <3");
    expect(htmlToText("before <b unterminated")).toBe("before");
    expect(htmlToText('x <a title="never closed>y')).toBe("x");
    expect(htmlToText("x <!-- never closed")).toBe("x");
    expect(htmlToText("x <style> never closed")).toBe("x");
    expect(htmlToText("x </ y> z")).toBe("x z");
  });

  it("a <head> without end still shows the body; a missing </head> before <body> is fine", () => {
    expect(htmlToText("<html><head><meta charset=utf-8><body><p>Body text</p>")).toBe("Body text");
    expect(htmlToText("<head><title>t</title>Visible")).toBe("Visible");
  });

  it("collapses whitespace, keeps line structure for blocks, br, lists and tables", () => {
    expect(htmlToText("  a \n\t b  <div>c</div><div><div>d</div></div>e<br>f<br><br><br><br>g")).toBe("a b\nc\nd\ne\nf\n\ng");
    expect(htmlToText("<ul><li>one</li><li>two</li></ul><table><tr><td>x</td><td>y</td></tr></table>")).toBe("• one\n• two\nx y");
    expect(htmlToText("<pre>keep\nlines</pre>")).toBe("keep\nlines");
  });

  it("removes bidi overrides and control characters but keeps RTL text", () => {
    expect(htmlToText("<p>\u202Eevil\u202C שלום &#x202E;x\u0000y</p>")).toBe("evil שלום xy");
  });

  it("truncates to maxLength with an ellipsis, without splitting surrogate pairs", () => {
    expect(htmlToText("<p>abcdefghij</p>", 5)).toBe("abcd…");
    const emoji = htmlToText("😀😀😀😀", 4);
    expect(emoji).toBe("😀…");
    expect(htmlToText("short", 100)).toBe("short");
  });

  it("handles 100 KB and adversarial inputs in linear time", () => {
    const big = OUTLOOK_REPLY.repeat(Math.ceil(100_000 / OUTLOOK_REPLY.length));
    const adversarial = [
      "<".repeat(100_000),
      "<a".repeat(50_000),
      "<head>".repeat(20_000),
      "<style>".repeat(15_000),
      "&".repeat(100_000),
      "&#".repeat(50_000) + "1",
      '<a b="'.repeat(20_000),
      "<a " + "'".repeat(100_000) + ">",
      "<p>" + "x ".repeat(50_000),
      "<!--".repeat(25_000),
    ];
    const started = performance.now();
    expect(htmlToText(big).length).toBeGreaterThan(1000);
    for (const input of adversarial) htmlToText(input);
    // Generous bound for slow CI machines; a quadratic scan of these inputs takes many seconds.
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("with a limit, stops early on huge inputs", () => {
    const huge = "<p>word</p>".repeat(200_000); // 2.2 MB
    const started = performance.now();
    expect(htmlToText(huge, 50).length).toBe(50);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("decodeEntities", () => {
  it("leaves text without '&' untouched", () => {
    expect(decodeEntities("plain")).toBe("plain");
  });
  it("is case-sensitive like HTML", () => {
    expect(decodeEntities("&Auml;&auml;&AMP;&Amp;")).toBe("Ää&&Amp;");
  });
});

describe("sanitizeInline / normalizePlainText", () => {
  it("one line, no controls or bidi overrides, RTL and emoji intact", () => {
    expect(sanitizeInline("  In a\r\nmeeting\t\u2066 now \u202E\u200F מחר 👩‍💻 ")).toBe("In a meeting now \u200F מחר 👩‍💻");
  });
  it("caps length", () => {
    expect(sanitizeInline("abcdef", 3)).toBe("ab…");
  });
  it("plain text keeps line breaks (at most one blank line) and '<' literally", () => {
    expect(normalizePlainText("a<b>\r\n\r\n\r\n  c  \u2028d")).toBe("a<b>\n\nc\nd");
  });
});

describe("looksLikeHtml", () => {
  it("spots markup, not comparisons", () => {
    expect(looksLikeHtml("<p>x</p>")).toBe(true);
    expect(looksLikeHtml("<html><body>x")).toBe(true);
    expect(looksLikeHtml("a<br/>b")).toBe(true);
    expect(looksLikeHtml("Tom &amp; Jerry")).toBe(true);
    expect(looksLikeHtml("I <3 Mondays, 2 < 3 > 1")).toBe(false);
    expect(looksLikeHtml("Tom & Jerry")).toBe(false);
  });
});
