import { authFile } from "./support";
import { expect, test } from "./test";

test.use({ storageState: authFile("admin") });

/** The reference-data queries the settings screens fetch through tRPC. */
const referenceQueries = (url: URL) => url.pathname.startsWith("/api/trpc/reference.");

/** A tRPC batch answer failing every query in the batch, as server/trpc.ts formats a 5xx (superjson). */
function internalErrors(url: string, reference: string): string {
  const paths = new URL(url).pathname.replace("/api/trpc/", "").split(",");
  return JSON.stringify(
    paths.map((path) => ({
      error: {
        json: {
          message: `Something went wrong on our side (reference ${reference}).`,
          code: -32603,
          data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, path, appCode: null, zodError: null },
        },
      },
    })),
  );
}

test("a page that fails to load says so, quotes the server's reference, and recovers on retry", async ({
  page,
}) => {
  await page.goto("/settings/manufacturers");
  await page.route(referenceQueries, (route) =>
    route.request().method() === "GET"
      ? route.fulfill({
          status: 500,
          contentType: "application/json",
          body: internalErrors(route.request().url(), "e2e-ref-0001"),
        })
      : route.continue(),
  );
  // Listing archived records is a new query, fetched in the browser: it fails.
  await page.getByLabel("Show archived").first().check();

  const failure = page.getByRole("region", { name: "This page could not be shown" });
  await expect(failure).toBeVisible({ timeout: 15_000 });
  await expect(failure).toContainText("Reference e2e-ref-0001");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(failure.getByRole("link", { name: "Go to your home page" })).toHaveAttribute("href", "/");

  await page.unroute(referenceQueries);
  await failure.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("table", { name: "Manufacturers" })).toBeVisible();
  await expect(failure).toBeHidden();
});
