import { expect, type Page } from "@playwright/test";

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
