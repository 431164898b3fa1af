import type { Page } from "@playwright/test";
import { authFile, mutate, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };
type Created = { id: string; tag: string };

/** The bell in the app shell, whatever its unread count. */
const bellOf = (page: Page) => page.getByRole("button", { name: /^Notifications(, \d+ unread)?$/ });

test("IT staff assigns a laptop: the employee's bell updates live, and the mail preview holds the email", async ({
  browser,
}) => {
  test.slow();
  const suffix = unique();
  const staff = await browser.newContext({ storageState: authFile("it_staff") });
  const employee = await browser.newContext({ storageState: authFile("employee") });
  const admin = await browser.newContext({ storageState: authFile("admin") });
  try {
    const staffPage = await staff.newPage();
    const category = await mutate<Named>(staffPage.request, "reference.category.create", {
      name: `E2E Notified laptops ${suffix}`,
      depreciationMonths: 36,
    });
    const laptop = await mutate<Created>(staffPage.request, "assets.create", {
      name: `E2E Laptop ${suffix}`,
      categoryId: category.id,
    });
    const title = `${laptop.tag} E2E Laptop ${suffix} is assigned to you`;

    // The employee sits on the portal with nothing unread; the page is marked so a reload would show.
    const portal = await employee.newPage();
    await portal.goto("/portal");
    await bellOf(portal).click();
    const markAll = portal.getByRole("button", { name: "Mark all read" });
    if (await markAll.isEnabled()) await markAll.click();
    await expect(markAll).toBeDisabled();
    await portal.keyboard.press("Escape");
    await expect(portal.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
    await portal.evaluate(() => document.documentElement.setAttribute("data-e2e-loaded-once", "yes"));

    await staffPage.goto(`/assets/${laptop.id}`);
    await staffPage.getByRole("button", { name: "Assign", exact: true }).click();
    const assign = staffPage.getByRole("dialog", { name: /^Assign/ });
    await assign.getByRole("combobox", { name: "Employee" }).fill("Emery");
    await assign.getByRole("option", { name: /Emery Employee/ }).click();
    await assign.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(assign).toBeHidden();

    await expect(portal.getByRole("button", { name: /^Notifications, [1-9]\d* unread$/ })).toBeVisible();
    await expect(portal.getByRole("status").filter({ hasText: "New notification" })).toHaveText(
      `New notification: ${title}`,
    );
    await expect(portal.locator("html")).toHaveAttribute("data-e2e-loaded-once", "yes");

    await bellOf(portal).click();
    const today = portal.getByRole("region", { name: "Today" });
    const link = today.getByRole("link", { name: `${title} (unread)` });
    await expect(link).toBeVisible();
    await link.click();
    await expect(portal).toHaveURL(/\/portal$/);
    await bellOf(portal).click();
    await expect(
      portal.getByRole("region", { name: "Today" }).getByRole("link", { name: title, exact: true }),
    ).toBeVisible();
    await portal.keyboard.press("Escape");

    const mail = await admin.newPage();
    const subject = `${laptop.tag} E2E Laptop ${suffix} is now assigned to you`;
    await expect(async () => {
      await mail.goto("/settings/mail");
      await mail.getByRole("button", { name: new RegExp(subject) }).click({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const email = mail.getByRole("article", { name: `Email: ${subject}` });
    await expect(email).toContainText("To employee@acme.test");
    const sentence = `E2E Laptop ${suffix} (${laptop.tag}) has been assigned to you`;
    await expect(email.frameLocator("iframe").getByText(sentence)).toBeVisible();
    await expect(email.getByRole("region", { name: "As plain text" })).toContainText(sentence);
  } finally {
    await Promise.all([staff.close(), employee.close(), admin.close()]);
  }
});
