import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { authFile } from "./support";
import { expect, test } from "./test";

/** Calls a tRPC mutation as the signed-in user (superjson body), returning its result. */
async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await response.json();
  expect(response.ok(), `${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const asNumber = (text: string | null) => Number((text ?? "").replace(/[^\d.]/g, ""));

const headline = (page: Page) => page.getByRole("region", { name: "Assets at a glance" });
const card = (page: Page, label: string) =>
  headline(page).getByRole("link", { name: new RegExp(`^${label}`) });
const cardValue = async (page: Page, label: string) =>
  asNumber(await card(page, label).locator('[data-slot="stat-card-value"]').textContent());
/** A chart's figures, from the table that stands in for it for assistive technology. */
const chartTable = (page: Page, name: string) => page.getByRole("table", { name });
const tableValue = async (table: Locator, row: RegExp) =>
  asNumber(await table.getByRole("row", { name: row }).getByRole("cell").first().textContent());
/** Repairs this week: the activity table's last row (this week), its third figure. */
const repairsThisWeek = async (page: Page) =>
  asNumber(
    await chartTable(page, "Asset activity").getByRole("row").last().getByRole("cell").nth(2).textContent(),
  );
const bars = (page: Page, chart: string) =>
  page.getByRole("figure", { name: chart }).locator(".recharts-bar-rectangle path");

test.describe("as IT staff", () => {
  test.use({ storageState: authFile("it_staff") });

  test("opens on the asset figures, and each card leads to the assets it counts", async ({ page }) => {
    await page.goto("/dashboard");
    for (const label of [
      "Total assets",
      "Assigned",
      "In stock",
      "In repair",
      "Lost or stolen",
      "Warranty ending",
    ]) {
      await expect(card(page, label)).toBeVisible();
    }
    await expect(headline(page)).toContainText("Purchase cost");
    await expect(headline(page)).toContainText("Book value");

    const total = await cardValue(page, "Total assets");
    expect(total).toBeGreaterThan(0);
    const byStatus = chartTable(page, "Assets by status");
    const kinds = ["On order", "In stock", "Assigned", "In repair", "Lost", "Stolen", "Retired"];
    const counts = await Promise.all(kinds.map((kind) => tableValue(byStatus, new RegExp(`^${kind} `))));
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(total);
    expect(await cardValue(page, "Assigned")).toBe(counts[2]);

    await card(page, "Lost or stolen").click();
    await expect(page).toHaveURL(/\/assets\?kind=lost%2Cstolen$/);
    const rows = page.getByRole("table", { name: "Assets" }).getByRole("row");
    await expect(rows.nth(1)).toBeVisible();
    for (const row of (await rows.all()).slice(1)) await expect(row).toContainText(/Lost|Stolen/);

    await page.goto("/dashboard");
    await card(page, "Warranty ending").click();
    await expect(page).toHaveURL(/warranty=90/);
    await expect(page.getByRole("combobox", { name: "Warranty" })).toContainText("90");
  });

  test("counts the devices not seen for the stale days, and lists exactly them, each flagged", async ({
    page,
  }) => {
    await page.goto("/dashboard");
    // the demo's quiet devices, by the default 14 stale days
    const quiet = page
      .getByRole("region", { name: "Agent check-ins" })
      .getByRole("link", { name: /^Not seen for 14\+ days/ });
    const count = asNumber(await quiet.locator('[data-slot="stat-card-value"]').textContent());
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(50);

    await quiet.click();
    await expect(page).toHaveURL(/\/assets\?stale=1$/);
    await expect(page.getByRole("combobox", { name: "Agent check-in" })).toContainText(
      "Not seen for 14+ days",
    );
    const rows = page.getByRole("table", { name: "Assets" }).getByRole("row");
    await expect(rows).toHaveCount(1 + count);
    for (const row of (await rows.all()).slice(1)) {
      await expect(row).toContainText(/Agent Not seen (1[4-9]|[2-9]\d|\d{3,}) days/);
    }

    await rows.nth(1).getByRole("link").first().click();
    await expect(page.getByRole("region", { name: "Agent" })).toContainText(/Not seen \d+ days/);
  });

  test("draws the status, category and activity charts, with their figures as tables", async ({ page }) => {
    await page.goto("/dashboard");
    for (const chart of ["Assets by status", "Assets by category", "Asset activity"]) {
      await expect(page.getByRole("figure", { name: chart })).toBeVisible();
      await expect(bars(page, chart).first()).toBeVisible();
    }
    // a row per lifecycle kind but disposed, per category shown, per week
    await expect(chartTable(page, "Assets by status").getByRole("row")).toHaveCount(1 + 7);
    await expect(chartTable(page, "Asset activity").getByRole("row")).toHaveCount(1 + 12);
    const categories = await chartTable(page, "Assets by category").getByRole("row").count();
    expect(categories - 1).toBeGreaterThan(0);
    expect(categories - 1).toBeLessThanOrEqual(9);

    // the status bars come in lifecycle order; hovering one names it
    await bars(page, "Assets by status").nth(2).hover();
    await expect(page.locator(".recharts-tooltip-wrapper").first()).toContainText("Assigned");
  });

  test("an asset sent to repair shows up on the card and in this week's activity", async ({ page }) => {
    await page.goto("/dashboard");
    const inRepair = await cardValue(page, "In repair");
    const repairs = await repairsThisWeek(page);

    const suffix = unique();
    const category = await mutate<{ id: string }>(page.request, "reference.category.create", {
      name: `E2E Dashboard ${suffix}`,
      depreciationMonths: 36,
    });
    const asset = await mutate<{ id: string }>(page.request, "assets.create", {
      name: `Dashboard ${suffix}`,
      categoryId: category.id,
    });
    await mutate(page.request, "assets.changeStatus", { assetId: asset.id, kind: "in_repair" });

    await page.reload();
    expect(await cardValue(page, "In repair")).toBe(inRepair + 1);
    expect(await repairsThisWeek(page)).toBe(repairs + 1);
  });

  test("fits a phone screen, and the charts take the dark theme's colors", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/dashboard");
    const assigned = bars(page, "Assets by status").nth(2);
    await expect(assigned).toBeVisible();
    const fill = () => assigned.evaluate((element) => getComputedStyle(element).fill);
    const light = await fill();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);

    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("html")).toHaveClass(/dark/);
    expect(await fill()).not.toBe(light);
    await expect(bars(page, "Asset activity").first()).toBeVisible();
  });
});

test.describe("as auditor", () => {
  test.use({ storageState: authFile("auditor") });

  test("sees the same dashboard, read-only", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(card(page, "Total assets")).toBeVisible();
    await expect(page.getByRole("figure", { name: "Asset activity" })).toBeVisible();
  });
});
