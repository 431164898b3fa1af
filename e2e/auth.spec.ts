import { demo, signIn, signUp } from "./support";
import { expect, test } from "./test";

test("signing up creates an organization and lands on its dashboard", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await signUp(page, {
    organization: `Initech ${suffix}`,
    name: "Bill Lumbergh",
    email: `bill-${suffix}@initech.test`,
    password: "tps-reports-2026",
  });
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(`Initech ${suffix}`).first()).toBeVisible();
  // Starter automation soon fills the dashboard's short recent list; the audit log keeps the creation.
  await page.goto("/audit?event=tenant.created");
  await expect(page.getByRole("table", { name: "Audit events" })).toContainText("Tenant created");
});

test("sign-up explains invalid input next to the field", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Organization").fill("Tiny Co");
  await page.getByLabel("Your name").fill("Tim");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demo.it_staff);
  await page.getByLabel("Password").fill("definitely-wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "incorrect" })).toHaveText(
    "Email or password is incorrect.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
});

test("signing out ends the session, and a copy of its cookie with it", async ({ page, context }) => {
  // A user of its own: signing out ends every session of the user, so a demo login's stored
  // state (used by other specs) must not be the one signed out.
  const suffix = Date.now().toString(36);
  await signUp(page, {
    organization: `Sign-out ${suffix}`,
    name: "Olive Out",
    email: `olive-${suffix}@signout.test`,
    password: "olive-out-password",
  });
  const copied = await context.cookies();

  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in$/);

  await context.addCookies(copied);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("pages need a session", async ({ page }) => {
  for (const path of ["/dashboard", "/settings/users", "/portal", "/platform"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/sign-in$/);
  }
});

test("changing the password on the account page signs out the other devices", async ({ page, browser }) => {
  // The sign-up's confirmation email is read from the local outbox first.
  test.slow();
  const suffix = Date.now().toString(36);
  const email = `pat-${suffix}@password.test`;
  await signUp(page, {
    organization: `Password ${suffix}`,
    name: "Pat Word",
    email,
    password: "first-password-1",
  });

  const phone = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const phonePage = await phone.newPage();
  await signIn(phonePage, email, "first-password-1");

  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await page.getByLabel("Current password").fill("first-password-1");
  await page.getByLabel("New password").fill("second-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed")).toBeVisible();

  await phonePage.goto("/dashboard");
  await expect(phonePage).toHaveURL(/\/sign-in$/);
  await signIn(phonePage, email, "second-password-2");
  await phone.close();
});
