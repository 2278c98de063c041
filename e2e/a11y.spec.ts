/**
 * Accessibility: axe (WCAG 2.0 A/AA and 2.1 AA rules) finds no serious or critical violation on every screen the app
 * has — the board in its three themes, the editor with search results open, wall mode, the sign-in page, the config
 * error page and the demo — and the board works by keyboard with a visible focus indicator.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { knobs } from "./standins/knobs";
import { freshStart, signIn, waitForPresence } from "./helpers";

test.beforeEach(freshStart);

/** Serious and critical violations on the page as it is now, one line per failing element. */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`));
}

async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const problems = await axeProblems(page);
  expect(problems, `${screen}:\n${problems.join("\n")}`).toEqual([]);
}

const TEAM = {
  priya: "8d20a40c-fdb0-47f5-b94e-6baf744bc75f",
  lucas: "5b69c4a7-8e86-4704-8bcf-6237e169d247",
  siobhan: "abc5c75f-14ef-4a96-9c4f-795fb2d59c98",
  olga: "129e5bb2-60b9-4759-a611-2c716efb07c7",
  maria: "b0c29b66-56bf-4075-b910-4faafc48b62c",
  kwame: "46d7259c-ea4d-4910-ab75-f3cdb66682bd",
  ahmed: "2b76b0c7-b9e5-45fe-91ca-81291fa86d69", // available, out of office, with an HTML note (the simulator)
  bjorn: "50ff466c-d676-40e0-bee9-9f58248e5b6c", // on leave: out of office, with a note
  oskar: "cbf5570f-b450-42fd-b8c3-c582e2af86fa", // guest, status message with markup
};
/** Not in the directory: never answered, so its tile is greyed "Not updated recently". */
const GHOST = "00000000-0000-4000-8000-000000000001";

/** A board with every tone, notes, messages, a stale tile and the shared-board banner. */
async function variedBoard(page: Page, query = ""): Promise<void> {
  const ooo = { outOfOfficeSettings: { isOutOfOffice: false, message: null } };
  await Promise.all([
    knobs.graph.overridePresence(TEAM.priya, { availability: "Available", activity: "Available", ...ooo }),
    knobs.graph.overridePresence(TEAM.lucas, { availability: "Busy", activity: "InAMeeting", ...ooo }),
    knobs.graph.overridePresence(TEAM.siobhan, { availability: "Away", activity: "Away", ...ooo }),
    knobs.graph.overridePresence(TEAM.olga, { availability: "DoNotDisturb", activity: "Focusing", ...ooo }),
    knobs.graph.overridePresence(TEAM.maria, { availability: "PresenceUnknown", activity: "PresenceUnknown", ...ooo }),
    knobs.graph.overridePresence(TEAM.kwame, { availability: "Offline", activity: "Offline", ...ooo }),
  ]);
  await signIn(page);
  await page.goto(`/?users=${[...Object.values(TEAM), GHOST].join(",")}&title=Everything${query}`);
  await expect(page.locator('li.tile:not([data-person-id="' + GHOST + '"])[data-state="pending"]')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator("li.tile.is-stale")).toHaveCount(1);
}

for (const theme of ["light", "dark", "high-contrast"] as const) {
  test(`the board in the ${theme} theme`, async ({ page }) => {
    await variedBoard(page, `&theme=${theme}`);
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await expectNoSeriousViolations(page, `board (${theme})`);
  });
}

test("the editor with search results showing", async ({ page }) => {
  await signIn(page);
  await waitForPresence(page);
  await page.getByRole("button", { name: "Edit board" }).click();
  const people = page.getByRole("combobox", { name: "Add people" });
  await people.fill("Ch");
  await expect(page.getByRole("listbox", { name: "Add people results" }).getByRole("option").first()).toBeVisible();
  await people.press("ArrowDown");
  await expectNoSeriousViolations(page, "editor (light)");
  await page.getByRole("combobox", { name: "Theme" }).selectOption("dark");
  await people.focus();
  await expectNoSeriousViolations(page, "editor (dark)");
});

for (const theme of ["light", "dark"] as const) {
  test(`wall mode (${theme})`, async ({ page }) => {
    await variedBoard(page, `&kiosk&theme=${theme}`);
    await expect(page.locator(".board-shell.is-wall")).toBeVisible();
    await expectNoSeriousViolations(page, `wall mode (${theme})`);
  });
}

test("the sign-in page and the config error page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in page");

  await knobs.app.patchConfig({ pollIntervalSeconds: "fast" });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /config\.json needs fixing/ })).toBeVisible();
  await expectNoSeriousViolations(page, "config error page");
});

test("the demo board", async ({ page }) => {
  await page.goto("/?demo");
  await waitForPresence(page);
  await expectNoSeriousViolations(page, "demo board");
});

test("keyboard: every control is reachable by Tab with a visible focus outline; diagnostics open and close by keyboard", async ({ page }) => {
  await signIn(page);
  await waitForPresence(page);
  await page.getByRole("button", { name: "Edit board" }).click();
  await expect(page.getByRole("region", { name: "Edit board" })).toBeVisible();

  // Every enabled, visible control of the page, in document order.
  const controls = await page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [tabindex]")];
    return all
      .filter((el) => !(el as HTMLButtonElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0)
      .map((el, i) => {
        el.dataset.a11yIndex = String(i);
        return i;
      });
  });
  expect(controls.length).toBeGreaterThan(20);

  // Tab through the page from the top: every control gets focus once, and shows a focus indicator.
  await page.locator("body").focus();
  const reached = new Set<string>();
  const noOutline: string[] = [];
  for (let i = 0; i < controls.length + 10; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const visible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
      return { index: el.dataset.a11yIndex ?? "", visible, what: `${el.tagName.toLowerCase()} ${el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30) ?? ""}` };
    });
    if (!focused) continue;
    if (reached.has(focused.index)) break; // wrapped around
    reached.add(focused.index);
    if (!focused.visible) noOutline.push(focused.what);
  }
  const missing = controls.map(String).filter((i) => !reached.has(i));
  expect(missing, "controls not reachable by Tab").toEqual([]);
  expect(noOutline, "focused without a visible outline").toEqual([]);

  // Diagnostics: opens with Enter, focus moves into the dialog, Escape closes it and focus comes back.
  const diagnostics = page.getByRole("button", { name: "Diagnostics" });
  await diagnostics.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Diagnostics" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await expectNoSeriousViolations(page, "diagnostics dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(diagnostics).toBeFocused();
  // And with Enter on Close.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
});
