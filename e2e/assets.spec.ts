import type { APIRequestContext } from "@playwright/test";
import { authFile, chooseOption, mutate, openTab, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };
type Created = { id: string; tag: string };

/** A category and an employee of this test's own, so it does not depend on the demo data. */
async function fixtures(request: APIRequestContext, suffix: string) {
  const category = await mutate<Named>(request, "reference.category.create", {
    name: `E2E Laptops ${suffix}`,
    depreciationMonths: 36,
  });
  const employee = await mutate<Named>(request, "employees.create", {
    firstName: "Ella",
    lastName: `Tester ${suffix}`,
  });
  return { category, employee };
}

test.describe("as IT staff", () => {
  test.use({ storageState: authFile("it_staff") });

  test("creates an asset, assigns it, takes it back and retires it; the history tells each step in order", async ({
    page,
  }) => {
    test.slow();
    const suffix = unique();
    const { category, employee } = await fixtures(page.request, suffix);

    await page.goto("/assets");
    await page.getByRole("link", { name: "New asset" }).click();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`E2E MacBook ${suffix}`);
    await page.getByRole("textbox", { name: "Serial number" }).fill(`SN-${suffix}`);
    await chooseOption(page, page, "Category", category.name);
    await page.getByRole("textbox", { name: "Cost" }).fill("1200");
    await page.getByRole("button", { name: "Create asset" }).click();
    await expect(page).toHaveURL(/\/assets\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`E2E MacBook ${suffix}`);

    await page.getByRole("button", { name: "Assign", exact: true }).click();
    const assign = page.getByRole("dialog", { name: /^Assign/ });
    await assign.getByRole("combobox", { name: "Employee" }).fill(`Tester ${suffix}`);
    await assign.getByRole("option", { name: new RegExp(employee.name) }).click();
    await assign.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(assign).toBeHidden();
    await expect(page.getByText(`held by ${employee.name}`)).toBeVisible();

    await page.getByRole("button", { name: "Return", exact: true }).click();
    const giveBack = page.getByRole("dialog", { name: /^Return/ });
    await chooseOption(page, giveBack, "Condition", "Fair (normal wear)");
    await giveBack.getByRole("button", { name: "Record return" }).click();
    await expect(giveBack).toBeHidden();
    await expect(page.getByText(`held by ${employee.name}`)).toHaveCount(0);

    await page.getByRole("button", { name: "Change status" }).click();
    const status = page.getByRole("dialog", { name: /^Change the status/ });
    await chooseOption(page, status, "New status", "Retired");
    await status.getByRole("button", { name: "Change status" }).click();
    await expect(status).toBeHidden();
    await expect(page.getByRole("button", { name: "Assign", exact: true })).toHaveAttribute(
      "aria-disabled",
      "true",
    );

    const history = page.getByRole("list", { name: "Asset history" });
    await expect(history.getByRole("listitem")).toHaveText([
      /^Retired/,
      new RegExp(`^Returned by ${employee.name}.*Condition: Fair`),
      new RegExp(`^Assigned to ${employee.name}`),
      /^Added to inventory/,
    ]);
    await openTab(page, "Audit events");
    await expect(page.getByRole("list", { name: /^Audit events of/ })).toContainText("Asset returned");
  });

  test("a bulk retire over two assets retires the one in stock and explains why the other was not", async ({
    page,
  }) => {
    const suffix = unique();
    const { category, employee } = await fixtures(page.request, suffix);
    const inStock = await mutate<Created>(page.request, "assets.create", {
      name: `Bulk ${suffix} spare`,
      categoryId: category.id,
    });
    const lent = await mutate<Created>(page.request, "assets.create", {
      name: `Bulk ${suffix} lent`,
      categoryId: category.id,
    });
    await mutate(page.request, "assets.assign", { assetId: lent.id, employeeId: employee.id });

    await page.goto(`/assets?q=${encodeURIComponent(`Bulk ${suffix}`)}&sort=tag&dir=asc`);
    const table = page.getByRole("table", { name: "Assets" });
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(page.getByText("1–2 of 2")).toBeVisible();
    await page.getByRole("checkbox", { name: "Select all assets on this page" }).click();
    await expect(page.getByText("2 assets selected")).toBeVisible();

    await page.getByRole("button", { name: "Retire…" }).click();
    await page
      .getByRole("dialog", { name: "Retire assets" })
      .getByRole("button", { name: "Retire 2 assets" })
      .click();

    const summary = page.getByRole("alert", { name: "Bulk action summary" });
    await expect(summary).toContainText("Retired 1 of 2 assets; 1 could not be");
    await expect(summary.getByRole("list", { name: "Not changed" })).toContainText(
      `${lent.tag}: ${lent.tag} is Assigned (assigned) and cannot become retired. Return it first.`,
    );
    await summary.getByText("1 asset changed").click();
    await expect(summary.getByRole("list", { name: "Changed", exact: true })).toHaveText(inStock.tag);
    await expect(page.getByText("1 asset selected")).toBeVisible();
    await expect(table.getByRole("row", { name: new RegExp(inStock.tag) })).toContainText("Retired");
  });

  test("the list view lives in the URL: sorting survives a reload, and / jumps to search", async ({
    page,
  }) => {
    const suffix = unique();
    const { category } = await fixtures(page.request, suffix);
    for (const name of ["Alpha", "Beta"]) {
      await mutate(page.request, "assets.create", { name: `${name} ${suffix}`, categoryId: category.id });
    }
    await page.goto("/assets");
    const search = page.getByRole("searchbox", { name: /Search assets/ });
    // Retried until the page has hydrated and listens for the shortcut.
    await expect(async () => {
      await page.keyboard.press("/");
      await expect(search).toBeFocused({ timeout: 500 });
    }).toPass();
    await search.fill(suffix);
    await expect(page).toHaveURL(new RegExp(`q=${suffix}`));
    await page.getByRole("button", { name: /^Name/ }).click();
    await expect(page).toHaveURL(/sort=name/);
    const nameHeader = page.getByRole("columnheader", { name: /^Name/ });
    await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
    await page.getByRole("button", { name: /^Name/ }).click();
    await expect(nameHeader).toHaveAttribute("aria-sort", "descending");

    await page.reload();
    await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    await expect(page.getByRole("searchbox", { name: /Search assets/ })).toHaveValue(suffix);
    const rows = page.getByRole("table", { name: "Assets" }).getByRole("row");
    await expect(rows.nth(1)).toContainText(`Beta ${suffix}`);
    await expect(rows.nth(2)).toContainText(`Alpha ${suffix}`);
  });
});

test.describe("as auditor", () => {
  test.use({ storageState: authFile("auditor") });

  test("sees assets read-only", async ({ page, playwright, baseURL }) => {
    const staff = await playwright.request.newContext({ baseURL, storageState: authFile("it_staff") });
    const suffix = unique();
    const { category } = await fixtures(staff, suffix);
    const asset = await mutate<Created>(staff, "assets.create", {
      name: `Audited ${suffix}`,
      categoryId: category.id,
    });
    await staff.dispose();

    await page.goto(`/assets?q=${suffix}`);
    await expect(page.getByRole("table", { name: "Assets" })).toContainText(asset.tag);
    await expect(page.getByRole("link", { name: "New asset" })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await page.getByRole("link", { name: asset.tag }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Audited ${suffix}`);
    await expect(page.getByRole("list", { name: "Asset history" })).toContainText("Added to inventory");
    await expect(page.getByRole("region", { name: "Asset actions" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Assign", exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  });
});
