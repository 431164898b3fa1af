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

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
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

/** Picks `option` in the select labelled `label` inside `scope` (its list opens in a portal on `page`). */
export async function chooseOption(page: Page, scope: Page | Locator, label: string, option: string) {
  await scope.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}
