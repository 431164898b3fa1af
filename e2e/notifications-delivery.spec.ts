import type { Page } from "@playwright/test";
import { type FakeTwilio, startFakeTwilio } from "../tests/fakes/twilio/fake-twilio";
import { authFile, chooseOption, mutate, unique } from "./support";
import { expect, test } from "./test";

/**
 * How notifications leave the demo tenant: texts kept in the admins' preview, a role's defaults,
 * and the tenant's own Twilio account against the local Twilio fake (started here, on 127.0.0.1,
 * which the e2e server may reach: INTEGRATIONS_ALLOW_PRIVATE_HOSTS). One after another: while a
 * Twilio account is saved, the tenant's texts go to it instead of the preview, so a text expected
 * in the preview must not be sent while another test has an account saved.
 */
test.describe.configure({ mode: "serial" });
// The Twilio tests' page is the admin's; the others open a context per role.
test.use({ storageState: authFile("admin") });

let twilio: FakeTwilio;
test.beforeAll(async () => {
  twilio = await startFakeTwilio();
});
test.afterAll(async () => {
  await twilio.close();
});

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
    // The engine may still be catching up on the demo's events when this runs first after start.
    await expect(async () => {
      await adminPage.goto("/settings/notifications");
      await expect(
        adminPage
          .getByRole("list", { name: "Stored text messages" })
          .getByText(`E2E Texted ${suffix} is assigned to you`),
      ).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
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

test("an admin saves a Twilio account, sends a test message and sees Twilio took it", async ({ page }) => {
  await page.goto("/settings/notifications");
  const form = page.getByRole("form", { name: "Set up an SMS account" });
  await form.getByLabel("Account SID").fill(twilio.accountSid);
  await form.getByLabel("Auth token").fill("0".repeat(32));
  await form.getByLabel("Sender").fill("+1 500 555 0006");
  await form.getByLabel("API address (optional)").fill(twilio.baseUrl);
  await form.getByRole("button", { name: "Save SMS account" }).click();

  const saved = page.getByRole("region", { name: "Saved SMS account" });
  try {
    await expect(saved).toContainText(`Account ${twilio.accountSid}`);
    await expect(saved).toContainText("Auth token ••••0000");
    await expect(saved).toContainText("from +15005550006");

    // a wrong token: Twilio's 20003, with what to do
    const test = page.getByRole("form", { name: "Send a test text message" });
    await test.getByLabel("Test number").fill("+44 7700 900123");
    await test.getByRole("button", { name: "Send test message" }).click();
    const result = page.getByRole("status", { name: "Test message result" });
    await expect(result).toContainText("Twilio 20003");
    await expect(result).toContainText("check both in the Twilio console");

    // the right token replaces it; the token itself is never shown back
    const change = page.getByRole("form", { name: "Change the SMS account" });
    await change.getByLabel("Auth token").fill(twilio.authToken);
    await change.getByRole("button", { name: "Save SMS account" }).click();
    await expect(saved).toContainText(`Auth token ••••${twilio.authToken.slice(-4)}`);
    await expect(page.getByText(twilio.authToken)).toHaveCount(0);
    await expect(change.getByLabel("Auth token")).toHaveValue("");

    await test.getByLabel("Test number").fill("+44 7700 900123");
    await test.getByRole("button", { name: "Send test message" }).click();
    await expect(result).toContainText("Twilio accepted the test message to +447700900123");
    expect(twilio.messages.at(-1)).toMatchObject({ to: "+447700900123", from: "+15005550006" });
    await expect(page.getByText("Text messages are sent with this account.")).toBeVisible();
  } finally {
    // an account left behind would send every later spec's texts through this closed fake
    await saved.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove account" }).click();
    await expect(saved).toHaveCount(0);
  }
});

test("the form says what is wrong with each field", async ({ page }) => {
  await page.goto("/settings/notifications");
  const form = page.getByRole("form", { name: "Set up an SMS account" });
  await form.getByLabel("Account SID").fill("SK123");
  await form.getByLabel("Auth token").fill("short");
  await form.getByLabel("Sender").fill("555-1234");
  await form.getByRole("button", { name: "Save SMS account" }).click();
  await expect(form).toContainText("The account SID starts with AC");
  await expect(form).toContainText("Paste the auth token from the Twilio console");
  await expect(form).toContainText("Use a Twilio number with its country code");
  await expect(page.getByRole("region", { name: "Saved SMS account" })).toHaveCount(0);
});
