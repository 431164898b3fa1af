import type { APIRequestContext, Page } from "@playwright/test";
import { authFile, mutate, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };

/** Three people of this test's own, so it does not depend on the demo data. */
async function people(request: APIRequestContext, suffix: string): Promise<Named[]> {
  const made: Named[] = [];
  for (const firstName of ["Lina", "Lars", "Liv"]) {
    made.push(await mutate<Named>(request, "employees.create", { firstName, lastName: `Seat ${suffix}` }));
  }
  return made;
}

/** Picks `person` in the licence page's employee picker and asks for a seat. */
async function assignSeat(page: Page, person: Named, suffix: string) {
  const form = page.getByRole("form", { name: /^Assign a seat of/ });
  await form.getByRole("combobox", { name: "Employee" }).fill(`${person.name.split(" ")[0]} Seat ${suffix}`);
  await form.getByRole("option", { name: new RegExp(person.name) }).click();
  await form.getByRole("button", { name: "Assign seat" }).click();
}

test.describe("as IT staff", () => {
  test.use({ storageState: authFile("it_staff") });

  test("creates a licence with 2 seats, gives them to two people, is refused a third, and revokes one", async ({
    page,
  }) => {
    test.slow();
    const suffix = unique();
    const [lina, lars, liv] = await people(page.request, suffix);
    if (!lina || !lars || !liv) throw new Error("three people expected");
    const name = `E2E Figma ${suffix}`;

    await page.goto("/licenses");
    await page.getByRole("button", { name: "New licence" }).click();
    const create = page.getByRole("dialog", { name: "New licence" });
    // Nothing typed: the name is required, and the form says so on the field.
    await create.getByRole("button", { name: "Add licence" }).click();
    await expect(create.getByRole("textbox", { name: "Name" })).toHaveAccessibleDescription(/Enter the name/);
    await create.getByRole("textbox", { name: "Name" }).fill(name);
    await create.getByRole("textbox", { name: "Vendor" }).fill("Figma Inc");
    await create.getByRole("textbox", { name: "Seats" }).fill("2");
    await create.getByRole("textbox", { name: /^Cost per seat/ }).fill("15");
    await create.getByRole("button", { name: "Add licence" }).click();
    await expect(create).toBeHidden();

    const table = page.getByRole("table", { name: "Licences" });
    const row = table.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("Figma Inc");
    await expect(row.getByRole("meter", { name: `Seats of ${name} in use` })).toHaveAttribute("value", "0");
    await row.getByRole("link", { name }).click();
    await expect(page).toHaveURL(/\/licenses\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

    await assignSeat(page, lina, suffix);
    const holders = page.getByRole("table", { name: `Holders of ${name}`, exact: true });
    await expect(holders.getByRole("link", { name: lina.name })).toBeVisible();
    await assignSeat(page, lars, suffix);
    await expect(holders.getByRole("link", { name: lars.name })).toBeVisible();

    // Both seats taken: the third person is refused, and told why, where they are looking.
    await assignSeat(page, liv, suffix);
    await expect(page.getByText(`All 2 seats of ${name} are in use`)).toBeVisible();
    await expect(holders.getByRole("link", { name: liv.name })).toHaveCount(0);

    await holders
      .getByRole("row")
      .filter({ hasText: lina.name })
      .getByRole("button", { name: `Revoke ${lina.name}'s seat` })
      .click();
    const revoke = page.getByRole("dialog", { name: `Revoke ${name} from ${lina.name}` });
    await revoke.getByRole("textbox", { name: "Reason" }).fill("Moved to the sales team");
    await revoke.getByRole("button", { name: "Revoke" }).click();
    await expect(revoke).toBeHidden();
    await expect(holders.getByRole("link", { name: lina.name })).toHaveCount(0);
    const past = page.getByRole("table", { name: `Past holders of ${name}` });
    await expect(past.getByRole("row").filter({ hasText: lina.name })).toContainText(
      "Moved to the sales team",
    );

    // The freed seat goes to the third person after all; the list shows the seats full again.
    await assignSeat(page, liv, suffix);
    await expect(holders.getByRole("link", { name: liv.name })).toBeVisible();
    await page.goto("/licenses");
    await expect(
      page.getByRole("table", { name: "Licences" }).getByRole("meter", { name: `Seats of ${name} in use` }),
    ).toHaveAttribute("value", "2");

    // The revoked person's page lists no licence; one who holds it does.
    await page.goto(`/employees/${lina.id}`);
    await expect(page.getByText(`${lina.name} holds no licences.`)).toBeVisible();
    await page.goto(`/employees/${lars.id}`);
    await expect(page.getByRole("table", { name: `Licences held by ${lars.name}` })).toContainText(name);
  });
});
