import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "assetronics-demo";
export const demo = {
  super_admin: "super@assetronics.test",
  admin: "admin@acme.test",
  it_staff: "it@acme.test",
  auditor: "auditor@acme.test",
  employee: "employee@acme.test",
} as const;
export type DemoRole = keyof typeof demo;

export const authFile = (role: DemoRole) => `e2e/.auth/${role}.json`;

/**
 * Signs in through the form. The URL changes only once the first page after sign-in has rendered,
 * which on a server just started (cold caches, the engine catching up on the demo's events) can
 * take longer than an assertion's default wait; a refusal shown on the form fails at once, with it.
 */
export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  { timeout = 15_000 }: { timeout?: number } = {},
): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const refusal = page.locator("form").getByRole("alert");
  const deadline = Date.now() + timeout;
  while (/\/sign-in/.test(page.url())) {
    if (await refusal.isVisible())
      throw new Error(`sign-in as ${email} refused: ${await refusal.textContent()}`);
    if (Date.now() > deadline)
      throw new Error(`sign-in as ${email} still on ${page.url()} after ${timeout} ms`);
    await page.waitForTimeout(100);
  }
}

/** Calls a tRPC mutation as the signed-in user (superjson body), returning its result. */
export async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = await response.json();
  expect(response.ok(), `${path}: ${JSON.stringify(body)}`).toBe(true);
  return body.result.data.json as T;
}

/** A suffix that keeps one test's names apart from every other run's. */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * Picks `option` in the select labelled `label` inside `scope` (its list opens in a portal on
 * `page`). A click that lands before the page has hydrated opens nothing, so the select is clicked
 * again until its list shows (never while it shows: that would close it).
 */
export async function chooseOption(page: Page, scope: Page | Locator, label: string, option: string) {
  const select = scope.getByRole("combobox", { name: label });
  const choice = page.getByRole("option", { name: option, exact: true });
  await expect(async () => {
    if (!(await choice.isVisible())) await select.click();
    await expect(choice).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await choice.click();
}

/**
 * Opens the tab `name` in `scope`. A click that lands before the page has hydrated does nothing,
 * so it is retried until the tab says it is selected.
 */
export async function openTab(scope: Page | Locator, name: string) {
  const tab = scope.getByRole("tab", { name });
  await expect(async () => {
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true", { timeout: 500 });
  }).toPass();
}

/**
 * The path of the first link matching `pattern` in the latest email to `email` in the local outbox:
 * the e2e server keeps account mail there (no mail provider, listening on loopback). The email is
 * written a moment after the request, so the page is opened until it shows.
 */
export async function linkInOutbox(page: Page, email: string, pattern: RegExp): Promise<string> {
  const message = page.getByRole("region", { name: "As plain text" });
  let path = "";
  await expect(async () => {
    await page.goto(`/local-outbox?to=${encodeURIComponent(email)}`);
    const text = (await message.textContent({ timeout: 1_000 })) ?? "";
    path = new URL(pattern.exec(text)?.[0] ?? "/", "http://outbox").pathname;
    expect(path).not.toBe("/");
  }).toPass({ timeout: 30_000 });
  return path;
}

/**
 * Finishes a sign-up just submitted on `page` for `email`: reads its confirmation email in the local
 * outbox, follows the link and opens the organization, signed in as its first admin.
 */
export async function confirmSignUp(page: Page, email: string): Promise<void> {
  await expect(page.getByRole("status").filter({ hasText: "Check your email" })).toBeVisible();
  await page.goto(await linkInOutbox(page, email, /https?:\/\/\S+\/verify-email\/[A-Za-z0-9_-]+/));
  await page.getByRole("button", { name: "Open my organization" }).click();
}

/**
 * Signs up a new organization on `page` (signed out) and follows the confirmation email, ending on
 * its dashboard signed in as its first admin: a tenant of the spec's own, which no other spec or
 * earlier attempt of the same test has touched.
 */
export async function signUp(
  page: Page,
  person: { organization: string; name: string; email: string; password: string },
): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Organization").fill(person.organization);
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create organization" }).click();
  await confirmSignUp(page, person.email);
  await expect(page).toHaveURL(/\/dashboard$/);
}
