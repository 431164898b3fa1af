import { type Browser, type BrowserContext, test as base, expect, type Page } from "@playwright/test";

/**
 * Waits, after a full page load, until React has hydrated the document (app/_components/hydration-mark.tsx).
 * A click or fill that lands before hydration does nothing, which made specs fail now and then on a
 * loaded machine. Every page of this file's `test` (its own, and those of contexts a spec opens with
 * `browser.newContext()`) calls it after each `goto` and `reload`.
 */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

const settling = new WeakSet<Page>();

/** Makes the page's `goto` and `reload` of an HTML page return only once React has hydrated it. */
function settleLoads(page: Page): Page {
  if (settling.has(page)) return page;
  settling.add(page);
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  const settle = async (response: Awaited<ReturnType<Page["goto"]>>) => {
    const html = response?.headers()["content-type"]?.includes("text/html") ?? false;
    if (html && response?.ok()) await hydrated(page);
    return response;
  };
  page.goto = async (url, options) => settle(await goto(url, options));
  page.reload = async (options) => settle(await reload(options));
  return page;
}

function settleContext(context: BrowserContext): BrowserContext {
  const newPage = context.newPage.bind(context);
  context.newPage = async () => settleLoads(await newPage());
  return context;
}

/** Playwright's `test`, whose pages (also in contexts the spec opens) wait for hydration after every load. */
export const test = base.extend<object, { browser: Browser }>({
  page: async ({ page }, use) => {
    await use(settleLoads(page));
  },
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => settleContext(await newContext(options));
      await use(browser);
    },
    { scope: "worker" },
  ],
});

export { expect };
