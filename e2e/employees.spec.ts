import type { APIRequestContext } from "@playwright/test";
import { authFile, mutate, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };

const dayFrom = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A person of this test's own, with personal data, so it does not depend on the demo data. */
function hire(request: APIRequestContext, suffix: string) {
  return mutate<Named>(request, "employees.create", {
    firstName: "Pia",
    lastName: `Private ${suffix}`,
    personalEmail: `pia.${suffix}@home.example`,
    phone: "+1 415 555 0142",
    nationalId: "900-12-3456",
  });
}

test.describe("as IT staff", () => {
  test.use({ storageState: authFile("it_staff") });

  test("personal data stays masked until revealed, and the reveal is in the person's history", async ({
    page,
  }) => {
    const person = await hire(page.request, unique());
    await page.goto(`/employees/${person.id}`);
    await expect(page.getByText("+1 415 555 0142")).toHaveCount(0);
    await page.getByRole("button", { name: "Reveal phone" }).click();
    await expect(page.getByText("+1 415 555 0142")).toBeVisible();
    await page.getByRole("button", { name: "Hide phone" }).click();
    await expect(page.getByText("+1 415 555 0142")).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("list", { name: `History of ${person.name}` })).toContainText(
      "Employee sensitive revealed",
    );
  });

  test("edits, schedules a termination, cancels it, terminates now and reactivates", async ({ page }) => {
    test.slow();
    const person = await hire(page.request, unique());
    await page.goto(`/employees/${person.id}`);

    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${person.name}` });
    await edit.getByRole("textbox", { name: "Job title" }).fill("Data Steward");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("Data Steward").first()).toBeVisible();

    await page.getByRole("button", { name: "Terminate", exact: true }).click();
    let terminate = page.getByRole("dialog", { name: `Terminate ${person.name}` });
    await terminate.getByLabel("Last day").fill(dayFrom(20));
    await terminate.getByRole("textbox", { name: "Reason" }).fill("Moving abroad");
    await terminate.getByRole("button", { name: "Terminate", exact: true }).click();
    await expect(terminate).toBeHidden();
    await expect(page.getByRole("definition").filter({ hasText: "Moving abroad" })).toBeVisible();

    await page.getByRole("button", { name: "Cancel termination" }).click();
    const cancel = page.getByRole("dialog", { name: /termination$/ });
    await cancel.getByRole("button", { name: "Cancel termination" }).click();
    await expect(cancel).toBeHidden();

    await page.getByRole("button", { name: "Terminate", exact: true }).click();
    terminate = page.getByRole("dialog", { name: `Terminate ${person.name}` });
    await terminate.getByRole("button", { name: "Terminate", exact: true }).click();
    await expect(terminate).toBeHidden();
    await expect(page.getByRole("button", { name: "Reactivate", exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Reactivate", exact: true }).click();
    const reactivate = page.getByRole("dialog", { name: `Reactivate ${person.name}` });
    await reactivate.getByRole("button", { name: "Reactivate", exact: true }).click();
    await expect(reactivate).toBeHidden();
    await expect(page.getByRole("button", { name: "Terminate", exact: true })).toBeVisible();
  });

  test("lists the people hired in the last 30 days, sorted newest first", async ({ page }) => {
    await page.goto("/employees?view=hired_recently&sort=hireDate&dir=desc");
    const rows = page.getByRole("table", { name: "Employees" }).getByRole("row");
    await expect(rows.nth(1)).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Hired/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
  });
});

test.describe("as an auditor", () => {
  test.use({ storageState: authFile("auditor") });

  test("sees which personal fields are recorded, and no way to reveal them", async ({ page, browser }) => {
    const staff = await browser.newContext({ storageState: authFile("it_staff") });
    const person = await hire(staff.request, unique());
    await staff.close();
    await page.goto(`/employees/${person.id}`);
    await expect(page.getByText("Only admins and IT staff can reveal these.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Reveal/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Terminate", exact: true })).toHaveCount(0);
  });
});
