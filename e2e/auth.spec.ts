import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, demo, signIn } from "./support";

test("signing up creates an organization and lands on its dashboard", async ({ page }) => {
  const suffix = Date.now().toString(36);
  await page.goto("/sign-up");
  await page.getByLabel("Organization").fill(`Initech ${suffix}`);
  await page.getByLabel("Your name").fill("Bill Lumbergh");
  await page.getByLabel("Work email").fill(`bill-${suffix}@initech.test`);
  await page.getByLabel("Password").fill("tps-reports-2026");
  await page.getByRole("button", { name: "Create organization" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText(`Initech ${suffix}`).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Recent activity" })).toContainText("Tenant created");
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

test("signing out ends the session", async ({ page }) => {
  await signIn(page, demo.it_staff, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("pages need a session", async ({ page }) => {
  for (const path of ["/dashboard", "/settings/users", "/portal", "/platform"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/sign-in$/);
  }
});
