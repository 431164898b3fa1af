import { type FakeTwilio, startFakeTwilio } from "../tests/fakes/twilio/fake-twilio";
import { authFile } from "./support";
import { expect, test } from "./test";

/**
 * The tenant's own Twilio account against the local Twilio fake (started here, on 127.0.0.1, which
 * the e2e server may reach: INTEGRATIONS_ALLOW_PRIVATE_HOSTS): an admin saves the credentials
 * with the fake as the API address, sees the token only by its hint, sends a test message and
 * reads Twilio's answer; a wrong token is reported with what to do.
 */

let twilio: FakeTwilio;
test.beforeAll(async () => {
  twilio = await startFakeTwilio();
});
test.afterAll(async () => {
  await twilio.close();
});

test.use({ storageState: authFile("admin") });
// one tenant account: the second test must not find the first one's saved account
test.describe.configure({ mode: "serial" });

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
