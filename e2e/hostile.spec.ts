/**
 * Every text the board shows comes from Graph, i.e. from anyone in the tenant: names, job titles, mail addresses,
 * status messages (HTML or text) and automatic replies. Hostile values must show as text (or be reduced to their
 * text), never run, never open anything, never break the layout or another person's tile.
 *
 * One board carries every row of the table at once (four people per row plus a control person), so the whole table
 * costs one sign-in; every assertion names its row.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { knobs } from "./standins/knobs";
import { collectCspViolations, freshStart, signIn, tile } from "./helpers";

test.beforeEach(freshStart);

interface Row {
  name: string;
  /** The hostile value; `$M` is replaced by a per-row marker (a global the payload would set if it ever ran). */
  value: string | null;
  /** What a plain-text field (name, job title, text status message) must show: a snippet, or null for "nothing". */
  asText: string | null;
  /** What an HTML field (HTML status message, automatic reply) must show once reduced to text, or null for nothing. */
  asHtml: string | null;
  /** Characters that must never reach the screen. */
  never?: RegExp;
  /** Presence values for this row's presence people (default Available/Available). */
  presence?: Record<string, unknown>;
  /** data-state expected on the status-message tiles (default "available"). */
  state?: string;
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Half of a surrogate pair without its other half: the browser draws it as a replacement character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";
const EMOJI = ["😀", "👩‍💻", "🇸🇪", "👍🏽", "❤️"];

const ROWS: Row[] = [
  { name: "img onerror", value: `<img src=x onerror="window.$M=1">`, asText: `<img src=x onerror="window.$M=1">`, asHtml: null },
  { name: "script element", value: `<script>window.$M=1</script>`, asText: `<script>window.$M=1</script>`, asHtml: null },
  { name: "attribute break-out", value: `"><svg onload=window.$M=1>`, asText: `"><svg onload=window.$M=1>`, asHtml: `">` },
  {
    name: "javascript: link",
    value: `<a href="javascript:window.$M=1">Open me</a> javascript:window.$M=1`,
    asText: `<a href="javascript:window.$M=1">Open me</a> javascript:window.$M=1`,
    asHtml: "Open me javascript:window.$M=1",
  },
  {
    name: "100 KB message",
    value: "W".repeat(20_000) + " " + LOREM.repeat(Math.ceil(80_000 / LOREM.length)),
    asText: "W".repeat(60),
    asHtml: "W".repeat(60),
  },
  { name: "3,000 emoji", value: Array.from({ length: 3_000 }, (_, i) => EMOJI[i % EMOJI.length]).join(""), asText: EMOJI.join(""), asHtml: EMOJI.join("") },
  {
    name: "right-to-left with bidi overrides",
    value: "\u202Eexe.gnp\u202C مرحبا بالعالم \u2067שלום עולם\u2069",
    asText: "مرحبا بالعالم",
    asHtml: "שלום עולם",
    never: BIDI_CONTROLS,
  },
  { name: "zero-width characters", value: "Z\u200Be\u200Cr\u200Do\u2060 \uFEFFwidth", asText: "Zero width", asHtml: "Zero width" },
  { name: "only zero-width characters", value: "\u200B\u200C\u200D\u2060\uFEFF", asText: null, asHtml: null },
  { name: "null", value: null, asText: null, asHtml: null },
  {
    name: "unknown enum values",
    value: "inAQuantumMeeting",
    asText: "inAQuantumMeeting",
    asHtml: "inAQuantumMeeting",
    presence: { availability: "inAQuantumMeeting", activity: "inAQuantumMeeting", workLocation: { workLocationType: "inAQuantumMeeting" } },
    state: "unknown",
  },
];

const marker = (i: number) => `__pwned_${i}`;
const withMarker = (text: string, i: number) => text.replaceAll("$M", marker(i));

/** Visible text of an element, zero-width characters removed (they are invisible by design). */
async function visibleText(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(ZERO_WIDTH, "");
}

