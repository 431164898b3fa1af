import type { APIRequestContext, Page } from "@playwright/test";
import { authFile, mutate, signUp, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };
type Created = { id: string; tag: string };

const phone = { width: 390, height: 844 };

/** An asset of this test's own, with a category and a cost. */
async function createAsset(request: APIRequestContext, suffix: string, name: string) {
  const category = await mutate<Named>(request, "reference.category.create", {
    name: `E2E Phones ${suffix}`,
    depreciationMonths: 24,
  });
  return mutate<Created>(request, "assets.create", { name, categoryId: category.id, cost: "1299.50" });
}

/** Whether the page is wider than the screen (a table or a long name pushing it sideways). */
const pageOverflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

/**
 * Scrolled to its last column, a list table still shows its key column (header and first row)
 * at its left edge, and the page itself never scrolls sideways.
 */
async function expectKeyColumnStays(page: Page, name: string, key: RegExp) {
  const table = page.getByRole("table", { name, exact: true });
  const firstCell = table.locator("tbody tr").first().locator("td, th").first();
  await expect(firstCell).toBeVisible();
  expect(await pageOverflows(page)).toBe(false);
  // below the audit log's filters the table starts under the fold: bring its header up first
  await table.locator("thead").scrollIntoViewIfNeeded();
  const scrolled = await table.evaluate((element) => {
    const container = element.parentElement as HTMLElement;
    container.scrollLeft = container.scrollWidth;
    return container.scrollLeft;
  });
  expect(scrolled).toBeGreaterThan(0);
  await expect(table.getByRole("columnheader").last()).toBeInViewport();
  await expect(table.getByRole("columnheader", { name: key })).toBeInViewport();
  await expect(firstCell).toBeInViewport();
  // At the left edge itself, however far the rest has scrolled.
  const [cell, container] = await Promise.all([
    firstCell.boundingBox(),
    table.locator("xpath=..").boundingBox(),
  ]);
  expect(Math.abs((cell?.x ?? -1) - (container?.x ?? 0))).toBeLessThan(1);
}

