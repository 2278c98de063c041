/**
 * The board (issue "The board"): building it (keyboard search, group import with incremental consent), keeping it
 * (localStorage, share links, copy link), arranging it (remove, reorder, sort, filter), keeping it live (a server
 * change within one poll), scaling (700 people in two presence requests per poll) and surviving bad saved data.
 */
import { expect, test, type Page } from "@playwright/test";
import { knobs } from "./standins/knobs";
import { APP_ORIGIN } from "./standins/constants";
import { BOARDS_KEY, freshStart, shareLink, signIn, storedBoards, tile, tileIds, waitForPresence } from "./helpers";

test.beforeEach(freshStart);

// People of the simulated tenant (src/demo/people.ts).
const P = {
  johanna: "a500da2e-2d91-40e7-b35c-e823761dc704",
  chloe: "1b477d80-86e8-44f1-b6d2-8ab1881e034e",
  hiroshi: "3ded2cc6-ce46-4352-8b9e-6aaab3491bab",
  mateusz: "a818fed8-29fc-4a39-8a8f-76fab07a9652",
  lan: "53f24b12-b0c7-45fb-b08a-33679846286f",
  jiwon: "4489cced-3a67-43a9-8f3a-d310dee7ff7e",
  emily: "3196d4c0-a33f-4eab-b9df-ae203d7261ef",
  tomas: "b2d6badb-0011-4c70-b113-a2bff4f63529",
  sofia: "63d7386b-5e86-472f-a73a-20f83fb0557d",
  grace: "0988c5a1-2e1f-487e-8c86-6ca26426a0ce",
  liam: "04784a21-baf7-4711-99d1-dcf8b0363301",
  aisha: "b0079853-7cf7-4e49-beda-cd5abc51a46d",
  zeynep: "86dec2ba-a801-4544-be83-3bf8f3cfd291",
  kwame: "46d7259c-ea4d-4910-ab75-f3cdb66682bd",
} as const;

/** Teams' state → the board's summary group (the facts file's table; "out of office" only when the state is). */
const GROUP_OF: Record<string, string> = {
  available: "available",
  busy: "busy",
  inACall: "busy",
  inAConferenceCall: "busy",
  inAMeeting: "busy",
  doNotDisturb: "busy",
  presenting: "busy",
  focusing: "busy",
  away: "away",
  beRightBack: "away",
  outOfOffice: "out of office",
  offWork: "offline",
  offline: "offline",
  unknown: "unknown",
};
const GROUP_ORDER = ["available", "busy", "away", "out of office", "offline", "unknown"];

