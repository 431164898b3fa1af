import { type FakeSlack, startFakeSlack } from "../tests/fakes/slack/fake-slack";
import { authFile, unique } from "./support";
import { expect, test } from "./test";

/**
 * Team chat against the local Slack fake (started here, on 127.0.0.1, which the e2e server may
 * reach: INTEGRATIONS_ALLOW_PRIVATE_HOSTS): an admin adds a Slack webhook, routes a type to it,
 * sends a test message and reads Slack's answer, then renames it and replaces its webhook; the
 * webhook URL is never shown back.
 */

let slack: FakeSlack;
test.beforeAll(async () => {
  slack = await startFakeSlack();
});
test.afterAll(async () => {
  await slack.close();
});

test.use({ storageState: authFile("admin") });

test("an admin adds a Slack webhook, routes a type to it, sends a test message and edits it", async ({
  page,
}) => {
  // Many steps on the settings page, each a round trip and a re-render of the routing table.
  test.slow();
  const name = `#e2e-${unique()}`;
  const hook = slack.createWebhook("C0E2E00001");
  await page.goto("/settings/notifications");
  const form = page.getByRole("form", { name: "Add a chat destination" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Webhook URL").fill(hook);
  await form.getByRole("button", { name: "Add destination" }).click();

  const list = page.getByRole("list", { name: "Chat destinations" });
  let row = list.getByRole("listitem", { name });
  try {
    await expect(row).toContainText("Slack incoming webhook");
    await expect(row).toContainText(`127.0.0.1:${new URL(hook).port}/…${hook.slice(-4)}`);
    await expect(page.getByText(new URL(hook).pathname)).toHaveCount(0);

    const cell = page.getByRole("checkbox", { name: `Equipment assigned to you to ${name}` });
    await cell.click();
    await expect(cell).toBeChecked();
    await page.reload();
    await expect(page.getByRole("checkbox", { name: `Equipment assigned to you to ${name}` })).toBeChecked();

    await row.getByRole("button", { name: "Send test message" }).click();
    await expect(row.getByRole("status")).toContainText("Slack accepted the test message.");
    expect(slack.messages.at(-1)).toMatchObject({
      channel: "C0E2E00001",
      text: expect.stringContaining("Test message from Assetronics"),
    });

    // edit: a new name and a new webhook; the route stays and the test message follows the webhook
    const renamed = `${name}-ops`;
    const moved = slack.createWebhook("C0E2E00002");
    await row.getByRole("button", { name: "Edit" }).click();
    const edit = page.getByRole("form", { name: `Edit ${name}` });
    await edit.getByLabel("Name").fill(renamed);
    await edit.getByLabel("New webhook URL").fill(moved);
    await edit.getByRole("button", { name: "Save changes" }).click();
    row = list.getByRole("listitem", { name: renamed });
    await expect(row).toContainText(`/…${moved.slice(-4)}`);
    await expect(
      page.getByRole("checkbox", { name: `Equipment assigned to you to ${renamed}` }),
    ).toBeChecked();
    await row.getByRole("button", { name: "Send test message" }).click();
    await expect(row.getByRole("status")).toContainText("Slack accepted the test message.");
    await expect.poll(() => slack.messages.at(-1)?.channel).toBe("C0E2E00002");
  } finally {
    // a routed destination left behind would get every assignment the other specs make
    await row.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete destination" }).click();
    await expect(row).toHaveCount(0);
  }
});
