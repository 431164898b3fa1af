import { signUp } from "./support";
import { expect, test } from "./test";

test("a sign-up's tenant.created runs in the embedded engine: starter data appears and the run is visible", async ({
  page,
}) => {
  // The sign-up's confirmation email is read from the local outbox first.
  test.slow();
  const suffix = Date.now().toString(36);
  await signUp(page, {
    organization: `Hooli ${suffix}`,
    name: "Gavin Belson",
    email: `gavin-${suffix}@hooli.test`,
    password: "box-three-signature",
  });

  // The function runs after the sign-up commits; the audit log shows its changes once it has.
  await page.goto("/audit?event=location.created&event=department.created");
  const activity = page.getByRole("table", { name: "Audit events" });
  await expect(async () => {
    await page.reload();
    await expect(activity).toContainText("Location created", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(activity).toContainText("Department created");

  // The starter data itself, where IT staff manage it.
  await page.goto("/settings/locations");
  await expect(page.getByRole("main")).toContainText("Headquarters");
  await page.goto("/settings/organizations");
  await expect(page.getByRole("main")).toContainText("IT Department");

  await page.goto("/settings/automation");
  const runs = page.getByRole("table", { name: "Automation runs" });
  const provision = runs.getByRole("row").filter({ hasText: "Provision tenant defaults" });
  await expect(provision).toContainText("completed");
  // The sign-up starts more than one function; the one that makes the starter data is this row's.
  await runs.getByRole("button", { name: "Details of the Provision tenant defaults run" }).click();
  const dialog = page.getByRole("dialog", { name: "Run details" });
  await expect(dialog).toContainText("create-starter-reference-data");
  await expect(dialog).toContainText("location:Headquarters");
  await expect(dialog.getByRole("button", { name: "Retry run" })).toHaveCount(0);
});
