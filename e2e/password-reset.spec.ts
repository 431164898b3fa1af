import { authFile, mutate, unique } from "./support";
import { expect, test } from "./test";

const signedOut = { storageState: { cookies: [], origins: [] } };

test("Forgot password? emails a link (read in the local outbox) that sets a new password and ends older sessions", async ({
  browser,
}) => {
  test.slow();
  // A member of their own, so no demo login's password changes under the other specs.
  const email = `reset-${unique()}@acme.test`;
  const admin = await browser.newContext({ storageState: authFile("admin") });
  const invitation = await mutate<{ link: string }>(admin.request, "accounts.invite", {
    email,
    role: "employee",
  });
  await admin.close();

  const before = await browser.newContext(signedOut);
  const earlier = await before.newPage();
  await earlier.goto(new URL(invitation.link).pathname);
  await earlier.getByLabel("Your name").fill("Rae Reset");
  await earlier.getByLabel("Choose a password").fill("first-day-password");
  await earlier.getByRole("button", { name: "Join" }).click();
  await expect(earlier).toHaveURL(/\/portal$/);

  const context = await browser.newContext(signedOut);
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // the sign-in form has an Email box too: fill the one of the page the link leads to
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  const answer = page.getByRole("status").filter({ hasText: "Check your email" });
  await expect(answer).toContainText(`If ${email} has an account, we sent it a link`);

  // No mail provider and the app on loopback: the email waits in the local outbox.
  await answer.getByRole("link", { name: "open the local outbox" }).click();
  await expect(page).toHaveURL(/\/local-outbox\?to=/);
  const email_ = page.getByRole("article", { name: "Email: Choose a new Assetronics password" });
  await expect(async () => {
    await page.reload();
    await expect(email_).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(email_.locator("iframe[sandbox='']")).toHaveAttribute("srcdoc", /Choose a new password/);
  const text = (await email_.getByRole("region", { name: "As plain text" }).textContent()) ?? "";
  const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, text).toBeTruthy();

  await page.goto(new URL(link ?? "").pathname);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password").fill("after-the-reset-password");
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await expect(page).toHaveURL(/\/portal$/);

  // The session from before the reset has ended; the link works only once.
  await earlier.goto("/portal");
  await expect(earlier).toHaveURL(/\/sign-in$/);
  await before.close();
  await page.goto(new URL(link ?? "").pathname);
  await expect(page.getByRole("heading", { name: "Reset link unavailable" })).toBeVisible();
  await context.close();

  // Signing in takes the new password, not the old one.
  const later = await browser.newContext(signedOut);
  const signIn = await later.newPage();
  await signIn.goto("/sign-in");
  await signIn.getByLabel("Email").fill(email);
  await signIn.getByLabel("Password").fill("first-day-password");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signIn.getByText("Email or password is incorrect.")).toBeVisible();
  await signIn.getByLabel("Password").fill("after-the-reset-password");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signIn).toHaveURL(/\/portal$/);
  await later.close();
});
