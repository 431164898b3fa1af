import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { fakeHrisURL } from "../playwright.config";
import { can, type Role, roles, staffRoles, tenantRoles } from "../server/roles";
import { authFile, mutate, unique } from "./support";
import { expect, test } from "./test";

/**
 * axe on every page, as the most and the least privileged role the page is for (and the public pages
 * signed out), failing on serious and critical violations. The most privileged role sees every
 * control a page has, the least its read-only form; a role in between sees a subset of the first's
 * controls, so visiting it too (a third of this spec's time) found nothing the two did not. The table below must name every page.tsx on disk, so a new page
 * fails here until it says who sees it.
 */
type PageEntry = { roles: readonly Role[] | "public"; path?: (ids: Ids) => string };
type Ids = {
  asset: string;
  employee: string;
  license: string;
  auditSession: string;
  event: string;
  workflow: string;
  integration: string;
  integrationRun: string;
};

const pages: Record<string, PageEntry> = {
  "/": { roles: "public" },
  "/sign-in": { roles: "public" },
  "/sign-up": { roles: "public" },
  "/forgot-password": { roles: "public" },
  "/local-outbox": { roles: "public", path: () => "/local-outbox?to=nobody@acme.test" },
  "/verify-email/[token]": {
    roles: "public",
    path: () => "/verify-email/a-confirmation-token-that-does-not-exist",
  },
  "/invite/[token]": { roles: "public", path: () => "/invite/an-invitation-token-that-does-not-exist" },
  "/reset-password/[token]": {
    roles: "public",
    path: () => "/reset-password/a-reset-token-that-does-not-exist",
  },
  "/account": { roles },
  "/account/notifications": { roles },
  "/platform": { roles: ["super_admin"] },
  "/portal": { roles: tenantRoles },
  "/portal/notifications": { roles: tenantRoles },
  "/portal/requests": { roles: tenantRoles },
  "/portal/tasks": { roles: tenantRoles },
  "/dashboard": { roles: staffRoles },
  "/assets": { roles: can.readTenant },
  "/assets/new": { roles: can.manageAssets },
  "/assets/import": { roles: can.manageAssets },
  "/assets/[id]": { roles: can.readTenant, path: (ids) => `/assets/${ids.asset}` },
  "/assets/[id]/edit": { roles: can.manageAssets, path: (ids) => `/assets/${ids.asset}/edit` },
  "/assets/audits": { roles: can.readTenant },
  "/assets/discovered": { roles: can.manageAssets },
  "/software": { roles: can.readTenant },
  "/licenses": { roles: can.readTenant },
  "/licenses/[id]": { roles: can.readTenant, path: (ids) => `/licenses/${ids.license}` },
  "/assets/audits/[id]": { roles: can.readTenant, path: (ids) => `/assets/audits/${ids.auditSession}` },
  "/employees": { roles: can.readTenant },
  "/employees/requests": { roles: can.readTenant },
  "/employees/receipts": { roles: can.readTenant },
  "/employees/import": { roles: can.manageAssets },
  "/employees/[id]": { roles: can.readTenant, path: (ids) => `/employees/${ids.employee}` },
  "/workflows": { roles: can.readTenant },
  "/workflows/[id]": { roles: can.readTenant, path: (ids) => `/workflows/${ids.workflow}` },
  "/workflows/board": { roles: can.readTenant },
  "/tasks": { roles: can.readTenant },
  "/audit": { roles: can.audit },
  "/audit/chain/[eventId]": { roles: can.audit, path: (ids) => `/audit/chain/${ids.event}` },
  "/settings": { roles: staffRoles },
  "/settings/users": { roles: can.readUsers },
  "/settings/automation": { roles: can.audit },
  "/settings/categories": { roles: can.readTenant },
  "/settings/locations": { roles: can.readTenant },
  "/settings/manufacturers": { roles: can.readTenant },
  "/settings/organizations": { roles: can.readTenant },
  "/settings/statuses": { roles: can.readTenant },
  "/settings/general": { roles: can.readTenant },
  "/settings/equipment-terms": { roles: can.readTenant },
  "/settings/mail": { roles: can.manageTenant },
  "/settings/notifications": { roles: can.manageTenant },
  "/settings/agent": { roles: can.manageTenant },
  "/settings/workflow-rules": { roles: can.manageTenant },
  "/settings/workflow-templates": { roles: can.manageTenant },
  "/settings/integrations": { roles: can.audit },
  "/settings/integrations/[id]": {
    roles: can.audit,
    path: (ids) => `/settings/integrations/${ids.integration}`,
  },
  "/settings/integrations/[id]/runs/[runId]": {
    roles: can.audit,
    path: (ids) => `/settings/integrations/${ids.integration}/runs/${ids.integrationRun}`,
  },
};

