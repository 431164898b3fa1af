import { authFile } from "./support";
import { expect, test } from "./test";

test.use({ storageState: authFile("it_staff") });

test("a seeded employee's history shows the equipment they hold, named and linked", async ({ page }) => {
  await page.goto("/employees?q=Emery");
  await page
    .getByRole("table", { name: "Employees" })
    .getByRole("link", { name: "Emery Employee", exact: true })
    .click();
  const history = page.getByRole("list", { name: "History of Emery Employee" });
  await expect(history).toContainText("Employee created");
  // `has` looks inside each entry, so the link's locator starts from the page, not the list
  const laptop = page.getByRole("link", { name: /^AST-\d{6} · Apple MacBook Air 13$/ });
  const laptopEntry = history.getByRole("listitem").filter({ has: laptop }).first();
  await expect(laptopEntry).toContainText("Asset assigned");
  await laptopEntry.getByRole("link").click();
  await expect(page).toHaveURL(/\/assets\/[0-9a-f-]{36}$/);
});
