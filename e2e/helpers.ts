import { expect, type Page } from "@playwright/test";
import { knobs } from "./standins/knobs";

/** Fresh stand-ins, fresh browser storage, and the tenant's signed-in person approved without the account picker. */
export async function freshStart(): Promise<void> {
  await knobs.resetAll();
  await knobs.identity.autoApprove();
}

/** Open the board and sign in by redirect, as a person would: click "Sign in", come back signed in. */
export async function signIn(page: Page, path = "/"): Promise<void> {
  await page.goto(path);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("my-account")).toBeVisible({ timeout: 15_000 });
}

/** The tile of one person on the board. */
export function tile(page: Page, personId: string) {
  return page.locator(`li.tile[data-person-id="${personId}"]`);
}

export async function presenceRequests() {
  return (await knobs.graph.log()).filter((e) => e.path.includes("/communications/getPresencesByUserId"));
}

/** Collect Content-Security-Policy violations the page reports (the app must cause none under the strict policy). */
export function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

// ---------------------------------------------------------------------------------------------------------------
// Board helpers (board, badges and a11y specs)

export const BOARDS_KEY = "presence-board.boards";

export interface StoredBoards {
  version: number;
  activeBoardId: string | null;
  boards: { id: string; title: string; sort: string; watchedUsers: { id: string; displayName?: string }[] }[];
}

/** The saved boards as the app wrote them to localStorage (null when nothing is saved). */
export async function storedBoards(page: Page): Promise<StoredBoards | null> {
  const raw = await page.evaluate((key) => window.localStorage.getItem(key), BOARDS_KEY);
  return raw === null ? null : (JSON.parse(raw) as StoredBoards);
}

/** Person ids of the tiles in the order they are shown. */
export async function tileIds(page: Page): Promise<string[]> {
  return page.locator("li.tile").evaluateAll((els) => els.map((el) => el.getAttribute("data-person-id") ?? ""));
}

/** Waits until every tile shows a presence (the first poll answered). */
export async function waitForPresence(page: Page, timeout = 15_000): Promise<void> {
  await expect(page.locator("li.tile").first()).toBeVisible({ timeout });
  await expect(page.locator('li.tile[data-state="pending"]')).toHaveCount(0, { timeout });
}

/** A share link as the app formats it: `/?users=<id>,<id>,…&title=<text>`. */
export function shareLink(ids: readonly string[], title?: string, extra = ""): string {
  return `/?users=${ids.join(",")}${title === undefined ? "" : `&title=${encodeURIComponent(title)}`}${extra}`;
}
