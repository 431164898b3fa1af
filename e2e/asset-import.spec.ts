import { authFile, mutate, unique } from "./support";
import { expect, test } from "./test";

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("imports the valid rows of a CSV whose dry run found one bad row, then exports and labels them", async ({
    page,
  }) => {
    const suffix = unique().toUpperCase();
    // a category of the test's own, so it does not depend on the demo catalog
    const category = await mutate<{ id: string; name: string }>(page.request, "reference.category.create", {
      name: `E2E Import ${suffix}`,
      depreciationMonths: 36,
    });
    const tags = [`IMP-${suffix}-1`, `IMP-${suffix}-2`];
    const csv = [
      "Asset Tag;Name;Serial Number;Category;Purchase Date;Cost",
      `${tags[0]};Imported laptop one;SN-${suffix}-1;${category.name};2026-01-15;1.299,00`,
      `IMP-${suffix}-BAD;Bad row;SN-${suffix}-3;${category.name};31/01/2026;10`,
      "",
      `${tags[1]};"Imported laptop\r\ntwo";SN-${suffix}-2;${category.name};;`,
    ].join("\r\n");

    await page.goto("/assets/import");
    await page.getByLabel("Choose a CSV file").setInputFiles({
      name: `import-${suffix}.csv`,
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFF${csv}`, "utf8"),
    });
    await expect(page).toHaveURL(/\/assets\/import\?id=[0-9a-f-]{36}$/);
    const mapping = page.getByRole("table", { name: "Column mapping" });
    await expect(mapping.getByRole("row", { name: /Serial Number/ })).toContainText("Serial number");
    await page.getByRole("button", { name: "Run dry run" }).click();

    const problems = page.getByRole("table", { name: "Row problems" });
    const bad = problems.getByRole("row").filter({ hasText: "31/01/2026" });
    await expect(bad).toContainText("is not a date");
    await expect(bad.getByRole("cell").first()).toHaveText("3");
    await expect(page.getByRole("radio", { name: /All or nothing/ })).toBeDisabled();
    await page.getByRole("radio", { name: /Import valid rows only/ }).check();
    await page.getByRole("button", { name: "Import 2 assets" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "2 assets imported; 1 row skipped." }),
    ).toBeVisible({
      timeout: 30_000,
    });

    await page.goto(`/assets?q=${encodeURIComponent(`IMP-${suffix}`)}`);
    for (const tag of tags) await expect(page.getByRole("link", { name: tag })).toBeVisible();
    await expect(page.getByText(`IMP-${suffix}-BAD`)).toHaveCount(0);

    const exported = await page.request.get(`/api/assets/export?q=IMP-${suffix}&sort=tag&dir=asc`);
    expect(exported.headers()["content-type"]).toContain("text/csv");
    const text = await exported.text();
    expect(text.startsWith("Asset Tag,Name,Serial Number,")).toBe(true);
    // one row per asset, sorted by tag; the second name keeps its line break inside quotes
    expect([...text.matchAll(/^(IMP-[^,]+),/gm)].map((match) => match[1])).toEqual(tags);
    expect(text).toContain('"Imported laptop\r\ntwo"');

    const labels = await page.request.get(`/api/assets/labels?q=IMP-${suffix}&size=avery-l7160`);
    expect(labels.headers()["content-type"]).toBe("application/pdf");
    expect((await labels.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  test("cancels an import on its confirm screen; it stays in the recent imports as cancelled", async ({
    page,
  }) => {
    const suffix = unique().toUpperCase();
    const category = await mutate<{ id: string; name: string }>(page.request, "reference.category.create", {
      name: `E2E Cancel ${suffix}`,
      depreciationMonths: 36,
    });
    const fileName = `cancel-${suffix}.csv`;
    await page.goto("/assets/import");
    await page.getByLabel("Choose a CSV file").setInputFiles({
      name: fileName,
      mimeType: "text/csv",
      buffer: Buffer.from(`Asset Tag,Name,Category\nCAN-${suffix},Laptop,${category.name}\n`, "utf8"),
    });
    await page.getByRole("button", { name: "Run dry run" }).click();
    await expect(page.getByRole("button", { name: "Import 1 assets" })).toBeVisible();

    await page.getByRole("button", { name: "Cancel import" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Cancel the import of ${fileName}?` });
    await expect(confirm).toContainText("Nothing has been written yet.");
    await confirm.getByRole("button", { name: "Cancel import" }).click();
    await expect(page.getByText("Import cancelled", { exact: true })).toBeVisible();
    await expect(
      page.getByRole("status").filter({ hasText: "The import was cancelled before anything was written." }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);

    await page.getByRole("link", { name: "Import another file" }).click();
    const recent = page.getByRole("table", { name: "Recent imports" });
    await expect(recent.getByRole("row", { name: new RegExp(fileName) })).toContainText("cancelled");
    await page.goto(`/assets?q=${encodeURIComponent(`CAN-${suffix}`)}`);
    await expect(page.getByText(`CAN-${suffix}`)).toHaveCount(0);
  });

  for (const mode of ["valid_only", "all_or_nothing"] as const) {
    test(`cancels an import while it writes (${mode}): ${mode === "valid_only" ? "the rows written stay" : "nothing stays"}`, async ({
      page,
    }) => {
      // Both modes write in short batches, so this runs on PGlite's one connection too.
      test.slow();
      const suffix = unique().toUpperCase();
      const category = await mutate<{ id: string; name: string }>(page.request, "reference.category.create", {
        name: `E2E Stop ${suffix}`,
        depreciationMonths: 36,
      });
      const rows = 30_000;
      const lines = ["Asset Tag,Name,Category"];
      for (let i = 0; i < rows; i++) lines.push(`STOP-${suffix}-${i},Laptop ${i},${category.name}`);
      await page.goto("/assets/import");
      await page.getByLabel("Choose a CSV file").setInputFiles({
        name: `stop-${suffix}.csv`,
        mimeType: "text/csv",
        buffer: Buffer.from(lines.join("\n"), "utf8"),
      });
      await page.getByRole("button", { name: "Run dry run" }).click();
      await page
        .getByRole("radio", { name: mode === "valid_only" ? /Import valid rows only/ : /All or nothing/ })
        .check();
      await page.getByRole("button", { name: "Import 30,000 assets" }).click();

      const progress = page.getByRole("progressbar", { name: "Import progress" });
      await expect(async () => {
        expect(Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
      }).toPass({ timeout: 30_000 });
      await page.getByRole("button", { name: "Cancel import" }).click();
      const confirm = page.getByRole("alertdialog", { name: /^Cancel the import of/ });
      await expect(confirm).toContainText(
        mode === "valid_only"
          ? "stops before its next batch"
          : "the rows it has written so far (not yet visible to anyone) are deleted",
      );
      await confirm.getByRole("button", { name: "Cancel import" }).click();

      await expect(page.getByText("Import cancelled", { exact: true })).toBeVisible({ timeout: 15_000 });
      const summary = page.getByRole("status").filter({ hasText: "The import was cancelled" });
      if (mode === "all_or_nothing") {
        await expect(summary).toHaveText(
          "The import was cancelled; the rows it had written were deleted before anyone saw them, so no asset was imported.",
        );
        await page.goto(`/assets?q=${encodeURIComponent(`STOP-${suffix}`)}`);
        await expect(page.getByText(`STOP-${suffix}`)).toHaveCount(0);
        return;
      }
      await expect(summary).toHaveText(
        /^The import was cancelled: [\d,]+ assets were imported before the cancel and stay; [\d,]+ rows not imported\.$/,
      );
      const kept = Number(
        /: ([\d,]+) assets/.exec((await summary.textContent()) ?? "")?.[1]?.replace(/,/g, ""),
      );
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(rows);
      const exported = await page.request.get(`/api/assets/export?q=STOP-${suffix}`);
      expect((await exported.text()).match(new RegExp(`^STOP-${suffix}-`, "gm"))?.length).toBe(kept);
    });
  }
});