async function pwnedMarkers(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window).filter((k) => k.startsWith("__pwned")));
}

test("hostile text from Graph shows as text, runs nothing, and stays inside its tile", async ({ page }) => {
  test.setTimeout(60_000);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const csp = collectCspViolations(page);

  const tenant = await knobs.graph.tenant();
  const team = new Set([tenant.meId, ...tenant.defaultWatchedIds]);
  const pool = tenant.allUserIds.slice(40).filter((id) => !team.has(id));
  const control = pool[0]!;
  const people = ROWS.map((_, i) => ({ directory: pool[1 + 4 * i]!, html: pool[2 + 4 * i]!, text: pool[3 + 4 * i]!, ooo: pool[4 + 4 * i]! }));

  await knobs.graph.patchUser(control, { displayName: "Control Person", jobTitle: "Control title" });
  await knobs.graph.overridePresence(control, { availability: "Available", activity: "Available", statusMessage: { message: { content: "All good", contentType: "text" } } });
  await Promise.all(
    ROWS.flatMap((row, i) => {
      const value = row.value === null ? null : withMarker(row.value, i);
      const p = people[i]!;
      const presence = row.presence ?? { availability: "Available", activity: "Available" };
      const contentType = row.name === "unknown enum values" ? "inAQuantumMeeting" : undefined;
      return [
        knobs.graph.patchUser(p.directory, { displayName: value, jobTitle: value, mail: value }),
        knobs.graph.overridePresence(p.html, { ...presence, statusMessage: { message: { content: value, contentType: contentType ?? "html" } } }),
        knobs.graph.overridePresence(p.text, { ...presence, statusMessage: { message: { content: value, contentType: contentType ?? "text" } } }),
        knobs.graph.overridePresence(p.ooo, { ...presence, outOfOfficeSettings: { isOutOfOffice: true, message: value } }),
      ];
    }),
  );

  const ids = [control, ...people.flatMap((p) => [p.directory, p.html, p.text, p.ooo])];
  const title = `<img src=x onerror="window.__pwned_title=1">`;
  await signIn(page, `/?users=${ids.join(",")}&title=${encodeURIComponent(title)}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.locator("li.tile")).toHaveCount(ids.length, { timeout: 15_000 });
  await expect(page.locator('li.tile[data-state="pending"]')).toHaveCount(0, { timeout: 15_000 });
  // Names arrive from the directory ($batch) independently of presence.
  await expect(page.locator("li.tile .tile-name", { hasText: "Loading…" })).toHaveCount(0, { timeout: 15_000 });

  // The control person is exactly as set: hostile neighbours change nothing for them.
  const controlTile = tile(page, control);
  await expect(controlTile.locator(".tile-name")).toHaveText("Control Person");
  await expect(controlTile.locator(".tile-title")).toHaveText("Control title");
  await expect(controlTile).toHaveAttribute("data-state", "available");
  await expect(controlTile.locator(".tile-message")).toHaveText("Status message: All good");
  const controlBox = (await controlTile.boundingBox())!;

  for (const [i, row] of ROWS.entries()) {
    await test.step(row.name, async () => {
      const p = people[i]!;
      // Compared the way the eye reads them: without zero-width characters.
      const text = row.asText === null ? null : withMarker(row.asText, i).replace(ZERO_WIDTH, "");
      const html = row.asHtml === null ? null : withMarker(row.asHtml, i).replace(ZERO_WIDTH, "");
      const label = (what: string) => `${row.name}: ${what}`;

      // Name and job title: shown as text; a missing or invisible name falls back to something readable.
      const directory = tile(page, p.directory);
      const name = await visibleText(directory.locator(".tile-name"));
      if (text !== null) expect(name, label("name")).toContain(text.slice(0, 200));
      expect(name.trim(), label("name is readable")).not.toBe("");
      expect(name, label("name")).not.toMatch(/^(null|undefined|Loading…)$/);
      if (text !== null) expect(await visibleText(directory.locator(".tile-title")), label("job title")).toContain(text.slice(0, 100));
      else if (await directory.locator(".tile-title").count()) expect((await visibleText(directory.locator(".tile-title"))).trim(), label("no job title")).toBe("");
      // Links built from the address stay Teams links, whatever the mail field says.
      for (const href of await directory.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
        expect(href, label("link")).toMatch(/^https:\/\/teams\.microsoft\.com\//);
      }

      // Status messages: HTML reduced to its text, plain text shown as is.
      const expectMessage = async (locator: Locator, expected: string | null, what: string) => {
        if (expected === null) {
          // Nothing readable: no message line at all (not an empty one under its hidden "Status message:" label).
          await expect(locator, label(`${what}: nothing to show`)).toHaveCount(0);
        } else {
          expect(await visibleText(locator), label(what)).toContain(expected.slice(0, 200));
        }
      };
      await expectMessage(tile(page, p.html).locator(".tile-message"), html, "HTML status message");
      await expectMessage(tile(page, p.text).locator(".tile-message"), text, "text status message");
      await expectMessage(tile(page, p.ooo).locator(".tile-ooo-text"), html, "automatic reply");
      const state = row.state ?? "available";
      await expect(tile(page, p.html), label("state")).toHaveAttribute("data-state", state);
      await expect(tile(page, p.text), label("state")).toHaveAttribute("data-state", state);
      await expect(tile(page, p.ooo), label("state")).toHaveAttribute("data-state", state === "unknown" ? "outOfOffice" : "available");
      if (row.state === "unknown") await expect(tile(page, p.html).locator(".tile-label"), label("label")).toHaveText("Status unknown");

      for (const id of Object.values(p)) {
        const t = tile(page, id);
        if (row.never) expect(await t.innerText(), label(`forbidden characters in ${id}`)).not.toMatch(row.never);
        // Cut texts never split a character (a lone surrogate shows as a replacement box, also in tooltips).
        const texts = await t.evaluate((el) => [el.textContent ?? "", ...[...el.querySelectorAll("[title]")].map((e) => e.getAttribute("title") ?? "")]);
        for (const shown of texts) expect(shown, label(`split character in ${id}`)).not.toMatch(LONE_SURROGATE);
        // Inside its box: no taller than a few lines, exactly as wide as the control's grid cell.
        const box = (await t.boundingBox())!;
        expect(box.height, label(`tile height of ${id}`)).toBeLessThan(600);
        expect(Math.abs(box.width - controlBox.width), label(`tile width of ${id}`)).toBeLessThanOrEqual(1);
        // Nothing inside sticks out of it (tiles clip, but a child wider than the page would still mean trouble).
        const overflow = await t.evaluate((el) => {
          const outer = el.getBoundingClientRect();
          return [...el.querySelectorAll("*")]
            .map((child) => child.getBoundingClientRect())
            .filter((r) => r.width > 0 && (r.left < outer.left - 1 || r.right > outer.right + 1))
            .map((r) => `${Math.round(r.left)}..${Math.round(r.right)}`);
        });
        expect(overflow, label(`children outside tile ${id} (${Math.round(box.x)}..${Math.round(box.x + box.width)})`)).toEqual([]);
      }
    });
  }

  // Nothing ran, nothing was injected, nothing opened, the policy was never tested.
  expect(await pwnedMarkers(page)).toEqual([]);
  const injected = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '#root script, #root iframe, #root object, #root embed, [onerror], [onload], [onclick], svg[onload], a[href^="javascript:" i], img[src="x"]',
      ),
    ].map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(injected).toEqual([]);
  // Hover and click around the hostile tiles: still nothing.
  for (const p of people.slice(0, 4)) {
    await tile(page, p.text).locator(".tile-message").hover();
    await tile(page, p.directory).locator(".tile-name").click();
  }
  expect(await pwnedMarkers(page)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(csp).toEqual([]);
  await expect(controlTile.locator(".tile-name")).toHaveText("Control Person");
});
