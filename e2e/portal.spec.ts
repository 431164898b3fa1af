import type { APIRequestContext, Page } from "@playwright/test";
import { authFile, chooseOption, mutate, openTab, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };

/**
 * Everything the portal needs, made by an admin for this test alone: an employee with a work
 * email, a laptop handed to them, and an invitation to that email with the employee role.
 */
async function newHire(request: APIRequestContext, suffix: string) {
  const email = `portal-${suffix}@acme.test`;
  const category = await mutate<Named>(request, "reference.category.create", {
    name: `E2E Portal laptops ${suffix}`,
    depreciationMonths: 36,
  });
  const employee = await mutate<Named>(request, "employees.create", {
    firstName: "Pia",
    lastName: `Portal ${suffix}`,
    workEmail: email,
  });
  const laptop = await mutate<{ id: string; tag: string }>(request, "assets.create", {
    name: `E2E Portal MacBook ${suffix}`,
    categoryId: category.id,
    serial: `SN-P-${suffix}`,
  });
  await mutate(request, "assets.assign", {
    assetId: laptop.id,
    employeeId: employee.id,
    expectedReturnAt: "2028-01-31",
  });
  const invitation = await mutate<{ link: string }>(request, "accounts.invite", { email, role: "employee" });
  return { employee, laptop, invitation };
}

/** Draws a short stroke across the signature pad with the mouse. */
async function drawSignature(page: Page) {
  const pad = page.getByRole("img", { name: /Signature pad/ });
  const box = await pad.boundingBox();
  if (!box) throw new Error("the signature pad is not on screen");
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 3, box.y + 20, { steps: 8 });
  await page.mouse.move(box.x + (2 * box.width) / 3, box.y + box.height - 20, { steps: 8 });
  await page.mouse.up();
}

test.describe("the self-service portal", () => {
  test.use({ storageState: authFile("admin") });

  test("a new hire joins, sees their laptop, accepts it with a drawn signature, then reports it lost", async ({
    page,
    browser,
  }) => {
    test.slow();
    const suffix = unique();
    const { laptop, invitation } = await newHire(page.request, suffix);

    const hire = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const portal = await hire.newPage();
    await portal.goto(new URL(invitation.link).pathname);
    await portal.getByLabel("Your name").fill(`Pia Portal ${suffix}`);
    await portal.getByLabel("Choose a password").fill("first-day-password");
    await portal.getByRole("button", { name: "Join" }).click();
    await expect(portal).toHaveURL(/\/portal$/);

    const item = portal.getByRole("listitem", { name: new RegExp(laptop.tag) });
    await expect(item).toBeVisible();
    await expect(item.getByText("Waiting for your acceptance")).toBeVisible();
    await item.getByRole("button", { name: "Accept" }).click();
    const accept = portal.getByRole("dialog", { name: /^Accept/ });
    await expect(accept.getByText(/Equipment terms \(version 1\)/)).toBeVisible();
    await accept.getByRole("textbox", { name: "Your full name" }).fill(`Pia Portal ${suffix}`);
    await drawSignature(portal);
    await accept.getByRole("button", { name: "Accept and sign" }).click();
    await expect(accept).toBeHidden();
    await expect(item.getByText("Receipt signed")).toBeVisible();
    await expect(item.getByRole("link", { name: "Signed receipt (PDF)" })).toBeVisible();

    const staff = await browser.newContext({ storageState: authFile("it_staff") });
    const staffPage = await staff.newPage();
    await staffPage.goto(`/assets/${laptop.id}`);
    await expect(staffPage.getByText(`Signed by Pia Portal ${suffix} (drawn signature)`)).toBeVisible();
    const pdf = staffPage.getByRole("link", { name: "Signed receipt (PDF)" });
    const response = await staffPage.request.get((await pdf.getAttribute("href")) ?? "");
    expect(response.headers()["content-type"]).toBe("application/pdf");
    await openTab(staffPage, "Files");
    await expect(staffPage.getByText(/^Receipt .*\.pdf$/)).toBeVisible();

    await item.getByRole("button", { name: "Report a problem" }).click();
    const report = portal.getByRole("dialog", { name: /^Report a problem/ });
    await chooseOption(portal, report, "What happened", "Lost");
    await report.getByRole("textbox", { name: "Description" }).fill("Left it on the train");
    await report.getByRole("button", { name: "Report" }).click();
    await expect(report).toBeHidden();
    await expect(portal.getByRole("listitem", { name: new RegExp(laptop.tag) })).toHaveCount(0);

    await staffPage.reload();
    await expect(staffPage.getByText("Lost", { exact: true }).first()).toBeVisible();
    await hire.close();
    await staff.close();
  });
});
