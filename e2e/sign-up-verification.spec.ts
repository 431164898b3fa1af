import type { Page } from "@playwright/test";
import { confirmSignUp, demo, linkInOutbox, unique } from "./support";
import { expect, test } from "./test";

/** Submits the sign-up form and returns its answer, the address replaced by <email>. */
async function signUpAnswer(page: Page, email: string): Promise<string> {
  await page.goto("/sign-up");
  await page.getByLabel("Organization").fill(`Probe ${unique()}`);
  await page.getByLabel("Your name").fill("Pat Probe");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("probe-password-123");
  await page.getByRole("button", { name: "Create organization" }).click();
  const answer = page.getByRole("status").filter({ hasText: "Check your email" });
  await expect(answer).toBeVisible();
  return ((await answer.textContent()) ?? "").replace(email, "<email>");
}

test("sign-up answers an existing email as a new one; the new one's emailed link opens the organization", async ({
  page,
}) => {
  test.slow();
  const fresh = `founder-${unique()}@verify.test`;
  expect(await signUpAnswer(page, demo.it_staff)).toBe(await signUpAnswer(page, fresh));
  await expect(page).toHaveURL(/\/sign-up$/);

  // Nothing exists until the link is followed; then the founder lands signed in.
  await confirmSignUp(page, fresh);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // The link works once.
  await page.goto(await linkInOutbox(page, fresh, /https?:\/\/\S+\/verify-email\/[A-Za-z0-9_-]+/));
  await expect(page.getByRole("heading", { name: "Confirmation link unavailable" })).toBeVisible();
});

test("a confirmation link that does not exist says what to do", async ({ page }) => {
  await page.goto("/verify-email/a-confirmation-token-that-does-not-exist");
  await expect(page.getByRole("heading", { name: "Confirmation link unavailable" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign up again" })).toBeVisible();
});
