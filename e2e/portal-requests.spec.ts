import type { APIRequestContext, Browser } from "@playwright/test";
import { authFile, chooseOption, mutate, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };

/**
 * An employee of this test alone, signed in to the portal: an admin creates the record (and, when
 * asked, a laptop handed to them) and invites its work email; the employee joins.
 */
async function joinedEmployee(
  request: APIRequestContext,
  browser: Browser,
  suffix: string,
  withLaptop: boolean,
) {
  const email = `requests-${suffix}@acme.test`;
  const category = await mutate<Named>(request, "reference.category.create", {
    name: `E2E Monitors ${suffix}`,
    depreciationMonths: 36,
  });
  const employee = await mutate<Named>(request, "employees.create", {
    firstName: "Rhea",
    lastName: `Requests ${suffix}`,
    workEmail: email,
  });
  let laptop: { id: string; tag: string } | null = null;
  if (withLaptop) {
    laptop = await mutate<{ id: string; tag: string }>(request, "assets.create", {
      name: `E2E Receipt laptop ${suffix}`,
      categoryId: category.id,
    });
    await mutate(request, "assets.assign", { assetId: laptop.id, employeeId: employee.id });
  }
  const invitation = await mutate<{ link: string }>(request, "accounts.invite", { email, role: "employee" });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const portal = await context.newPage();
  await portal.goto(new URL(invitation.link).pathname);
  await portal.getByLabel("Your name").fill(`Rhea Requests ${suffix}`);
  await portal.getByLabel("Choose a password").fill("first-day-password");
  await portal.getByRole("button", { name: "Join" }).click();
  await expect(portal).toHaveURL(/\/portal$/);
  return { category, employee, laptop, context, portal };
}

test.describe("equipment requests and pending receipts", () => {
  test.use({ storageState: authFile("admin") });

  test("an employee requests a monitor, IT staff approve it, the employee sees the approval", async ({
    page,
    browser,
  }) => {
    test.slow();
    const suffix = unique();
    const { category, context, portal } = await joinedEmployee(page.request, browser, suffix, false);
    const item = `E2E monitor ${suffix}`;

    await portal.getByRole("link", { name: "Request equipment" }).click();
    await expect(portal.getByRole("heading", { name: "Request equipment", level: 1 })).toBeVisible();
    await portal.getByRole("button", { name: "Request equipment" }).click();
    const form = portal.getByRole("dialog", { name: "Request equipment" });
    // sent empty: each field says what it needs, and nothing is recorded
    await form.getByRole("button", { name: "Send request" }).click();
    await expect(form.getByText("Say why you need it")).toBeVisible();
    await chooseOption(portal, form, "Kind of equipment", category.name);
    await form.getByRole("textbox", { name: "What you need" }).fill(item);
    await form.getByRole("textbox", { name: "Why you need it" }).fill("Two screens for reviewing designs");
    await form.getByRole("button", { name: "Send request" }).click();
    await expect(form).toBeHidden();
    const mine = portal.getByRole("listitem", { name: `Request for ${item}` });
    await expect(mine.getByText("Waiting for IT")).toBeVisible();

    const staff = await browser.newContext({ storageState: authFile("it_staff") });
    const staffPage = await staff.newPage();
    await staffPage.goto("/employees");
    await staffPage.getByRole("link", { name: "Equipment requests" }).click();
    const row = staffPage.getByRole("row", { name: new RegExp(item) });
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: "Approve" }).click();
    const approve = staffPage.getByRole("dialog", { name: new RegExp(`^Approve ${item}`) });
    await approve.getByRole("textbox", { name: "Comment (optional)" }).fill("Ordering a 27-inch Dell");
    await approve.getByRole("button", { name: "Approve" }).click();
    await expect(approve).toBeHidden();
    await expect(row.getByText("Approved")).toBeVisible();
    // the procurement workflow starts in the background; the request links to it once it has
    await expect(async () => {
      await staffPage.reload();
      await expect(row.getByRole("link", { name: "Procurement workflow" })).toBeVisible({ timeout: 1_000 });
    }).toPass();

    await portal.reload();
    await expect(mine.getByText("Approved")).toBeVisible();
    await expect(mine.getByText("Ordering a 27-inch Dell")).toBeVisible();
    await expect(mine.getByText("IT staff are ordering it.")).toBeVisible();
    await context.close();
    await staff.close();
  });

  test("IT staff find an unanswered receipt and remind its holder, who is notified", async ({
    page,
    browser,
  }) => {
    test.slow();
    const suffix = unique();
    const { laptop, context, portal } = await joinedEmployee(page.request, browser, suffix, true);
    if (!laptop) throw new Error("the laptop was not created");

    const staff = await browser.newContext({ storageState: authFile("it_staff") });
    const staffPage = await staff.newPage();
    await staffPage.goto("/employees/receipts");
    await staffPage.getByRole("searchbox", { name: "Search pending receipts" }).fill(laptop.tag);
    const row = staffPage.getByRole("row", { name: new RegExp(laptop.tag) });
    await expect(row).toBeVisible();
    await expect(row.getByText("None yet")).toBeVisible();
    await row.getByRole("button", { name: /^Remind/ }).click();
    await expect(staffPage.getByText(new RegExp(`reminded about ${laptop.tag}`))).toBeVisible();
    await expect(row.getByText(/^1, last/)).toBeVisible();
    // a second click within the hour is refused, saying why
    await row.getByRole("button", { name: /^Remind/ }).click();
    await expect(staffPage.getByText(/less than an hour ago/)).toBeVisible();

    await expect(async () => {
      await portal.reload();
      await portal.getByRole("button", { name: /Notifications/ }).click();
      await expect(
        portal.getByRole("link", { name: `Please confirm you received ${laptop.tag}` }),
      ).toBeVisible({
        timeout: 1_000,
      });
    }).toPass();

    // once accepted, the receipt leaves the list
    await portal.goto("/portal");
    const held = portal.getByRole("listitem", { name: new RegExp(laptop.tag) });
    await held.getByRole("button", { name: "Accept" }).click();
    const accept = portal.getByRole("dialog", { name: /^Accept/ });
    await accept.getByRole("textbox", { name: "Your full name" }).fill(`Rhea Requests ${suffix}`);
    await accept.getByRole("button", { name: "Accept and sign" }).click();
    await expect(accept).toBeHidden();
    await staffPage.reload();
    await staffPage.getByRole("searchbox", { name: "Search pending receipts" }).fill(laptop.tag);
    await expect(staffPage.getByText("No pending receipt matches")).toBeVisible();
    await context.close();
    await staff.close();
  });
});