test.describe("on a phone", () => {
  test.use({ storageState: authFile("it_staff"), viewport: phone });

  test("the sidebar folds behind a menu button, the cards sit two to a row, tables scroll inside", async ({
    page,
  }) => {
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeHidden();
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(nav).toBeVisible();
    await nav.getByRole("link", { name: "Assets" }).click();
    await expect(page).toHaveURL(/\/assets/);
    await expect(nav).toBeHidden();

    await page.goto("/dashboard");
    const cards = page.getByRole("region", { name: "Assets at a glance" }).locator('[data-slot="stat-card"]');
    const [first, second, third] = await Promise.all([0, 1, 2].map((n) => cards.nth(n).boundingBox()));
    expect(first && second && third).toBeTruthy();
    expect(Math.abs((first?.y ?? 0) - (second?.y ?? 1))).toBeLessThan(2);
    expect(third?.y ?? 0).toBeGreaterThan((first?.y ?? 0) + (first?.height ?? 0) - 1);
    expect(await pageOverflows(page)).toBe(false);

    await page.goto("/assets");
    const table = page.getByRole("table", { name: "Assets" });
    await expect(table.getByRole("columnheader", { name: /Tag/ })).toBeInViewport();
    expect(await pageOverflows(page)).toBe(false);
    // Scrolled to its last column, the table still shows each row's tag at its left edge.
    const scrolled = await table.evaluate((element) => {
      const container = element.parentElement as HTMLElement;
      container.scrollLeft = container.scrollWidth;
      return container.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(0);
    await expect(table.getByRole("columnheader", { name: /Added/ })).toBeInViewport();
    await expect(table.getByRole("columnheader", { name: /Tag/ })).toBeInViewport();
  });

  test("the employee list keeps each name in view while the rest scrolls sideways", async ({ page }) => {
    await page.goto("/employees");
    await expectKeyColumnStays(page, "Employees", /^Name/);
  });

  test("the workflow list keeps each workflow in view while the rest scrolls sideways", async ({ page }) => {
    const asset = await createAsset(page.request, unique(), "E2E Phone repair");
    const templates = await page.request.get("/api/trpc/workflows.templates");
    const repair = ((await templates.json()).result.data.json as { id: string; kind: string }[]).find(
      (template) => template.kind === "repair",
    );
    expect(repair).toBeTruthy();
    await mutate(page.request, "workflows.start", { templateId: repair?.id, assetId: asset.id });
    await page.goto("/workflows");
    await expectKeyColumnStays(page, "Workflows", /^Workflow$/);
  });
});

test.describe("on a phone, as an admin", () => {
  test.use({ storageState: authFile("admin"), viewport: phone });

  test("the audit log keeps each event's time in view while the rest scrolls sideways", async ({ page }) => {
    await page.goto("/audit");
    await expectKeyColumnStays(page, "Audit events", /^Time/);
  });
});

test.describe("as IT staff", () => {
  test.use({ storageState: authFile("it_staff") });

  test("chooses the asset list's columns, and the choice survives a reload", async ({ page }) => {
    await page.goto("/assets");
    const table = page.getByRole("table", { name: "Assets" });
    await expect(table.getByRole("columnheader", { name: "Location" })).toBeVisible();
    await page.getByRole("button", { name: "Columns" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Location" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Cost" }).click();
    await page.keyboard.press("Escape");
    await expect(table.getByRole("columnheader", { name: "Location" })).toHaveCount(0);
    await expect(table.getByRole("columnheader", { name: "Cost" })).toBeVisible();
    await page.reload();
    await expect(table.getByRole("columnheader", { name: "Cost" })).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Location" })).toHaveCount(0);
  });

  test("the dashboard's recent activity names the asset a change was about, linked", async ({ page }) => {
    const suffix = unique();
    const asset = await createAsset(page.request, suffix, `E2E Pixel ${suffix}`);
    await page.goto("/dashboard");
    const activity = page.getByRole("list", { name: "Recent activity" });
    await activity.getByRole("link", { name: `${asset.tag} · E2E Pixel ${suffix}` }).click();
    await expect(page).toHaveURL(new RegExp(`/assets/${asset.id}$`));
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("finds an asset's history in the audit log by its tag, without choosing a type first", async ({
    page,
  }) => {
    const suffix = unique();
    const asset = await createAsset(page.request, suffix, `E2E Tablet ${suffix}`);
    await page.goto("/audit");
    await page.getByRole("textbox", { name: "Record" }).fill(asset.tag);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`entity=${asset.tag}`));
    const events = page.getByRole("table", { name: "Audit events" });
    await expect(events.getByRole("row")).toHaveCount(2);
    await expect(
      events.getByRole("link", { name: `${asset.tag} · E2E Tablet ${suffix}`, exact: true }),
    ).toBeVisible();
  });

  test("a new category's custom fields can be skipped, and dialogs have a Cancel button", async ({
    page,
  }) => {
    await page.goto("/settings/categories");
    await page.getByRole("button", { name: "Add category" }).click();
    const add = page.getByRole("dialog", { name: "Add category" });
    await add.getByRole("textbox", { name: "Name" }).fill(`E2E Drones ${unique()}`);
    await add.getByRole("button", { name: "Add category" }).click();
    const fields = page.getByRole("dialog", { name: /Custom fields of E2E Drones/ });
    await fields.getByRole("button", { name: "Skip for now" }).click();
    await expect(fields).toBeHidden();

    await page.goto("/employees");
    await page.getByRole("button", { name: /Add employee|New employee/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("dialog")).toBeHidden();
  });
});

test.describe("a new organization", () => {
  test.use({ locale: "de-DE" });

  test("starts with its first steps, in the currency of its locale", async ({ page }) => {
    const suffix = unique();
    await signUp(page, {
      organization: `Zeppelin ${suffix}`,
      name: "Greta Gründer",
      email: `greta-${suffix}@zeppelin.test`,
      password: "box-three-signature",
    });

    const header = page.getByRole("main");
    await expect(header).toContainText("Welcome, Greta.");
    await expect(header).not.toContainText("Welcome back");
    await expect(page.getByRole("link", { name: "Add your first asset" })).toHaveAttribute(
      "href",
      "/assets/new",
    );
    await expect(page.getByRole("link", { name: "Import from CSV" })).toHaveAttribute(
      "href",
      "/assets/import",
    );

    await page.goto("/settings/general");
    await expect(page.getByRole("combobox", { name: "Currency" })).toContainText("Euro (EUR)");
    const asset = await createAsset(page.request, suffix, `E2E Drone ${suffix}`);
    await page.goto(`/assets/${asset.id}`);
    await expect(page.getByRole("main")).toContainText("€1,299.50");
  });
});

test("sign-in offers Forgot password?, which never says whether an email has an account", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  const answerFor = async (email: string) => {
    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    const status = page.getByRole("status").filter({ hasText: "has an account" });
    await expect(status).toBeVisible();
    return (await status.textContent())?.replace(email, "<email>");
  };
  expect(await answerFor("it@acme.test")).toBe(await answerFor(`nobody-${unique()}@acme.test`));
});