/** Every page.tsx under app/, as its route ("app/(staff)/assets/[id]/page.tsx" -> "/assets/[id]"). */
function routesOnDisk(directory = "app", route = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") found.push(route || "/");
    if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name === "api") continue;
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    found.push(...routesOnDisk(path.join(directory, entry.name), route + segment));
  }
  return found;
}

test("the axe table names every page in the app", () => {
  expect(routesOnDisk().sort()).toEqual(Object.keys(pages).sort());
});

async function trpcQuery<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
  const query = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await request.get(`/api/trpc/${procedure}?input=${query}`);
  expect(response.ok(), procedure).toBe(true);
  return (await response.json()).result.data.json as T;
}

/** Records of our own for the pages that show one, and the latest audit event. */
async function recordIds(browser: Browser): Promise<Ids> {
  const context = await browser.newContext({ storageState: authFile("admin") });
  const page = await context.newPage();
  const suffix = unique();
  const category = await mutate<{ id: string }>(page.request, "reference.category.create", {
    name: `Axe category ${suffix}`,
  });
  const asset = await mutate<{ id: string }>(page.request, "assets.create", {
    name: `Axe laptop ${suffix}`,
    categoryId: category.id,
  });
  const employee = await mutate<{ id: string }>(page.request, "employees.create", {
    firstName: "Axe",
    lastName: `Tester ${suffix}`,
  });
  // A licence held by the employee, expiring soon: its page shows a holder, a bar and a badge.
  const license = await mutate<{ id: string }>(page.request, "licenses.create", {
    name: `Axe licence ${suffix}`,
    seats: 2,
    expiresOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
  });
  await mutate(page.request, "licenses.assign", { licenseId: license.id, employeeId: employee.id });
  const site = await mutate<{ id: string }>(page.request, "reference.location.create", {
    name: `Axe site ${suffix}`,
    kind: "site",
  });
  const audit = await mutate<{ id: string }>(page.request, "assets.audits.start", { locationId: site.id });
  const templates = await trpcQuery<Array<{ id: string; kind: string }>>(
    page.request,
    "workflows.templates",
    null,
  );
  const repair = templates.find((template) => template.kind === "repair");
  if (!repair) throw new Error("the demo tenant has no repair workflow template");
  const workflow = await mutate<{ id: string }>(page.request, "workflows.start", {
    templateId: repair.id,
    assetId: asset.id,
  });
  // A key the fake HRIS refuses: the run fails at once, so its page shows a failure, and no people arrive.
  const integration = await mutate<{ id: string }>(page.request, "integrations.create", {
    provider: "bamboohr",
    name: `Axe HRIS ${suffix}`,
    credentials: { apiKey: "axe-refused-key" },
    options: { companyDomain: "acme", baseUrl: `${fakeHrisURL}/bamboohr` },
  });
  const integrationRun = await mutate<{ runId: string }>(page.request, "integrations.syncNow", {
    id: integration.id,
  });
  const events = await trpcQuery<{ items: Array<{ id: string }> }>(page.request, "audit.list", { limit: 1 });
  const event = events.items[0]?.id;
  if (!event) throw new Error("the demo tenant has no audit events");
  await context.close();
  return {
    asset: asset.id,
    employee: employee.id,
    license: license.id,
    auditSession: audit.id,
    event,
    workflow: workflow.id,
    integration: integration.id,
    integrationRun: integrationRun.runId,
  };
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  // label-content-name-mismatch (WCAG 2.5.3) is experimental in axe and off unless asked for;
  // the account menu once broke it on every signed-in page.
  // A frame with an empty `sandbox` (the mail preview's email) runs no script, so axe cannot be
  // injected there and its walk waits forever: such frames are checked on a page of their own below.
  const results = await new AxeBuilder({ page })
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .exclude('iframe[sandbox=""]')
    .analyze();
  const report = (violations: typeof results.violations) =>
    violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
      }));
  expect(
    report(results.violations),
    `${page.url()}\n${JSON.stringify(report(results.violations), null, 2)}`,
  ).toEqual([]);
  for (const frame of await page.locator('iframe[sandbox=""]').all()) {
    const title = (await frame.getAttribute("title")) ?? "a sandboxed frame";
    const html = (await frame.getAttribute("srcdoc")) ?? "";
    const alone = await page.context().newPage();
    try {
      await alone.setContent(html);
      const inner = await new AxeBuilder({ page: alone }).analyze();
      expect(
        report(inner.violations),
        `${title}\n${JSON.stringify(report(inner.violations), null, 2)}`,
      ).toEqual([]);
    } finally {
      await alone.close();
    }
  }
}

