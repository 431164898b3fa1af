import { authFile, mutate, openTab, unique } from "./support";
import { expect, test } from "./test";

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("an imported asset's audit entry says it was created by automation because of the confirmed import, and opens the chain", async ({
    page,
  }) => {
    // The import goes through the engine, which runs two functions at a time while people browse.
    test.slow();
    const suffix = unique().toUpperCase();
    const category = await mutate<{ id: string; name: string }>(page.request, "reference.category.create", {
      name: `E2E Why ${suffix}`,
      depreciationMonths: 36,
    });
    const tags = [`WHY-${suffix}-1`, `WHY-${suffix}-2`];
    await page.goto("/assets/import");
    await page.getByLabel("Choose a CSV file").setInputFiles({
      name: `why-${suffix}.csv`,
      mimeType: "text/csv",
      buffer: Buffer.from(
        ["Asset Tag,Name,Category", ...tags.map((tag) => `${tag},Laptop ${tag},${category.name}`)].join("\n"),
        "utf8",
      ),
    });
    await page.getByRole("button", { name: "Run dry run" }).click();
    await page.getByRole("button", { name: "Import 2 assets" }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 assets imported" })).toBeVisible({
      timeout: 30_000,
    });

    // the asset's own history says why it exists
    await page.goto(`/assets?q=${encodeURIComponent(tags[0] ?? "")}`);
    await page
      .getByRole("table", { name: "Assets" })
      .getByRole("link", { name: tags[0], exact: true })
      .click();
    await expect(page).toHaveURL(/\/assets\/[0-9a-f-]{36}$/);
    const assetId = page.url().split("/").at(-1) ?? "";
    await openTab(page, "Audit events");
    const history = page.getByRole("list", { name: `Audit events of ${tags[0]}` });
    const created = history.getByRole("listitem").filter({ hasText: "Asset created" });
    await expect(created).toContainText(
      "Created by automation (Import assets from CSV), because Asset import confirmed by Alex Admin <admin@acme.test> at",
    );

    // the audit log shows the same line, with the way to the whole chain
    await page.goto(`/audit?entityType=asset&entityId=${assetId}`);
    const row = page
      .getByRole("table", { name: "Audit events" })
      .getByRole("row")
      .filter({ hasText: "Asset created" });
    await expect(row).toContainText("because Asset import confirmed by Alex Admin");
    await row.getByRole("link", { name: /^Why\?/ }).click();

    await expect(page).toHaveURL(/\/audit\/chain\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "Why it happened" })).toBeVisible();
    const chain = page.getByRole("list", { name: "Causal chain" });
    // root -> the import function's run -> the assets it created
    await expect(chain.getByRole("heading", { name: /^Asset import confirmed/ })).toBeVisible();
    const runs = chain.getByRole("list", { name: "Automation triggered by asset import confirmed" });
    await expect(runs.getByRole("heading", { name: /^Automation: Import assets from CSV/ })).toBeVisible();
    const changes = runs.getByRole("list", { name: "Changes recorded by Import assets from CSV" });
    await expect(changes.getByRole("heading", { name: /^Asset created/ })).toHaveCount(2);
    await expect(changes.getByRole("heading", { name: /^Asset import completed/ })).toHaveCount(1);
    // the entry the chain was opened from is marked
    const opened = chain.locator('[aria-current="true"]');
    await expect(opened).toContainText("Asset created");
    await expect(opened).toContainText("the entry you opened");

    await runs.getByRole("button", { name: "Run details" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Run details" });
    await expect(dialog).toContainText("triggered by Asset import confirmed");
    await dialog.getByRole("button", { name: "Close" }).first().click();
    await expect(dialog).toBeHidden();
  });
});
