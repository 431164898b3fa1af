import { authFile } from "./support";
import { expect, test } from "./test";

test.use({ storageState: authFile("admin") });

test("an admin invites a user, who joins with the invited role; deactivating them ends their session", async ({
  page,
  browser,
}) => {
  const email = `new-hire-${Date.now().toString(36)}@acme.test`;
  await page.goto("/settings/users");
  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a user" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = await dialog.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toContain("/invite/");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("table", { name: "Invitations" })).toContainText(email);

  const invitee = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(new URL(link).pathname);
  await expect(inviteePage.getByRole("heading", { name: "Join Acme Corp" })).toBeVisible();
  await inviteePage.getByLabel("Your name").fill("Nia Newhire");
  await inviteePage.getByLabel("Choose a password").fill("first-day-password");
  await inviteePage.getByRole("button", { name: "Join" }).click();
  await expect(inviteePage).toHaveURL(/\/portal$/);
  await expect(inviteePage.getByRole("heading", { name: "Hello, Nia" })).toBeVisible();

  await page.reload();
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("Nia Newhire");
  await row.getByRole("button", { name: /Deactivate/ }).click();
  await expect(row).toContainText("Deactivated");

  await inviteePage.goto("/portal");
  await expect(inviteePage).toHaveURL(/\/sign-in$/);
  await invitee.close();
});
