import { searchParamsFromFilters } from "../server/audit/search-params";
import { authFile, mutate, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };
type Created = { id: string; tag: string };

const VIEWER_ZONE = "America/Los_Angeles";
const inViewerZone = (iso: string) =>
  new Intl.DateTimeFormat("en", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone: VIEWER_ZONE,
  }).format(new Date(iso));
const viewerDay = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: VIEWER_ZONE }).format(new Date(iso));

test.describe("times in the viewer's zone", () => {
  test.use({ storageState: authFile("admin"), timezoneId: VIEWER_ZONE });

  test("the audit log and the asset page show the same event at the same labelled time, and the day filter agrees", async ({
    page,
  }) => {
    const suffix = unique();
    const category = await mutate<Named>(page.request, "reference.category.create", {
      name: `Zone ${suffix}`,
    });
    const asset = await mutate<Created>(page.request, "assets.create", {
      name: `Zone laptop ${suffix}`,
      categoryId: category.id,
    });

    await page.goto(`/assets/${asset.id}`);
    const added = page.getByRole("list", { name: "Asset history" }).locator("time").first();
    const addedAt = (await added.getAttribute("datetime")) ?? "";
    await expect(added).toHaveAttribute("title", inViewerZone(addedAt));

    const filters = searchParamsFromFilters({ entityType: "asset", entityId: asset.id });
    await page.goto(`/audit?${filters}`);
    const logged = page.locator("table time").first();
    const loggedAt = (await logged.getAttribute("datetime")) ?? "";
    await expect(logged).toHaveText(inViewerZone(loggedAt));
    await expect(logged).toHaveText(/P[SD]T$/);
    // The server renders the viewer's zone too, once the browser has reported it.
    expect(await (await page.request.get(`/audit?${filters}`)).text()).toContain(inViewerZone(loggedAt));

    await page.getByLabel("From", { exact: true }).fill(viewerDay(loggedAt));
    await page.getByLabel("To", { exact: true }).fill(viewerDay(loggedAt));
    await expect(page.getByText(`Days run midnight to midnight, ${VIEWER_ZONE}.`)).toBeVisible();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/tz=America%2FLos_Angeles/);
    await expect(page.locator("table time").first()).toHaveText(inViewerZone(loggedAt));
  });
});

test.describe("messages a person can act on", () => {
  test.use({ storageState: authFile("admin") });

  test("a long category name is not cut: a counter says how far over the limit it is", async ({ page }) => {
    await page.goto("/settings/categories");
    await page.getByRole("button", { name: "Add category" }).click();
    const name = page.getByRole("dialog").getByLabel("Name");
    await name.fill("n".repeat(130));
    await expect(name).toHaveValue("n".repeat(130));
    await expect(page.getByText("10 over the limit of 120 characters")).toBeVisible();
    await expect(name).toHaveAttribute("aria-invalid", "true");
  });

  test("a duplicate tag, a negative cost and a currency sign are each explained on their own field", async ({
    page,
  }) => {
    const suffix = unique();
    const category = await mutate<Named>(page.request, "reference.category.create", {
      name: `Msg ${suffix}`,
    });
    const existing = await mutate<Created>(page.request, "assets.create", {
      name: `Tagged ${suffix}`,
      categoryId: category.id,
    });

    await page.goto("/assets/new");
    await page.getByLabel("Name").fill(`Second ${suffix}`);
    await page.getByRole("combobox", { name: "Category" }).click();
    await page.getByRole("option", { name: category.name, exact: true }).click();
    await page.getByLabel("Tag").fill(existing.tag);
    await page.getByLabel("Cost").fill("-5");
    await page.getByRole("button", { name: "Create asset" }).click();
    await expect(page.locator("#asset-cost-error")).toHaveText(
      "Enter zero or more; an amount cannot be negative",
    );

    await page.getByLabel("Cost").fill("$1299");
    await page.getByRole("button", { name: "Create asset" }).click();
    await expect(page.locator("#asset-cost-error")).toHaveText(
      "Enter the amount without a currency sign, like 1299.00",
    );

    await page.getByLabel("Cost").fill("1299");
    await page.getByRole("button", { name: "Create asset" }).click();
    await expect(page.locator("#asset-tag-error")).toHaveText(
      `Tag ${existing.tag} is already used by another asset.`,
    );
    await expect(page.getByRole("form", { name: "New asset" }).getByRole("alert")).toHaveCount(1);
  });

  test("a date the calendar does not have is refused in the field's own format", async ({ page }) => {
    await page.goto("/assets/new");
    const purchased = page.getByLabel("Purchase date");
    await purchased.focus();
    await page.keyboard.type("02302026");
    await purchased.blur();
    await expect(page.getByText("Enter a date that exists, like 01/31/2026")).toBeVisible();
    await expect(purchased).toHaveAttribute("aria-invalid", "true");
  });
});

test.describe("layout", () => {
  test.use({ storageState: authFile("admin") });

  test("a long category name does not widen the page", async ({ page }) => {
    await mutate<Named>(page.request, "reference.category.create", {
      name: `W${"w".repeat(100)}${unique()}`,
    });
    await page.goto("/settings/categories");
    await expect(page.getByRole("table", { name: "Categories" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("a row of fields stays in line when one of them shows an error", async ({ page }) => {
    await page.goto("/employees");
    await page.getByRole("button", { name: "New employee" }).click();
    const dialog = page.getByRole("dialog", { name: "New employee" });
    await dialog.getByLabel("Last name").fill(`Aligned ${unique()}`);
    await dialog.getByRole("button", { name: "Add employee" }).click();
    await expect(dialog.locator("#employee-firstName-error")).toHaveText("Enter a first name");
    // The error makes First name taller than its neighbour; Last name must not spread to match.
    const [first, last] = await Promise.all([
      dialog.getByLabel("First name").boundingBox(),
      dialog.getByLabel("Last name").boundingBox(),
    ]);
    expect(first && last).toBeTruthy();
    expect(Math.abs((first?.y ?? 0) - (last?.y ?? 100))).toBeLessThan(1);
  });

  test("/favicon.ico is served", async ({ request }) => {
    const response = await request.get("/favicon.ico");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("image/");
  });
});
