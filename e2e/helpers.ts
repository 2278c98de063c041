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
