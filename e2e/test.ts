import { test as base, expect, type Page } from "@playwright/test";

/**
 * Waits, after a full page load, until React has hydrated the document (app/_components/hydration-mark.tsx).
 * A click that lands before hydration does nothing, which made specs fail now and then on a loaded machine.
 * Pages of contexts a spec opens itself (`browser.newContext()`) call it after their own `goto`.
 */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Playwright's `test`, whose page waits for hydration after every `goto` and `reload` of an HTML page. */
export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    const settle = async (response: Awaited<ReturnType<Page["goto"]>>) => {
      const html = response?.headers()["content-type"]?.includes("text/html") ?? false;
      if (html && response?.ok()) await hydrated(page);
      return response;
    };
    page.goto = async (url, options) => settle(await goto(url, options));
    page.reload = async (options) => settle(await reload(options));
    await use(page);
  },
});

export { expect };
