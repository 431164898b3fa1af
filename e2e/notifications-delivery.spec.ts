import type { Page } from "@playwright/test";
import { authFile, chooseOption, mutate, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };
type Created = { id: string; tag: string };

const PHONE = "+44 7700 900123";

async function assignToEmery(staffPage: Page, assetId: string) {
  await staffPage.goto(`/assets/${assetId}`);
  await staffPage.getByRole("button", { name: "Assign", exact: true }).click();
  const assign = staffPage.getByRole("dialog", { name: /^Assign/ });
  await assign.getByRole("combobox", { name: "Employee" }).fill("Emery");
  await assign.getByRole("option", { name: /Emery Employee/ }).click();
  await assign.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(assign).toBeHidden();
}

test("an employee adds a mobile number and asks for texts: the assignment's text lands in the admins' preview", async ({
  browser,
}) => {
  test.slow();
  const suffix = unique();
  const staff = await browser.newContext({ storageState: authFile("it_staff") });
  const employee = await browser.newContext({ storageState: authFile("employee") });
  const admin = await browser.newContext({ storageState: authFile("admin") });
  const portal = await employee.newPage();
  try {
    await portal.goto("/portal/notifications");
    const contact = portal.getByRole("form", { name: "Text messages and digest" });
    await contact.getByRole("textbox", { name: /mobile number/i }).fill("07700 900123");
    await contact.getByRole("button", { name: "Save" }).click();
    await expect(
      contact.getByText("Enter the number with its country code, like +44 7700 900123"),
    ).toBeVisible();
    await contact.getByRole("textbox", { name: /mobile number/i }).fill(PHONE);
    await contact.getByRole("button", { name: "Save" }).click();
    await expect(portal.getByText("Text messages go to your number ending 0123.")).toBeVisible();
    const sms = portal.getByRole("checkbox", { name: "Equipment assigned to you, by text message" });
    if (!(await sms.isChecked())) await sms.click();
    await expect(sms).toBeChecked();

    const staffPage = await staff.newPage();
    const category = await mutate<Named>(staffPage.request, "reference.category.create", {
      name: `E2E Texted laptops ${suffix}`,
      depreciationMonths: 36,
    });
    const laptop = await mutate<Created>(staffPage.request, "assets.create", {
      name: `E2E Texted ${suffix}`,
      categoryId: category.id,
    });
    await assignToEmery(staffPage, laptop.id);

    const adminPage = await admin.newPage();
    await expect(async () => {
      await adminPage.goto("/settings/notifications");
      await expect(
        adminPage
          .getByRole("list", { name: "Stored text messages" })
          .getByText(`E2E Texted ${suffix} is assigned to you`),
      ).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const text = adminPage.getByRole("listitem").filter({ hasText: `E2E Texted ${suffix}` });
    await expect(text).toContainText("To •••• 0123");
    await expect(text).toContainText("/portal");
    // the chart is drawn (a figure titled by its card) now that there are deliveries to show
    await expect(adminPage.getByRole("figure", { name: "Deliveries, last 14 days" })).toBeVisible();
    await expect(adminPage.getByRole("heading", { name: "Failed deliveries" })).toBeVisible();
  } finally {
    await mutate(portal.request, "notifications.setPreference", {
      type: "asset_assigned",
      channel: "sms",
      enabled: false,
    }).catch(() => undefined);
    await Promise.all([staff.close(), employee.close(), admin.close()]);
  }
});

test("an admin changes a role's default and sets it back", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: authFile("admin") });
  try {
    const page = await admin.newPage();
    await page.goto("/settings/notifications");
    await chooseOption(page, page, "Role", "Auditor");
    const box = page.getByRole("checkbox", { name: "Auditor: Equipment assigned to you, Daily digest" });
    await expect(box).not.toBeChecked();
    await box.click();
    await expect(box).toBeChecked();
    await page.reload();
    await chooseOption(page, page, "Role", "Auditor");
    await expect(
      page.getByRole("checkbox", { name: "Auditor: Equipment assigned to you, Daily digest" }),
    ).toBeChecked();
    await page.getByRole("checkbox", { name: "Auditor: Equipment assigned to you, Daily digest" }).click();
    await expect(
      page.getByRole("checkbox", { name: "Auditor: Equipment assigned to you, Daily digest" }),
    ).not.toBeChecked();
  } finally {
    await admin.close();
  }
});
