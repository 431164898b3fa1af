import type { Page } from "@playwright/test";
import { fakeHrisURL } from "../playwright.config";
import { authFile, chooseOption, mutate, signUp, unique } from "./support";
import { expect, test } from "./test";

/**
 * Integrations against the fake HRIS providers (tests/fakes/hris/serve.ts, started by
 * playwright.config.ts): an admin connects BambooHR, tests it, syncs with live progress and finds
 * the new hires; a wrong API key is refused in words and a failing sync reaches the health page
 * and the admin's bell; an auditor reads it all without a button to press.
 */

const BAMBOO_KEY = "demo-bamboohr-key";
const bambooBase = `${fakeHrisURL}/bamboohr`;

/** The bell in the app shell, whatever its unread count. */
const bellOf = (page: Page) => page.getByRole("button", { name: /^Notifications(, \d+ unread)?$/ });

/** Opens the catalog, picks BambooHR and fills in its connection; returns the open form. */
async function fillBambooForm(page: Page, name: string, apiKey: string) {
  await page.goto("/settings/integrations");
  await page.getByRole("button", { name: "Add integration" }).first().click();
  await page
    .getByRole("dialog", { name: "Add an integration" })
    .getByRole("button", { name: /BambooHR/ })
    .click();
  const form = page.getByRole("dialog", { name: "Connect BambooHR" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("API key").fill(apiKey);
  await form.getByLabel("Company domain").fill("acme");
  await form.getByLabel("Base URL (optional)").fill(bambooBase);
  return form;
}

test.describe("as admin", () => {
  test.use({ storageState: authFile("admin") });

  test("connects BambooHR, tests it, syncs with live progress and finds the new hires", async ({
    browser,
  }) => {
    test.slow();
    // An organization of its own: the provider's people belong to the first integration that syncs
    // them, so a second BambooHR in a tenant that synced them before (a retry of this test in the
    // demo tenant) would rightly skip them as owned elsewhere.
    const suffix = unique();
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const page = await context.newPage();
      await signUp(page, {
        organization: `Sync Co ${suffix}`,
        name: "Ines Sync",
        email: `ines-${suffix}@sync-co.test`,
        password: "people-come-from-hr",
      });
      // The sign-up's starter data (tenant.created, in the engine) brings the IT Department the
      // provider's "IT Dept" must match.
      await expect(async () => {
        await page.goto("/settings/organizations");
        await expect(page.getByRole("main")).toContainText("IT Department", { timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      const name = `BambooHR ${suffix}`;
      const form = await fillBambooForm(page, name, BAMBOO_KEY);
      await form.getByRole("button", { name: "Test connection" }).click();
      await expect(form.getByRole("status")).toContainText("Connected to BambooHR company acme");
      await form.getByRole("button", { name: "Add integration" }).click();

      await expect(page).toHaveURL(/\/settings\/integrations\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
      await expect(page.getByRole("table", { name: "Runs", exact: true })).toHaveCount(0);
      await expect(page.getByText("No runs yet")).toBeVisible();
      // Saved secrets come back as a hint, never in full.
      await expect(page.getByText(BAMBOO_KEY)).toHaveCount(0);

      await page.getByRole("button", { name: /^Sync now/ }).click();
      const progress = page.getByRole("progressbar", { name: "Records processed" });
      // The run waits for the engine's next turn, which the rest of the suite keeps busy.
      await expect(progress).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText(/^Sync finished/)).toBeVisible({ timeout: 60_000 });
      const max = await progress.getAttribute("aria-valuemax");
      expect(Number(max)).toBeGreaterThan(0);
      await expect(progress).toHaveAttribute("aria-valuenow", max as string);
      await expect(page.getByRole("button", { name: /^Sync now/ })).toBeEnabled();

      const runs = page.getByRole("table", { name: "Runs", exact: true });
      await expect(runs.getByRole("row")).toHaveCount(2);
      await expect(runs).toContainText("Succeeded");
      await expect(runs).toContainText("Sync now");
      await expect(page.getByRole("region", { name: "Health" })).toContainText("Healthy");

      await page.goto("/settings/integrations");
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
      await expect(row).toContainText("Healthy");
      await expect(row).toContainText("100%");

      // "IT Dept" at the provider is the tenant's "IT Department", not a second department.
      await page.goto("/employees?q=Quisenberry");
      await page
        .getByRole("table", { name: "Employees" })
        .getByRole("link", { name: "Orla Quisenberry" })
        .first()
        .click();
      await expect(page.getByRole("heading", { name: "Orla Quisenberry" })).toBeVisible();
      await expect(page.getByText("IT Department", { exact: true })).toBeVisible();
      // where the fields come from, and what the next sync does to an edit made here
      await expect(page.getByText(/^Synced from/)).toContainText(name);
      await expect(page.getByText(`· from ${name}`).first()).toBeVisible();

      // Nils was hired twelve days ago: the sync's employee.created starts his onboarding.
      await page.goto("/employees?q=Etxeberria");
      await page
        .getByRole("table", { name: "Employees" })
        .getByRole("link", { name: "Nils Etxeberria" })
        .first()
        .click();
      await expect(page.getByRole("heading", { name: "Nils Etxeberria" })).toBeVisible();
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole("list", { name: "Open workflows about Nils Etxeberria" })).toContainText(
          "Onboarding",
          { timeout: 2_000 },
        );
      }).toPass({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  });

  test("a wrong API key is refused in words, and the failed sync shows on the health page and in the bell", async ({
    page,
  }) => {
    test.slow();
    const name = `BambooHR wrong key ${unique()}`;
    const form = await fillBambooForm(page, name, "not-the-key");
    await form.getByRole("button", { name: "Test connection" }).click();
    await expect(form.getByRole("status")).toContainText('BambooHR rejected the API key for "acme"');
    // The admin may still save it (to fix later); the sync then fails, fast and in words.
    await form.getByRole("button", { name: "Add integration" }).click();
    await expect(page).toHaveURL(/\/settings\/integrations\/[0-9a-f-]{36}$/);

    await page.getByRole("button", { name: /^Sync now/ }).click();
    await expect(page.getByText(/^Sync failed: .*BambooHR rejected the API key/)).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Failing");
    const lastError = page.getByRole("region", { name: "Last error" });
    await expect(lastError).toContainText("BambooHR rejected the API key");

    await lastError.getByRole("link", { name: "Open the run" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Failed");
    await expect(page.getByText("The provider rejected the credentials.", { exact: false })).toBeVisible();

    await page.goto("/settings/integrations");
    await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name }) })).toContainText(
      "Failing",
    );

    // The admins hear about it: integration.sync_failed becomes a notification in the bell.
    await expect(async () => {
      await page.reload();
      await bellOf(page).click();
      await expect(page.getByRole("dialog").getByText(name, { exact: false }).first()).toBeVisible({
        timeout: 2_000,
      });
    }).toPass({ timeout: 30_000 });
  });

  test("edits keep the saved key unless it is replaced, and the connection can be switched off", async ({
    page,
  }) => {
    const name = `BambooHR edit ${unique()}`;
    const created = await mutate<{ id: string }>(page.request, "integrations.create", {
      provider: "bamboohr",
      name,
      credentials: { apiKey: BAMBOO_KEY },
      options: { companyDomain: "acme", baseUrl: bambooBase },
      schedule: "hourly",
      fieldPolicy: "provider_wins",
    });
    await page.goto(`/settings/integrations/${created.id}`);
    await page.getByRole("button", { name: "Edit settings" }).click();
    const dialog = page.getByRole("dialog", { name: `Edit ${name}` });
    await expect(dialog).toContainText(BAMBOO_KEY.slice(-4));
    await expect(dialog.getByLabel("API key")).toHaveCount(0);
    await dialog.getByRole("button", { name: "Test connection" }).click();
    await expect(dialog.getByRole("status")).toContainText("Connected to BambooHR company acme");

    await dialog.getByRole("button", { name: "Replace API key" }).click();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog.getByText("Enter the api key.")).toBeVisible();
    await dialog.getByRole("button", { name: "Keep saved API key" }).click();
    await chooseOption(page, dialog, "Schedule", "Once a day");
    await dialog.getByText("Keep local edits").click();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Keep local edits", { exact: true })).toBeVisible();
    await expect(page.getByText("Once a day", { exact: true })).toBeVisible();

    const enabled = page.getByRole("switch", { name: "Enabled" });
    await expect(enabled).toBeChecked();
    await enabled.click();
    await expect(enabled).not.toBeChecked();
    await expect(page.getByText("Disabled: no syncs")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Sync now/ })).toBeDisabled();
    await page.reload();
    await expect(page.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
  });
});

test.describe("as auditor", () => {
  test.use({ storageState: authFile("auditor") });

  test("sees integrations and their runs without a button to change them", async ({ page, browser }) => {
    const admin = await browser.newContext({ storageState: authFile("admin") });
    const name = `BambooHR audited ${unique()}`;
    let id: string;
    try {
      const adminPage = await admin.newPage();
      ({ id } = await mutate<{ id: string }>(adminPage.request, "integrations.create", {
        provider: "bamboohr",
        name,
        credentials: { apiKey: BAMBOO_KEY },
        options: { companyDomain: "acme", baseUrl: bambooBase },
      }));
    } finally {
      await admin.close();
    }
    await page.goto("/settings/integrations");
    await expect(page.getByRole("link", { name })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add integration" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Sync now/ })).toHaveCount(0);

    await page.goto(`/settings/integrations/${id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByText("Never synced").first()).toBeVisible();
    await expect(page.getByRole("switch")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Sync now|Full resync|Edit settings|Remove/ })).toHaveCount(
      0,
    );
    const response = await page.request.post("/api/trpc/integrations.syncNow", { data: { json: { id } } });
    expect(response.status()).toBe(403);
  });
});