/** The headcount line the tiles on screen add up to, e.g. "2 available · 1 busy · 1 offline". */
async function summaryFromTiles(page: Page): Promise<string> {
  const states = await page.locator("li.tile").evaluateAll((els) => els.map((el) => el.getAttribute("data-state") ?? ""));
  const counts = new Map<string, number>();
  for (const state of states) {
    const group = GROUP_OF[state];
    if (!group) throw new Error(`Tile state ${state} is not one of Teams' states`);
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return GROUP_ORDER.filter((g) => counts.has(g)).map((g) => `${counts.get(g)} ${g}`).join(" · ");
}

const NOT_OOO = { outOfOfficeSettings: { isOutOfOffice: false, message: null } };

/** Presses Tab until `target` has focus (at most `max` times): proves it is reachable by keyboard. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Not reachable with ${max} presses of Tab`);
}

const editorRegion = (page: Page) => page.getByRole("region", { name: "Edit board" });

async function openEditor(page: Page): Promise<void> {
  if (await editorRegion(page).isVisible()) return;
  const button = page.getByRole("button", { name: "Edit board" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(editorRegion(page)).toBeVisible();
}

test("builds a board with the keyboard and by importing a group (incremental consent), and keeps it after a reload", async ({ page }) => {
  await signIn(page);
  await waitForPresence(page);
  const myTeam = await tileIds(page);
  expect(myTeam).not.toContain(P.chloe);
  await openEditor(page);

  // Search by keyboard only: Tab to the combobox, type, ArrowDown to the second result, Enter.
  const people = page.getByRole("combobox", { name: "Add people" });
  await tabTo(page, people);
  await page.keyboard.type("Ch");
  const results = page.getByRole("listbox", { name: "Add people results" }).getByRole("option");
  await expect(results.first()).toBeVisible();
  expect(await results.count()).toBeGreaterThan(1);
  await page.keyboard.press("ArrowDown");
  await expect(results.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(people).toHaveAttribute("aria-activedescendant", (await results.nth(1).getAttribute("id"))!);
  const pickedName = (await results.nth(1).locator(".picker-primary").innerText()).replace(" (on the board)", "");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Added ${pickedName}.` })).toBeVisible();
  await expect(page.locator("li.tile .tile-name", { hasText: pickedName })).toHaveCount(1);
  expect((await tileIds(page)).length).toBe(myTeam.length + 1);
  await expect(people).toHaveValue("");

  // Group import: the identity stand-in has no GroupMember.Read.All consent yet, so the group search leaves for the
  // IdP's consent prompt (auto-approved) and comes back to the same board, with the search still typed.
  expect((await knobs.identity.state()).settings.consentedScopes).not.toContain("groupmember.read.all");
  const groups = page.getByRole("combobox", { name: "Import a group or team" });
  await knobs.identity.clearLog();
  await groups.focus();
  await page.keyboard.type("Mobile Eng");
  await knobs.identity.waitForRequest((e) => e.path.includes("/oauth2/v2.0/authorize"), 15_000);
  // Back in the app: it redeemed the consent's authorization code.
  await knobs.identity.waitForRequest((e) => e.grant_type === "authorization_code" && e.status === 200, 15_000);
  await expect(page.getByTestId("my-account")).toBeVisible({ timeout: 15_000 });
  expect((await knobs.identity.state()).settings.consentedScopes).toContain("groupmember.read.all");
  await openEditor(page);
  await expect(groups).toHaveValue("Mobile Eng");
  const groupOption = page.getByRole("listbox", { name: "Import a group or team results" }).getByRole("option", { name: /Mobile Engineering/ });
  await expect(groupOption).toBeVisible({ timeout: 10_000 });
  await groups.focus();
  await page.keyboard.press("Enter");
  // Nested groups flattened; people already on the board are not added twice.
  const mobile = [P.hiroshi, P.chloe, P.mateusz, P.lan, P.jiwon];
  for (const id of mobile) await expect(tile(page, id)).toHaveCount(1, { timeout: 10_000 });
  await expect(editorRegion(page).getByRole("status")).toContainText(/Importing Mobile Engineering: added \d+ people/);
  const built = await tileIds(page);
  expect(new Set(built).size).toBe(built.length);

  // Persisted: same board, same people, same order after a reload.
  const saved = await storedBoards(page);
  const active = saved?.boards.find((b) => b.id === saved.activeBoardId);
  expect(active?.watchedUsers.map((u) => u.id)).toEqual(built);
  await page.reload();
  await expect(page.getByRole("heading", { name: "My team" })).toBeVisible({ timeout: 15_000 });
  await expect(page.locator("li.tile")).toHaveCount(built.length);
  expect(await tileIds(page)).toEqual(built);
});

test("a group import interrupted by a consent prompt finishes by itself after the return", async ({ page }) => {
  const base = ["User.Read", "User.ReadBasic.All", "Presence.Read.All"];
  await signIn(page);
  await waitForPresence(page);
  expect(await tileIds(page)).not.toContain(P.chloe);
  // Tokens from now on are due for renewal after ~3 s (MSAL renews 300 s before expiry).
  await knobs.identity.setTokenLifetime(303);
  await openEditor(page);
  const groups = page.getByRole("combobox", { name: "Import a group or team" });
  await knobs.identity.clearLog();
  await groups.fill("Mobile");
  await knobs.identity.waitForRequest((e) => e.grant_type === "authorization_code" && e.status === 200, 15_000);
  await openEditor(page);
  const option = page.getByRole("listbox", { name: "Import a group or team results" }).getByRole("option", { name: /Mobile Engineering/ });
  await expect(option).toBeVisible({ timeout: 10_000 });

  // The admin withdraws the group permission while the results are on screen; the group token expires meanwhile.
  await knobs.identity.setConsent({ consented: base });
  await page.waitForTimeout(3_500);
  await knobs.identity.clearLog();
  await groups.focus();
  await page.keyboard.press("Enter");
  // Picking the group needs consent again: off to the IdP (auto-approved) and back…
  await knobs.identity.waitForRequest((e) => e.grant_type === "authorization_code" && e.status === 200, 20_000);
  expect((await knobs.identity.state()).settings.consentedScopes).toContain("groupmember.read.all");
  // …and the import of the group that was picked completes without picking it again.
  await openEditor(page);
  for (const id of [P.chloe, P.mateusz, P.lan, P.jiwon]) await expect(tile(page, id)).toHaveCount(1, { timeout: 15_000 });
  await expect(editorRegion(page).getByRole("status")).toContainText("Importing Mobile Engineering: added 4 people");
  expect(await page.evaluate(() => window.sessionStorage.getItem("presence-board.pending-group-import"))).toBeNull();
  const saved = (await storedBoards(page))!.boards[0]!.watchedUsers.map((u) => u.id);
  expect(saved).toEqual(expect.arrayContaining([P.chloe, P.mateusz, P.lan, P.jiwon]));
});

test("a share link shows the board unsaved, saves on request, switches to the saved board next time and never overwrites one", async ({ page }) => {
  await signIn(page);
  await waitForPresence(page);
  const before = await storedBoards(page);
  expect(before?.boards.map((b) => b.title)).toEqual(["My team"]);

  const ids = [P.emily, P.tomas, P.sofia];
  const link = shareLink(ids, "Product & Design");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Product & Design" })).toBeVisible({ timeout: 15_000 });
  const banner = page.getByRole("status").filter({ hasText: "You opened a shared board" });
  await expect(banner).toContainText("It is not saved in your boards yet.");
  await waitForPresence(page);
  expect(await tileIds(page)).toEqual(ids);
  // Opening a link saves nothing.
  expect(await storedBoards(page)).toEqual(before);

  await banner.getByRole("button", { name: "Save to my boards" }).click();
  await expect(banner).toHaveCount(0);
  const switcher = page.getByRole("combobox", { name: "Switch board" });
  await expect(switcher.locator("option:checked")).toHaveText("Product & Design");
  await expect(switcher.locator("option")).toHaveText(["My team", "Product & Design"]);
  expect(page.url()).not.toContain("users=");
  const saved = (await storedBoards(page))!;
  expect(saved.boards).toHaveLength(2);
  const productBoard = saved.boards.find((b) => b.title === "Product & Design")!;
  expect(productBoard.watchedUsers.map((u) => u.id)).toEqual(ids);
  expect(saved.activeBoardId).toBe(productBoard.id);

  // Back to "My team", then the same link again (people in another order, another title): it switches to the saved
  // board instead of adding a duplicate.
  await switcher.selectOption({ label: "My team" });
  await expect(page.getByRole("heading", { name: "My team" })).toBeVisible();
  await page.goto(shareLink([P.sofia, P.emily, P.tomas], "Same people"));
  await expect(page.getByRole("heading", { name: "Product & Design" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("You opened a shared board")).toHaveCount(0);
  await expect(switcher.locator("option:checked")).toHaveText("Product & Design");
  let now = (await storedBoards(page))!;
  expect(now.boards.map((b) => b.id)).toEqual(saved.boards.map((b) => b.id));
  expect(now.activeBoardId).toBe(productBoard.id);

  // A link with a saved board's title but other people is a preview again: the saved board stays as it was.
  await page.goto(shareLink([P.emily, P.grace], "Product & Design"));
  await expect(page.getByRole("status").filter({ hasText: "You opened a shared board" })).toBeVisible({ timeout: 15_000 });
  await waitForPresence(page);
  expect(await tileIds(page)).toEqual([P.emily, P.grace]);
  now = (await storedBoards(page))!;
  expect(now.boards.find((b) => b.id === productBoard.id)?.watchedUsers.map((u) => u.id)).toEqual(ids);
  expect(now.boards).toHaveLength(2);
  // Leaving the preview saves nothing either.
  await page.getByRole("status").getByRole("button", { name: "Back to my boards" }).click();
  await expect(page.getByRole("heading", { name: "Product & Design" })).toBeVisible();
  expect(await tileIds(page)).toEqual(ids);
  expect((await storedBoards(page))!.boards.find((b) => b.id === productBoard.id)?.watchedUsers.map((u) => u.id)).toEqual(ids);
});

test("a share link may name people by UPN: the board still polls (object ids only) and shows them", async ({ page }) => {
  await knobs.graph.overridePresence(P.grace, { availability: "Busy", activity: "InACall", ...NOT_OOO });
  await knobs.graph.overridePresence(P.emily, { availability: "Away", activity: "Away", ...NOT_OOO });
  await signIn(page);
  await page.goto(shareLink([P.emily, "grace.kim@contoso.example"], "By UPN"));
  await expect(tile(page, P.emily)).toHaveAttribute("data-state", "away", { timeout: 15_000 });
  // Resolved through the directory ($batch), then asked by object id within a poll or two.
  await expect(tile(page, "grace.kim@contoso.example")).toHaveAttribute("data-state", "inACall", { timeout: 12_000 });
  await expect(tile(page, "grace.kim@contoso.example").locator(".tile-name")).toHaveText("Grace Kim");
  await expect(page.getByText("Presence could not be updated")).toHaveCount(0);
  const polls = (await knobs.graph.log()).filter((e) => e.method === "POST" && e.path.endsWith("/communications/getPresencesByUserId"));
  expect(polls.length).toBeGreaterThan(0);
  expect(polls.filter((e) => e.status !== 200)).toEqual([]);
});

test("Copy link offers /?users=…&title=… of the board in its order", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP_ORIGIN });
  await signIn(page);
  await waitForPresence(page);
  const ids = await tileIds(page);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(copied);
  expect(url.origin + url.pathname).toBe(`${APP_ORIGIN}/`);
  expect([...url.searchParams.keys()]).toEqual(["users", "title"]);
  expect(url.searchParams.get("users")!.split(",")).toEqual(ids);
  expect(url.searchParams.get("title")).toBe("My team");
  expect(copied.startsWith(`${APP_ORIGIN}/?users=`)).toBe(true);
  expect(copied.slice(APP_ORIGIN.length)).toMatch(/^\/\?users=[0-9a-f-]+(,[0-9a-f-]+)*&title=My%20team$/);

  // The link round-trips: opening it is the same board (so it switches to it, no preview).
  await page.goto(copied);
  await expect(page.getByRole("heading", { name: "My team" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("You opened a shared board")).toHaveCount(0);
  expect((await storedBoards(page))!.boards).toHaveLength(1);
});

test("removes and reorders people with the keyboard (← →) and by dragging, in \"My order\"", async ({ page }) => {
  await signIn(page);
  await waitForPresence(page);
  const sort = page.getByRole("combobox", { name: "Sort" });
  await expect(sort).toHaveValue("custom");
  await expect(sort.locator("option:checked")).toHaveText("My order");
  await openEditor(page);
  const start = await tileIds(page);
  expect(start.length).toBeGreaterThanOrEqual(6);
  const [a, b, c, d] = start as [string, string, string, string];
  const savedOrder = async () => (await storedBoards(page))!.boards[0]!.watchedUsers.map((u) => u.id);

  // The first tile cannot move earlier, the last cannot move later.
  await expect(tile(page, a).getByRole("button", { name: /earlier$/ })).toBeDisabled();
  await expect(tile(page, start.at(-1)!).getByRole("button", { name: /later$/ })).toBeDisabled();

  // → by keyboard: a moves after b.
  await tile(page, a).getByRole("button", { name: /later$/ }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => tileIds(page)).toEqual([b, a, ...start.slice(2)]);
  // ← by keyboard: c moves before a.
  await tile(page, c).getByRole("button", { name: /earlier$/ }).focus();
  await page.keyboard.press("Enter");
  const afterKeys = [b, c, a, d, ...start.slice(4)];
  await expect.poll(() => tileIds(page)).toEqual(afterKeys);
  expect(await savedOrder()).toEqual(afterKeys);

  // Drag (mouse): the fourth person dropped on the first tile takes its place.
  await tile(page, d).dragTo(tile(page, b));
  const afterDrag = [d, b, c, a, ...afterKeys.slice(4)];
  await expect.poll(() => tileIds(page)).toEqual(afterDrag);
  expect(await savedOrder()).toEqual(afterDrag);

  // Remove by keyboard.
  const removeButton = tile(page, d).getByRole("button", { name: /^Remove .* from board$/ });
  await removeButton.focus();
  await page.keyboard.press("Enter");
  await expect(tile(page, d)).toHaveCount(0);
  const afterRemove = afterDrag.filter((id) => id !== d);
  expect(await tileIds(page)).toEqual(afterRemove);
  expect(await savedOrder()).toEqual(afterRemove);

  // Another sort does not lose the hand-made order; "My order" brings it back, also after a reload.
  await page.getByRole("button", { name: "Done editing" }).click();
  await sort.selectOption("name");
  await expect.poll(async () => (await tileIds(page)).join()).not.toBe(afterRemove.join());
  await sort.selectOption("custom");
  await expect.poll(() => tileIds(page)).toEqual(afterRemove);
  await page.reload();
  await waitForPresence(page);
  expect(await tileIds(page)).toEqual(afterRemove);
});

test("sorts by status and name, filters by text and status, and the summary line adds up to the tiles", async ({ page }) => {
  // One person per state family, fixed on the server.
  const setup: [string, Record<string, unknown>, string][] = [
    [P.emily, { availability: "Available", activity: "Available", ...NOT_OOO }, "available"],
    [P.kwame, { availability: "Available", activity: "Available", outOfOfficeSettings: { isOutOfOffice: true, message: "Back Monday" } }, "available"],
    [P.tomas, { availability: "Busy", activity: "InAMeeting", ...NOT_OOO }, "inAMeeting"],
    [P.sofia, { availability: "DoNotDisturb", activity: "Presenting", ...NOT_OOO }, "presenting"],
    [P.grace, { availability: "Away", activity: "Away", ...NOT_OOO }, "away"],
    [P.liam, { availability: "BeRightBack", activity: "BeRightBack", ...NOT_OOO }, "beRightBack"],
    [P.aisha, { availability: "Offline", activity: "OffWork", outOfOfficeSettings: { isOutOfOffice: true, message: null } }, "outOfOffice"],
    [P.zeynep, { availability: "Offline", activity: "Offline", ...NOT_OOO }, "offline"],
  ];
  await Promise.all(setup.map(([id, presence]) => knobs.graph.overridePresence(id, presence)));
  const ids = setup.map(([id]) => id);
  await signIn(page, shareLink(ids, "Sorting"));
  await page.getByRole("button", { name: "Save to my boards" }).click();
  await waitForPresence(page);
  for (const [id, , state] of setup) await expect(tile(page, id)).toHaveAttribute("data-state", state);

  const summary = page.locator(".board-summary");
  await expect(summary).toContainText("2 available · 2 busy · 2 away · 1 out of office · 1 offline");
  expect(await summaryFromTiles(page)).toBe("2 available · 2 busy · 2 away · 1 out of office · 1 offline");
  await expect(page.getByText("8 people", { exact: true })).toBeVisible();

  // By status: most reachable first, groups together.
  const sort = page.getByRole("combobox", { name: "Sort" });
  await sort.selectOption({ label: "By status" });
  await expect.poll(async () => (await tileIds(page))[0]).toBe(P.emily);
  const byStatus = await tileIds(page);
  const groupsInOrder = byStatus.map((id) => GROUP_OF[setup.find(([p]) => p === id)![2]]!);
  expect(groupsInOrder).toEqual([...groupsInOrder].sort((x, y) => GROUP_ORDER.indexOf(x) - GROUP_ORDER.indexOf(y)));
  expect(byStatus.slice(0, 2)).toEqual([P.emily, P.kwame]); // plain Available before "Available, out of office"
  expect(byStatus.at(-1)).toBe(P.zeynep);

  // By name: alphabetical by the shown names.
  await sort.selectOption({ label: "By name" });
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  await expect
    .poll(async () => {
      const names = await page.locator("li.tile .tile-name").allInnerTexts();
      return names.join("|") === [...names].sort(collator.compare).join("|") && names.length === 8;
    })
    .toBe(true);

  // Filter by text (names containing "er": Emily Carter, Tomás Herrera), then by status as well.
  const filter = page.getByRole("searchbox", { name: "Filter people" });
  await filter.fill("er");
  await expect(page.locator("li.tile")).toHaveCount(2);
  expect(new Set(await tileIds(page))).toEqual(new Set([P.emily, P.tomas]));
  await expect(page.getByText("2 of 8 people")).toBeVisible();
  const status = page.getByRole("combobox", { name: "Status" });
  await status.selectOption({ label: "Busy" });
  expect(await tileIds(page)).toEqual([P.tomas]);
  await filter.fill("");
  await expect(page.locator("li.tile")).toHaveCount(2);
  expect(new Set(await tileIds(page))).toEqual(new Set([P.tomas, P.sofia]));
  for (const [label, expected] of [
    ["Available", [P.emily, P.kwame]],
    ["Away", [P.grace, P.liam]],
    ["Out of office", [P.aisha]],
    ["Offline", [P.zeynep]],
  ] as const) {
    await status.selectOption({ label });
    await expect(page.locator("li.tile")).toHaveCount(expected.length);
    expect(new Set(await tileIds(page))).toEqual(new Set(expected));
  }
  await status.selectOption({ label: "Unknown" });
  await expect(page.getByText("Nobody matches the filter.")).toBeVisible();
  // Filters narrow the tiles, never the headcount of the board.
  await expect(summary).toContainText("2 available · 2 busy · 2 away · 1 out of office · 1 offline");
  await status.selectOption({ label: "Everyone" });
  await expect(page.locator("li.tile")).toHaveCount(8);
});

test("the summary of a live board matches its tiles, and a server change shows within one poll interval", async ({ page }) => {
  await signIn(page);
  await waitForPresence(page);
  const summary = page.locator(".board-summary .summary-counts");
  await expect.poll(async () => (await summary.innerText()) === (await summaryFromTiles(page))).toBe(true);

  // Change one person to a state they are not in, at an arbitrary moment of the poll cycle.
  const ids = await tileIds(page);
  const target = ids.find((id) => id !== P.johanna)!;
  const current = await tile(page, target).getAttribute("data-state");
  const next = current === "presenting" ? { availability: "Away", activity: "Away", state: "away" } : { availability: "DoNotDisturb", activity: "Presenting", state: "presenting" };
  const interval = 5_000;
  const changedAt = Date.now();
  await knobs.graph.overridePresence(target, { availability: next.availability, activity: next.activity, ...NOT_OOO });
  await expect(tile(page, target)).toHaveAttribute("data-state", next.state, { timeout: interval + 3_000 });
  const took = Date.now() - changedAt;
  expect(took, `shown after ${took} ms`).toBeLessThanOrEqual(interval + 1_500);
  await expect(tile(page, target).locator(".tile-label")).toHaveText(next.state === "away" ? "Away" : "Presenting");
  await expect.poll(async () => (await summary.innerText()) === (await summaryFromTiles(page))).toBe(true);
});

const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const PER_PERSON = new RegExp(`^/(v1\\.0|beta)/(users/${GUID}(/|\\?|$)|communications/presences/)`, "i");
const isPresencePoll = (path: string) => /\/communications\/getPresencesByUserId$/.test(path);

test("a 700-person board asks presence in 2 requests per poll (650 + 50) and profiles and photos only in $batch", async ({ page }) => {
  const tenant = await knobs.graph.tenant();
  // The first 700 people of the tenant; the signed-in person is one of them, so every poll asks for exactly 700 ids.
  const ids = tenant.allUserIds.slice(0, 700);
  expect(ids).toContain(tenant.meId);
  await signIn(page);
  await waitForPresence(page);

  await knobs.graph.clearLog();
  const openedAt = Date.now();
  await page.goto(shareLink(ids, "Everyone"));
  await expect(page.getByRole("heading", { name: "Everyone" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("700 people", { exact: true })).toBeVisible();
  await waitForPresence(page);
  // Let three polls happen (the first at start, then every 5 s).
  await expect
    .poll(async () => (await knobs.graph.log()).filter((e) => e.method === "POST" && isPresencePoll(e.path.split("?")[0]!)).length, {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(6);

  const log = (await knobs.graph.log()).filter((e) => e.method !== "OPTIONS");
  const polls = log.filter((e) => isPresencePoll(e.path.split("?")[0]!));
  // Group the presence requests into polls (a poll's requests run back to back; polls are 5 s apart).
  const rounds: (typeof polls)[] = [];
  for (const entry of polls) {
    const last = rounds.at(-1);
    if (last && entry.time - last.at(-1)!.time < 2_000) last.push(entry);
    else rounds.push([entry]);
  }
  for (const round of rounds.slice(0, 3)) expect(round.map((e) => e.ids).sort((a, b) => a! - b!)).toEqual([50, 650]);
  expect(polls.every((e) => e.status === 200)).toBe(true);

  // Never one request per person: no /users/{id}, /users/{id}/presence, /users/{id}/photo…, /communications/presences/{id}.
  const perPerson = log.filter((e) => PER_PERSON.test(e.path));
  expect(perPerson.map((e) => `${e.method} ${e.path}`)).toEqual([]);
  // Everything else about people (profiles, photos) travels in $batch.
  const other = log.filter((e) => !isPresencePoll(e.path.split("?")[0]!) && !/^\/(v1\.0|beta)\/\$batch$/.test(e.path) && !/^\/(v1\.0|beta)\/me([/?]|$)/.test(e.path));
  expect(other.map((e) => `${e.method} ${e.path}`)).toEqual([]);

  // Report what the board cost at start: everything from opening the link until the third poll, by kind.
  const batches = log.filter((e) => e.path.endsWith("/$batch"));
  const summary = {
    total: log.length,
    presencePolls: rounds.length,
    presenceRequests: polls.length,
    batches: batches.length,
    batchSizes: batches.map((e) => e.batchSize),
    me: log.filter((e) => /\/me([/?]|$)/.test(e.path)).map((e) => e.path.split("?")[0]),
    preflights: (await knobs.graph.log()).filter((e) => e.method === "OPTIONS").length,
    seconds: Math.round((log.at(-1)!.time - openedAt) / 100) / 10,
  };
  test.info().annotations.push({ type: "700-person board, Graph requests at start", description: JSON.stringify(summary) });
  console.log("700-person board, Graph requests at start:", JSON.stringify(summary));
  // 700 profiles = 47 `id in (15)` filters = 3 batches of ≤ 20; photos for the first 400 tiles at most = 20 batches.
  expect(batches.every((e) => (e.batchSize ?? 0) <= 20)).toBe(true);
  expect(summary.batches).toBeLessThanOrEqual(3 + 20);
});

test("unreadable saved boards: a clear message, the original set aside, and a clean start", async ({ page }) => {
  await signIn(page);
  await waitForPresence(page);
  const garbage = '{"version":1,"boards":[{"id":"x","title":"Half a board", "watchedUsers":[{"id":';
  await page.evaluate(([key, value]) => window.localStorage.setItem(key!, value!), [BOARDS_KEY, garbage]);
  await page.reload();

  await expect(page.getByText("Your saved boards could not be read; a copy was set aside and the app started clean.")).toBeVisible({
    timeout: 15_000,
  });
  const setAside = await page.evaluate((prefix) => {
    const out: Record<string, string | null> = {};
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i)!;
      if (key.startsWith(prefix)) out[key] = window.localStorage.getItem(key);
    }
    return out;
  }, `${BOARDS_KEY}.set-aside.`);
  expect(Object.values(setAside)).toEqual([garbage]);
  // Started clean: the first-run board again, saved as readable data.
  await expect(page.getByRole("heading", { name: "My team" })).toBeVisible();
  await waitForPresence(page);
  const stored = await storedBoards(page);
  expect(stored?.version).toBe(1);
  expect(stored?.boards.map((b) => b.title)).toEqual(["My team"]);

  // Next start is normal again, and the copy is still there.
  await page.reload();
  await waitForPresence(page);
  await expect(page.getByText("could not be read")).toHaveCount(0);
  expect(await page.evaluate((key) => window.localStorage.getItem(key), Object.keys(setAside)[0]!)).toBe(garbage);
});
