import { type APIRequestContext, expect, test } from "@playwright/test";
import { authFile } from "./support";

/** Calls a tRPC mutation as the signed-in user (superjson body), returning its result. */
async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await response.json();
  expect(response.ok(), `${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("imports the valid rows of a CSV whose dry run found one bad row, then exports and labels them", async ({
    page,
  }) => {
    const suffix = unique();
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
});
