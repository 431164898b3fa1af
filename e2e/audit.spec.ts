import { readFile } from "node:fs/promises";
import { authFile, type DemoRole } from "./support";
import { expect, test } from "./test";

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("an invitation shows in the audit log, with its history, an intact chain and a CSV export", async ({
    page,
  }) => {
    const email = `audit-${Date.now().toString(36)}@acme.test`;
    await page.goto("/settings/users");
    await page.getByRole("button", { name: "Invite user" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a user" });
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    await expect(dialog.getByRole("textbox", { name: "Invitation link" })).toBeVisible();
    await dialog.getByRole("button", { name: "Done" }).click();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await page.getByLabel("Event", { exact: true }).click();
    await page.getByRole("option", { name: "User invited" }).click();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]event=user\.invited/);

    const events = page.getByRole("table", { name: "Audit events" });
    const row = events.getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("User invited");
    await expect(row).toContainText("Alex Admin");
    // Only the header row is not a "User invited" event.
    await expect(events.getByRole("row").filter({ hasNotText: "User invited" })).toHaveCount(1);

    // The view lives in the URL: a reload keeps the filter.
    await page.reload();
    await expect(page.getByLabel("Event", { exact: true })).toHaveText("User invited");
    await row.getByText(`Email: ${email}`).click();
    await expect(row.getByRole("definition").filter({ hasText: "employee" })).toBeVisible();

    await row.getByRole("link", { name: /History of invitation/ }).click();
    await expect(page).toHaveURL(/entityType=invitation&entityId=/);
    const timeline = page.getByRole("list", { name: /History of invitation/ });
    await expect(timeline.getByRole("listitem").first()).toContainText("User invited");
    await expect(timeline).toContainText("Alex Admin");
    // The record is named by what a person knows it by, not an id fragment.
    await expect(page.getByText(/^Timeline of invitation/)).toHaveText(`Timeline of invitation ${email}`);

    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: /Chain intact: [\d,]+ events verified/ }),
    ).toBeVisible();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-acme-corp-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), "utf8");
    const [header, ...lines] = csv.trimEnd().split("\r\n");
    expect(header).toBe("seq,occurred_at,event,actor_type,actor,entity_type,entity_id,data,hash");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(",user.invited,user,Alex Admin <admin@acme.test>,invitation,");
    expect(lines[0]).toContain(email);
  });
});

for (const [role, status] of [
  ["auditor", 200],
  ["it_staff", 403],
  ["employee", 403],
] as Array<[DemoRole, number]>) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: authFile(role) });

    test(`the audit log and its export answer ${status}`, async ({ page }) => {
      const response = await page.goto("/audit");
      expect(response?.status()).toBe(status);
      const exported = await page.request.get("/api/audit/export?event=user.created");
      expect(exported.status()).toBe(status);
      if (status === 200) {
        expect(exported.headers()["content-type"]).toContain("text/csv");
        expect(await exported.text()).toContain(",user.created,");
      } else {
        expect(await exported.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
      }
    });
  });
}
