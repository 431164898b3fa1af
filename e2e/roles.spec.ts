import { authFile, type DemoRole } from "./support";
import { expect, test } from "./test";

/** "My tasks" carries the count of open steps after its label ("My tasks 2 open"). */
const myTasks = /^My tasks/;

const expectations: Record<
  DemoRole,
  { home: RegExp; nav: Array<string | RegExp>; allowed: string[]; refused: string[] }
> = {
  admin: {
    home: /\/dashboard$/,
    nav: ["Dashboard", "Assets", "Licences", "Employees", "Workflows", myTasks, "Audit log", "Settings"],
    allowed: [
      "/dashboard",
      "/assets",
      "/assets/new",
      "/employees",
      "/workflows",
      "/tasks",
      "/audit",
      "/settings/users",
      "/settings/locations",
      "/settings/integrations",
      "/settings/workflow-rules",
      "/settings/workflow-templates",
      "/settings/agent",
      "/settings/notifications",
      "/assets/discovered",
      "/software",
      "/licenses",
      "/portal",
    ],
    refused: ["/platform"],
  },
  it_staff: {
    home: /\/dashboard$/,
    nav: ["Dashboard", "Assets", "Licences", "Employees", "Workflows", myTasks, "Settings"],
    allowed: [
      "/dashboard",
      "/assets",
      "/assets/new",
      "/employees",
      "/employees/requests",
      "/employees/receipts",
      "/settings/organizations",
      "/settings/categories",
      "/settings/locations",
      "/assets/discovered",
      "/software",
      "/portal",
    ],
    refused: [
      "/settings/agent",
      "/settings/notifications",
      "/audit",
      "/settings/users",
      "/settings/automation",
      "/settings/integrations",
      "/settings/workflow-rules",
      "/settings/workflow-templates",
      "/platform",
    ],
  },
  auditor: {
    home: /\/dashboard$/,
    nav: ["Dashboard", "Assets", "Licences", "Employees", "Workflows", myTasks, "Audit log", "Settings"],
    allowed: [
      "/dashboard",
      "/assets",
      "/employees",
      "/audit",
      "/settings/users",
      "/settings/statuses",
      "/settings/integrations",
      "/software",
    ],
    refused: ["/assets/new", "/assets/discovered", "/settings/agent", "/platform"],
  },
  employee: {
    home: /\/portal$/,
    nav: ["My equipment", "Request equipment", "My tasks"],
    allowed: ["/portal", "/portal/requests", "/portal/tasks"],
    refused: [
      "/employees/requests",
      "/employees/receipts",
      "/dashboard",
      "/assets",
      "/employees",
      "/workflows",
      "/tasks",
      "/audit",
      "/settings/users",
      "/settings/agent",
      "/assets/discovered",
      "/software",
      "/licenses",
      "/settings/locations",
      "/settings/integrations",
      "/platform",
    ],
  },
  super_admin: {
    home: /\/platform$/,
    nav: ["Tenants"],
    allowed: ["/platform"],
    refused: ["/dashboard", "/assets", "/audit", "/settings/users", "/settings/locations", "/portal"],
  },
};

for (const [role, expected] of Object.entries(expectations) as Array<
  [DemoRole, (typeof expectations)[DemoRole]]
>) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: authFile(role) });

    test("lands on its home and sees only its sections", async ({ page }) => {
      await page.goto("/");
      await expect(page).toHaveURL(expected.home);
      const nav = page.getByRole("navigation").first();
      await expect(nav.getByRole("link")).toHaveText(expected.nav);
    });

    test("is refused where its role may not go", async ({ page }) => {
      // One page after another, about twenty of them: more than the default budget on a busy machine.
      test.slow();
      for (const path of expected.allowed) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toHaveCount(
          0,
        );
      }
      for (const path of expected.refused) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
      }
    });

    test("its API calls are held to the same rules", async ({ page }) => {
      await page.goto("/");
      const response = await page.request.get("/api/trpc/accounts.users");
      expect(response.status()).toBe(role === "admin" || role === "auditor" ? 200 : 403);
    });
  });
}

test.describe("as auditor", () => {
  test.use({ storageState: authFile("auditor") });
  test("sees users read-only", async ({ page }) => {
    await page.goto("/settings/users");
    await expect(page.getByRole("table", { name: "Members" })).toContainText("admin@acme.test");
    await expect(page.getByRole("button", { name: "Invite user" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Deactivate/ })).toHaveCount(0);
  });

  test("sees reference data read-only", async ({ page }) => {
    await page.goto("/settings/organizations");
    await expect(page.getByRole("table", { name: "Departments" })).toContainText("IT Department");
    await expect(page.getByRole("button", { name: "Add department" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
    await page.goto("/settings/locations");
    await expect(page.getByRole("list", { name: "Locations" })).toContainText("San Francisco HQ");
    await expect(page.getByRole("button", { name: "Add site" })).toHaveCount(0);
  });
});

test.describe("as it_staff", () => {
  test.use({ storageState: authFile("it_staff") });
  test("Settings opens the reference data it manages, without users or automation", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/organizations$/);
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText([
      "Organizations & departments",
      "Categories",
      "Manufacturers & models",
      "Statuses",
      "Locations",
      "General",
      "Equipment terms",
    ]);
    await expect(page.getByRole("button", { name: "Add department" })).toBeVisible();
  });
});
