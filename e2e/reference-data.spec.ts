import { authFile } from "./support";
import { expect, test } from "./test";

test.use({ storageState: authFile("admin") });

const unique = () => Date.now().toString(36).slice(-5);

test("a near-duplicate department is caught, named, and kept as an alias of the existing one", async ({
  page,
}) => {
  await page.goto("/settings/organizations");
  await page.getByRole("button", { name: "Add department" }).click();
  const dialog = page.getByRole("dialog", { name: "Add department" });
  await dialog.getByRole("button", { name: "Add department" }).click();
  await expect(dialog.getByText("Enter a name")).toBeVisible();

  await dialog.getByLabel("Name").fill("IT dept");
  await dialog.getByRole("button", { name: "Add department" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    '"IT dept" matches the existing department IT Department',
  );
  await expect(dialog.getByRole("button", { name: "Use IT Department" })).toBeVisible();
  await dialog.getByRole("button", { name: "Add as alias" }).click();
  await expect(dialog).toBeHidden();

  const departments = page.getByRole("table", { name: "Departments" });
  await expect(page.getByTestId("department-IT Department")).toContainText("IT dept");
  await expect(departments.getByRole("row").filter({ hasText: /^IT dept/ })).toHaveCount(0);
});

test("a category gets a required custom field", async ({ page }) => {
  const name = `Tablets ${unique()}`;
  await page.goto("/settings/categories");
  await page.getByRole("button", { name: "Add category" }).click();
  const create = page.getByRole("dialog", { name: "Add category" });
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Depreciation (months)").fill("0");
  await create.getByRole("button", { name: "Add category" }).click();
  await expect(create.getByText("Enter a whole number of months between 1 and 600")).toBeVisible();
  await create.getByLabel("Depreciation (months)").fill("30");
  await create.getByRole("button", { name: "Add category" }).click();

  const fields = page.getByRole("dialog", { name: `Custom fields of ${name}` });
  await expect(fields).toContainText("No custom fields yet.");
  await fields.getByRole("button", { name: "Add field" }).click();
  await expect(fields.getByText("Enter a label")).toBeVisible();
  await fields.getByLabel("Label").fill("Screen size");
  await fields.getByLabel("Type").click();
  await page.getByRole("option", { name: "Number" }).click();
  await fields.getByLabel("Required").check();
  await fields.getByRole("button", { name: "Add field" }).click();
  const field = fields.getByTestId("field-screen_size");
  await expect(field).toContainText("Screen size");
  await expect(field).toContainText("Required");
  await page.keyboard.press("Escape");

  const row = page.getByTestId(`category-${name}`);
  await expect(row).toContainText("30 months");
  await expect(row).toContainText("Screen size *");
});

test("a location that holds another is not deleted until its contents have somewhere to go", async ({
  page,
}) => {
  const site = `E2E Site ${unique()}`;
  const building = `E2E Building ${unique()}`;
  await page.goto("/settings/locations");
  await page.getByRole("button", { name: "Add site" }).click();
  const addSite = page.getByRole("dialog", { name: "Add a site" });
  await addSite.getByLabel("Name").fill(site);
  await addSite.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("list", { name: "Locations" })).toContainText(site);

  await page.getByRole("button", { name: `Actions for ${site}` }).click();
  await page.getByRole("menuitem", { name: "Add inside…" }).click();
  const addBuilding = page.getByRole("dialog", { name: `Add a location inside ${site}` });
  await addBuilding.getByLabel("Name").fill(building);
  await addBuilding.getByRole("button", { name: "Add location" }).click();
  await expect(page.getByRole("list", { name: `Inside ${site}` })).toContainText(building);

  await page.getByRole("button", { name: `Actions for ${site}` }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const remove = page.getByRole("dialog", { name: `Delete ${site}?` });
  await expect(remove).toContainText(`${site} holds 1 sub-location`);
  await remove.getByRole("button", { name: "Delete location" }).click();
  await expect(remove.getByRole("alert")).toContainText(
    `${site} holds 1 sub-location. Move them first, or choose a location to move them to.`,
  );

  await remove.getByLabel("Move its contents to").click();
  await page.getByRole("option", { name: "San Francisco HQ", exact: true }).click();
  await remove.getByRole("button", { name: "Delete location" }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByTestId(`location-${site}`)).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Inside San Francisco HQ" })).toContainText(building);
});
