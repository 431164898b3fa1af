import { authFile, mutate, unique } from "./support";
import { expect, test } from "./test";

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("imports people from a CSV reached from the employees page, follows the progress and finds them in the list", async ({
    page,
  }) => {
    const suffix = unique();
    // a department of the test's own, written in the file with an abbreviation
    await mutate(page.request, "reference.department.create", {
      name: `E2E Information Technology ${suffix}`,
    });
    const [report, manager] = [`e2e-report-${suffix}@example.test`, `e2e-manager-${suffix}@example.test`];
    const csv = [
      "Name,Work email,Department,Manager,Hire date",
      // the manager comes later in the file than their report
      `Rita Report${suffix},${report},E2E IT ${suffix},${manager},2026-02-02`,
      `Max Manager${suffix},${manager},E2E Information Technology ${suffix},,`,
      `Nobody${suffix},,,,`,
    ].join("\n");

    await page.goto("/employees");
    await page.getByRole("link", { name: "Import CSV" }).click();
    await expect(page).toHaveURL(/\/employees\/import$/);
    await page.getByLabel("Choose a CSV file").setInputFiles({
      name: `people-${suffix}.csv`,
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    await expect(page).toHaveURL(/\/employees\/import\?id=[0-9a-f-]{36}$/);
    const mapping = page.getByRole("table", { name: "Column mapping" });
    await expect(mapping.getByRole("row", { name: /^Manager/ })).toContainText(
      "Manager (work email or employee number)",
    );
    await page.getByRole("button", { name: "Run dry run" }).click();

    const problems = page.getByRole("table", { name: "Row problems" });
    const bad = problems.getByRole("row").filter({ hasText: "Work email is missing" });
    await expect(bad.getByRole("cell").first()).toHaveText("4");
    await page.getByRole("button", { name: "Import 2 rows" }).click();

    // the page follows the run: its progress while it writes, then how each row ended
    const result = page.getByRole("region", { name: "Import result" });
    await expect(page.getByRole("progressbar", { name: "Import progress" }).or(result)).toBeVisible();
    await expect(result.locator("[data-slot=stat-card]").filter({ hasText: "Created" })).toContainText("2", {
      timeout: 30_000,
    });
    await expect(result.locator("[data-slot=stat-card]").filter({ hasText: "Failed" })).toContainText("1");

    await expect(page.getByRole("link", { name: "View employees" })).toBeVisible();
    await page.goto(`/employees?q=${encodeURIComponent(suffix)}`);
    const list = page.getByRole("table", { name: "Employees" });
    await expect(list.getByRole("link", { name: `Rita Report${suffix}` })).toBeVisible();
    await expect(list.getByRole("link", { name: `Max Manager${suffix}` })).toBeVisible();
    await expect(list.getByRole("row").filter({ hasText: `Rita Report${suffix}` })).toContainText(
      `E2E Information Technology ${suffix}`,
    );
  });
});