/**
 * The page a worker visits every page with as `role` (null: signed out), one per role for all of the
 * worker's tests. A context per test started each visit with an empty cache, so every visit fetched
 * and compiled all of the app's scripts again: on two busy cores that cost as much as axe itself.
 * Each visit is still its own test and a full navigation; only the browser's cache (and the session
 * cookie, which no page changes) carries over. Created inside a test, so the project's context
 * options (baseURL, viewport) apply; a failed test ends its worker, so the next one starts afresh.
 */
const axeTest = test.extend<object, { visitor: (role: Role | null) => Promise<Page> }>({
  visitor: [
    async ({ browser }, use) => {
      const opened = new Map<string, Promise<Page>>();
      await use((role) => {
        const key = role ?? "signed out";
        let page = opened.get(key);
        if (!page) {
          const storageState = role ? authFile(role) : { cookies: [], origins: [] };
          page = browser.newContext({ storageState }).then((context) => context.newPage());
          opened.set(key, page);
        }
        return page;
      });
      for (const page of opened.values()) await (await page).context().close();
    },
    { scope: "worker" },
  ],
});

let ids: Ids;
axeTest.beforeAll(async ({ browser }) => {
  ids = await recordIds(browser);
});

for (const [route, entry] of Object.entries(pages)) {
  const visits: (Role | null)[] =
    entry.roles === "public"
      ? [null]
      : [...new Set([entry.roles[0], entry.roles.at(-1)])].filter((role) => role !== undefined);
  for (const role of visits) {
    axeTest.describe(role ? `as ${role}` : "signed out", () => {
      axeTest(`${route} has no serious accessibility violations`, async ({ visitor }, testInfo) => {
        // axe walks every node, iframes included (the mail preview's email): seconds on a busy machine.
        axeTest.slow();
        const page = await visitor(role);
        try {
          const response = await page.goto(entry.path ? entry.path(ids) : route);
          expect(response?.status(), route).toBeLessThan(500);
          await page.waitForLoadState("networkidle");
          await expectNoSeriousViolations(page);
        } catch (error) {
          // The page outlives the test, so Playwright's own failure screenshot does not take it.
          const screenshot = await page.screenshot().catch(() => undefined);
          if (screenshot) await testInfo.attach("screenshot", { body: screenshot, contentType: "image/png" });
          throw error;
        }
      });
    });
  }
}
