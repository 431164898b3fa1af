import { expect, test } from "@playwright/test";

test("a sign-up's tenant.created runs in the embedded engine: starter data appears and the run is visible", async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  await page.goto("/sign-up");
  await page.getByLabel("Organization").fill(`Hooli ${suffix}`);
  await page.getByLabel("Your name").fill("Gavin Belson");
  await page.getByLabel("Work email").fill(`gavin-${suffix}@hooli.test`);
  await page.getByLabel("Password").fill("box-three-signature");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // The function runs after the sign-up commits; the dashboard shows its effect once it has.
  const statValue = (label: string) =>
    page.locator('[data-slot="stat-card"]', { hasText: label }).locator('[data-slot="stat-card-value"]');
  await expect(async () => {
    await page.reload();
    await expect(statValue("Locations")).toHaveText("1", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(statValue("Departments")).toHaveText("1");
  await expect(page.getByRole("list", { name: "Recent activity" })).toContainText("Location created");

  await page.goto("/settings/automation");
  const runs = page.getByRole("table", { name: "Automation runs" });
  await expect(runs.getByRole("row", { name: /Provision tenant defaults/ })).toContainText("completed");
  await runs
    .getByRole("button", { name: /Details/ })
    .first()
    .click();
  const dialog = page.getByRole("dialog", { name: "Run details" });
  await expect(dialog).toContainText("create-starter-reference-data");
  await expect(dialog).toContainText("location:Headquarters");
  await expect(dialog.getByRole("button", { name: "Retry run" })).toHaveCount(0);
});
