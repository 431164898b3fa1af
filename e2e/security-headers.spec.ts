import type { Page, Response } from "@playwright/test";
import { authFile, type DemoRole, mutate, openTab, unique } from "./support";
import { expect, test } from "./test";

/**
 * Every page carries the security headers, and its content security policy holds while the app
 * runs: Next.js scripts, next-themes, Recharts, the asset page and the portal all work under it.
 * A server action posted from another site is refused with 403.
 */

/** Collects CSP violations the page reports (the event) and logs (the console), from the first byte. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) {
      violations.push(`console: ${message.text()}`);
    }
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void })
        .__reportCspViolation;
      void report(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return violations;
}

function expectSecurityHeaders(response: Response | null) {
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=(self)");
}

test("the sign-in page, signed out", async ({ page }) => {
  const violations = await watchViolations(page);
  expectSecurityHeaders(await page.goto("/sign-in"));
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  // Interactive only once the (nonce-carrying) scripts ran: typing goes through React state.
  await page.getByLabel("Email").fill("someone@example.test");
  await expect(page.getByLabel("Email")).toHaveValue("someone@example.test");
  expect(violations).toEqual([]);
});

const visits: Array<{ role: DemoRole; path: string; ready: (page: Page) => Promise<void> }> = [
  {
    role: "it_staff",
    path: "/dashboard",
    ready: (page) => expect(page.getByRole("figure").first().locator("svg").first()).toBeVisible(),
  },
  {
    role: "it_staff",
    path: "/assets",
    ready: async (page) => {
      await page.getByRole("table", { name: "Assets" }).getByRole("link").first().click();
      await expect(page).toHaveURL(/\/assets\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    },
  },
  {
    role: "employee",
    path: "/portal",
    ready: (page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible(),
  },
  {
    role: "super_admin",
    path: "/platform",
    ready: (page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible(),
  },
];

for (const visit of visits) {
  test.describe(`as ${visit.role}`, () => {
    test.use({ storageState: authFile(visit.role) });

    test(`${visit.path} runs under the policy`, async ({ page }) => {
      const violations = await watchViolations(page);
      expectSecurityHeaders(await page.goto(visit.path));
      await visit.ready(page);
      expect(violations).toEqual([]);
    });
  });
}

test.describe("as it_staff, with a PDF's preview open", () => {
  test.use({ storageState: authFile("it_staff") });

  /** The smallest PDF the server's sniffer takes as one. */
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

  test("the asset page frames the preview under both policies", async ({ page }) => {
    const suffix = unique();
    const category = await mutate<{ id: string }>(page.request, "reference.category.create", {
      name: `E2E Policy ${suffix}`,
      depreciationMonths: 36,
    });
    const asset = await mutate<{ id: string }>(page.request, "assets.create", {
      name: `E2E Policy ${suffix}`,
      categoryId: category.id,
    });
    const uploaded = await page.request.post("/api/files", {
      multipart: {
        purpose: "invoice",
        ownerType: "asset",
        ownerId: asset.id,
        file: { name: "policy.pdf", mimeType: "application/pdf", buffer: pdf },
      },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);

    const violations = await watchViolations(page);
    expectSecurityHeaders(await page.goto(`/assets/${asset.id}`));
    await openTab(page, "Files");
    const framed = page.waitForResponse((response) => response.url().endsWith("/preview"));
    await page.getByRole("button", { name: "Preview policy.pdf" }).click();
    const frame = page.getByRole("dialog", { name: "policy.pdf" }).getByTitle("Preview of policy.pdf");
    await expect(frame).toBeVisible();
    expect((await framed).status()).toBe(200);
    await expect
      .poll(async () => (await (await frame.elementHandle())?.contentFrame())?.url())
      .toMatch(/\/api\/files\/[0-9a-f-]{36}\/preview$/);
    expect(violations).toEqual([]);
  });
});

test("a server action posted from another site is refused with 403", async ({ request }) => {
  const response = await request.post("/sign-in", {
    headers: { origin: "https://evil.example", "next-action": "0123456789abcdef" },
    multipart: { email: "admin@acme.test" },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("only be submitted from this site's own pages");
});

test("route handlers may not be framed either", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});
