import type { Page } from "@playwright/test";
import { authFile, chooseOption, mutate, openTab, unique } from "./support";
import { expect, test } from "./test";

/** Automation runs after the change commits: reload until what it did shows up. */
async function reloadUntilVisible(page: Page, locator: ReturnType<Page["getByRole"]>) {
  await expect(async () => {
    await page.reload();
    await expect(locator).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Completes the step titled `title` on the workflow page, picking `outcome` when it asks for one. */
async function completeStep(page: Page, title: string, outcome?: string) {
  await page.getByRole("button", { name: `Complete "${title}"` }).click();
  const dialog = page.getByRole("dialog", { name: `Complete "${title}"` });
  if (outcome) await chooseOption(page, dialog, "Outcome", outcome);
  await dialog.getByRole("button", { name: "Complete step" }).click();
  await expect(dialog).toBeHidden();
  const step = page.getByRole("list", { name: "Steps" }).getByRole("listitem").filter({ hasText: title });
  await expect(step).toContainText("Done");
}

test.describe("as IT staff", () => {
  test.use({ storageState: authFile("it_staff") });

  test("marking an asset lost starts an incident; completing it as found puts the asset back in stock", async ({
    page,
  }) => {
    test.slow();
    const suffix = unique();
    const category = await mutate<{ id: string }>(page.request, "reference.category.create", {
      name: `E2E Incident ${suffix}`,
      depreciationMonths: 36,
    });
    const asset = await mutate<{ id: string; tag: string }>(page.request, "assets.create", {
      name: `E2E Lost laptop ${suffix}`,
      categoryId: category.id,
    });
    const title = `Lost or stolen asset: ${asset.tag}`;

    await page.goto(`/assets/${asset.id}`);
    await page.getByRole("button", { name: "Change status" }).click();
    const status = page.getByRole("dialog", { name: /^Change the status/ });
    await chooseOption(page, status, "New status", "Lost");
    await status.getByRole("button", { name: "Change status" }).click();
    await expect(status).toBeHidden();

    // automation opens the incident; the asset page lists it, and so do my tasks
    const onAsset = page.getByRole("list", { name: `Open workflows about ${asset.tag}` });
    await reloadUntilVisible(page, onAsset.getByRole("link", { name: title }));
    await page.goto("/tasks");
    const tasks = page.getByRole("table", { name: "My tasks" });
    await expect(tasks.getByRole("row").filter({ hasText: title })).toHaveCount(3);
    await tasks.getByRole("link", { name: title }).first().click();

    await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(
      page.getByRole("definition").filter({ hasText: 'by the rule "Lost or stolen assets"' }),
    ).toBeVisible();
    await completeStep(page, "Lock the device and revoke its access");
    await completeStep(page, "Search and report (police report if stolen)");

    // the last step needs its outcome: leaving it out is refused in the dialog
    await page.getByRole("button", { name: 'Complete "Resolve: found or confirmed lost"' }).click();
    const resolve = page.getByRole("dialog", { name: 'Complete "Resolve: found or confirmed lost"' });
    await resolve.getByRole("button", { name: "Complete step" }).click();
    await expect(resolve.getByText("Choose how it ended")).toBeVisible();
    await resolve.getByRole("button", { name: "Cancel" }).click();
    await completeStep(page, "Resolve: found or confirmed lost", "Found");

    await expect(page.getByText("Status:", { exact: true }).locator("..")).toContainText("Completed");
    await expect(page.getByRole("list", { name: `History of ${title}` })).toContainText("Workflow completed");

    // completion feeds back: the asset is in stock again, changed by automation
    await page.goto(`/assets/${asset.id}`);
    const assetStatus = page.getByText("Status:", { exact: true }).locator("..");
    await expect(async () => {
      await page.reload();
      await expect(assetStatus).toContainText("In stock", { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByText(`No open workflows about ${asset.tag}.`)).toBeVisible();
    await openTab(page, "Audit events");
    await expect(
      page
        .getByRole("list", { name: `Audit events of ${asset.tag}` })
        .getByRole("listitem")
        .filter({ hasText: "because Workflow completed" }),
    ).not.toHaveCount(0);

    // the list finds it by kind and status
    await page.goto("/workflows?kind=incident&status=completed");
    await expect(
      page.getByRole("table", { name: "Workflows" }).getByRole("link", { name: title }),
    ).toBeVisible();
  });
});

test.describe("as IT staff, a leaver", () => {
  test.use({ storageState: authFile("it_staff") });

  test("terminating someone who holds two assets starts an offboarding with a return step each; completing them puts both in stock", async ({
    page,
  }) => {
    test.slow();
    const suffix = unique();
    const category = await mutate<{ id: string }>(page.request, "reference.category.create", {
      name: `E2E Leaver kit ${suffix}`,
      depreciationMonths: 36,
    });
    const leaver = await mutate<{ id: string; name: string }>(page.request, "employees.create", {
      firstName: "Lea",
      lastName: `Leaver ${suffix}`,
    });
    const assets: { id: string; tag: string }[] = [];
    for (const name of [`E2E Leaver laptop ${suffix}`, `E2E Leaver phone ${suffix}`]) {
      const asset = await mutate<{ id: string; tag: string }>(page.request, "assets.create", {
        name,
        categoryId: category.id,
      });
      await mutate(page.request, "assets.assign", { assetId: asset.id, employeeId: leaver.id });
      assets.push(asset);
    }

    await page.goto(`/employees/${leaver.id}`);
    await page.getByRole("button", { name: "Terminate", exact: true }).click();
    const terminate = page.getByRole("dialog", { name: `Terminate ${leaver.name}` });
    await terminate.getByRole("button", { name: "Terminate", exact: true }).click();
    await expect(terminate).toBeHidden();

    // automation opens the offboarding; the leaver's page lists it
    const open = page.getByRole("list", { name: `Open workflows about ${leaver.name}` });
    await reloadUntilVisible(page, open.getByRole("link").first());
    await open.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/workflows\/[0-9a-f-]{36}$/);
    await expect(
      page.getByRole("definition").filter({ hasText: 'by the rule "Offboard leavers"' }),
    ).toBeVisible();
    const steps = page.getByRole("list", { name: "Steps" }).getByRole("listitem");
    for (const asset of assets) await expect(steps.filter({ hasText: `Return ${asset.tag}` })).toHaveCount(1);

    for (const asset of assets) await completeStep(page, `Return ${asset.tag}`);

    // each return step returned its asset: both in stock, and the leaver holds nothing
    for (const asset of assets) {
      await page.goto(`/assets/${asset.id}`);
      await expect(page.getByText("Status:", { exact: true }).locator("..")).toContainText("In stock");
    }
    await page.goto(`/employees/${leaver.id}`);
    await expect(page.getByText(`${leaver.name} holds no assets.`)).toBeVisible();
  });
});

test.describe("as IT staff, a new hire", () => {
  test.use({ storageState: authFile("it_staff") });

  test("a new hire's onboarding appears in my tasks; a step is reassigned and the workflow cancelled with a reason", async ({
    page,
  }) => {
    test.slow();
    const suffix = unique();
    const hireDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await mutate(page.request, "employees.create", {
      firstName: "Nova",
      lastName: `Starter ${suffix}`,
      hireDate,
    });
    const title = `Onboarding: Nova Starter ${suffix}`;

    // automation onboards them: IT staff's part (and the check-in, as they have no manager) is in my tasks
    await page.goto("/tasks");
    const tasks = page.getByRole("table", { name: "My tasks" });
    await reloadUntilVisible(page, tasks.getByRole("link", { name: title }).first());
    await expect(tasks.getByRole("row").filter({ hasText: title })).toHaveCount(4);
    await tasks.getByRole("link", { name: title }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(
      page.getByRole("definition").filter({ hasText: 'by the rule "Onboard new hires"' }),
    ).toBeVisible();

    // the accounts step goes to the admins instead
    await page.getByRole("button", { name: 'Reassign "Create accounts and licences"' }).click();
    const reassign = page.getByRole("dialog", { name: 'Reassign "Create accounts and licences"' });
    await chooseOption(page, reassign, "Assign to", "Anyone who is Admin");
    await reassign.getByRole("button", { name: "Reassign" }).click();
    await expect(reassign).toBeHidden();
    const accounts = page
      .getByRole("list", { name: "Steps" })
      .getByRole("listitem")
      .filter({ hasText: "Create accounts and licences" });
    await expect(accounts).toContainText("Assigned to any Admin");

    // the hire withdrew: cancelling needs a reason
    await page.getByRole("button", { name: "Cancel workflow" }).click();
    const cancel = page.getByRole("dialog", { name: `Cancel "${title}"` });
    await cancel.getByRole("button", { name: "Cancel workflow" }).click();
    await expect(cancel.getByText("Say why", { exact: true })).toBeVisible();
    await cancel.getByRole("textbox", { name: "Reason" }).fill("The hire withdrew");
    await cancel.getByRole("button", { name: "Cancel workflow" }).click();
    await expect(cancel).toBeHidden();
    await expect(page.getByText("Status:", { exact: true }).locator("..")).toContainText("Cancelled");
    await expect(page.getByRole("definition").filter({ hasText: "The hire withdrew" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Complete|Reassign) "/ })).toHaveCount(0);
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: authFile("admin") });

  test("sees each automation rule with its activity, and changes when overdue steps escalate", async ({
    page,
  }) => {
    await page.goto("/settings/workflow-rules");
    const onboarding = page.getByRole("form", { name: "Onboard new hires settings" });
    await expect(onboarding.getByRole("checkbox", { name: "Rule is on" })).toBeChecked();
    await expect(onboarding.getByLabel("Only for people hired at most this many days ago")).toHaveValue(
      /\d+/,
    );

    const escalation = page.getByRole("form", { name: "Escalate overdue steps settings" });
    const hours = escalation.getByLabel("Escalate after (hours past the due date)");
    const before = await hours.inputValue();
    await hours.fill("1.5");
    await escalation.getByRole("button", { name: /^Save/ }).click();
    await expect(escalation.getByText("Enter a whole number")).toBeVisible();
    await hours.fill("36");
    await escalation.getByRole("button", { name: /^Save/ }).click();
    await expect(page.getByText('"Escalate overdue steps" saved')).toBeVisible();
    await page.reload();
    await expect(
      page.getByRole("form", { name: "Escalate overdue steps settings" }).getByLabel(/Escalate after/),
    ).toHaveValue("36");
    // leave the shared demo tenant as it was
    await page
      .getByRole("form", { name: "Escalate overdue steps settings" })
      .getByLabel(/Escalate after/)
      .fill(before || "24");
    await page
      .getByRole("form", { name: "Escalate overdue steps settings" })
      .getByRole("button", { name: /^Save/ })
      .click();
    await expect(page.getByText('"Escalate overdue steps" saved')).toBeVisible();
  });
});

test.describe("as an auditor", () => {
  test.use({ storageState: authFile("auditor") });

  test("reads an incident and its steps but is offered no action on them", async ({ page, browser }) => {
    test.slow();
    const suffix = unique();
    const staff = await browser.newContext({ storageState: authFile("it_staff") });
    const category = await mutate<{ id: string }>(staff.request, "reference.category.create", {
      name: `E2E Audit incident ${suffix}`,
      depreciationMonths: 36,
    });
    const asset = await mutate<{ id: string; tag: string }>(staff.request, "assets.create", {
      name: `E2E Stolen phone ${suffix}`,
      categoryId: category.id,
    });
    const statuses = (await (await staff.request.get("/api/trpc/reference.statuses")).json()) as {
      result: { data: { json: Array<{ id: string; kind: string }> } };
    };
    const stolen = statuses.result.data.json.find((status) => status.kind === "stolen");
    await mutate(staff.request, "assets.changeStatus", { assetId: asset.id, statusId: stolen?.id });
    await staff.close();

    await page.goto(`/assets/${asset.id}`);
    await expect(page.getByRole("button", { name: "Start workflow" })).toHaveCount(0);
    const incident = page
      .getByRole("list", { name: `Open workflows about ${asset.tag}` })
      .getByRole("link", { name: `Lost or stolen asset: ${asset.tag}` });
    await reloadUntilVisible(page, incident);
    await incident.click();
    await expect(page.getByRole("list", { name: "Steps" }).getByRole("listitem")).toHaveCount(3);
    await expect(page.getByRole("button", { name: /^(Complete|Skip|Approve|Reject) "/ })).toHaveCount(0);
  });
});
