import type { Page } from "@playwright/test";
import { authFile, chooseOption, mutate, openTab, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };
type Created = { id: string; tag: string };

/** The value of one of the audit's count cards ("Found", "Missing", …). */
const countOf = (page: Page, label: string) =>
  page
    .getByRole("region", { name: "Audit counts" })
    .locator("dl")
    .filter({ has: page.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }) })
    .getByRole("definition")
    .first();

async function expectCounts(page: Page, counts: Record<string, number>) {
  for (const [label, value] of Object.entries(counts)) {
    await expect(countOf(page, label), label).toHaveText(String(value));
  }
}

test.describe("as IT staff", () => {
  test.use({ storageState: authFile("it_staff") });

  test("audits a site by scanning: counts follow each scan, and closing records the found and the missing on the assets", async ({
    page,
  }) => {
    test.slow();
    const suffix = unique();
    const category = await mutate<Named>(page.request, "reference.category.create", {
      name: `E2E Audit ${suffix}`,
      depreciationMonths: 36,
    });
    const site = await mutate<Named>(page.request, "reference.location.create", {
      name: `E2E Audit site ${suffix}`,
      kind: "site",
    });
    const room = await mutate<Named>(page.request, "reference.location.create", {
      name: `Stock room ${suffix}`,
      kind: "room",
      parentId: site.id,
    });
    const elsewhere = await mutate<Named>(page.request, "reference.location.create", {
      name: `E2E Other site ${suffix}`,
      kind: "site",
    });
    const asset = (name: string, locationId: string, serial?: string) =>
      mutate<Created>(page.request, "assets.create", {
        name: `${name} ${suffix}`,
        categoryId: category.id,
        locationId,
        serial,
      });
    const byTag = await asset("Scanned by tag", site.id);
    const serial = `SN-AUDIT-${suffix}`;
    const bySerial = await asset("Scanned by serial", room.id, serial);
    const missing = await asset("Never scanned", room.id);
    const stray = await asset("Stray", elsewhere.id);

    await page.goto("/assets/audits");
    await page.getByRole("button", { name: "Start audit" }).click();
    const start = page.getByRole("dialog", { name: "Start an audit" });
    await chooseOption(page, start, "Location", site.name);
    await start.getByRole("button", { name: "Start audit" }).click();
    await expect(page).toHaveURL(/\/assets\/audits\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Audit of ${site.name}`);
    // everything at the site or in its room is expected
    await expectCounts(page, { Expected: 3, Found: 0, Missing: 3, Unexpected: 0 });

    // A barcode scanner is a keyboard: it types into the focused box and presses Enter.
    const scanBox = page.getByRole("textbox", { name: "Scan or type a tag or serial number" });
    await expect(scanBox).toBeFocused();
    const scan = async (code: string) => {
      await page.keyboard.type(code);
      await page.keyboard.press("Enter");
    };

    await scan(byTag.tag);
    await expect(page.getByText(`${byTag.tag} found.`)).toBeVisible();
    await expectCounts(page, { Found: 1, Missing: 2, Unexpected: 0 });
    await expect(scanBox).toBeFocused();
    await expect(scanBox).toHaveValue("");

    await scan(serial.toLowerCase());
    await expect(page.getByText(`${bySerial.tag} found.`)).toBeVisible();
    await expectCounts(page, { Found: 2, Missing: 1, Unexpected: 0 });

    // Backing out of closing goes back to scanning: the next scan's Enter must not press "Close audit".
    await page.getByRole("button", { name: "Close audit" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Keep scanning" }).click();
    await expect(scanBox).toBeFocused();
    await scan(stray.tag);
    await expect(
      page.getByText(`${stray.tag} was not expected here: it belongs to ${elsewhere.name}.`),
    ).toBeVisible();
    await expectCounts(page, { Found: 2, Missing: 1, Unexpected: 1 });
    await expect(page.getByRole("list", { name: "Unexpected" })).toContainText(
      `${stray.tag} Stray ${suffix} · belongs to ${elsewhere.name}`,
    );
    await expect(page.getByRole("list", { name: "Found" })).toContainText(byTag.tag);
    await expect(page.getByRole("list", { name: "Found" })).toContainText(bySerial.tag);
    await expect(page.getByRole("list", { name: "Missing" })).toHaveText(
      new RegExp(`^${missing.tag} Never scanned ${suffix} · ${room.name}$`),
    );

    // The stray belongs here after all: moved by the audit, it stays counted as unexpected.
    await page
      .getByRole("list", { name: "Unexpected" })
      .getByRole("button", { name: `Move here ${stray.tag}` })
      .click();
    await expect(page.getByRole("list", { name: "Unexpected" })).toContainText(
      `${stray.tag} Stray ${suffix} · moved here`,
    );
    await expectCounts(page, { Expected: 4, Found: 2, Missing: 1, Unexpected: 1 });
    await expect(scanBox).toBeFocused();

    await page.getByRole("button", { name: "Close audit" }).click();
    const close = page.getByRole("alertdialog", { name: `Close the audit of ${site.name}?` });
    await expect(close).toContainText("1 expected asset was not scanned and will be reported missing.");
    await close.getByRole("button", { name: "Close audit" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("closed");
    await expect(scanBox).toHaveCount(0);
    await expectCounts(page, { Expected: 4, Found: 2, Missing: 1, Unexpected: 1 });
    await expect(page.getByRole("region", { name: "Audit counts" })).toContainText("Reported missing");
    await expect(page.getByRole("list", { name: "Missing" })).toContainText(missing.tag);

    // the missing asset is flagged on its own page
    await page.getByRole("list", { name: "Missing" }).getByRole("link", { name: missing.tag }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Never scanned ${suffix}`);
    await openTab(page, "Audit events");
    await expect(page.getByRole("list", { name: `Audit events of ${missing.tag}` })).toContainText(
      "Asset reported missing",
    );

    // a found asset's history has the audit entry
    await page.goto(`/assets/${bySerial.id}`);
    await expect(page.getByRole("list", { name: "Asset history" }).getByRole("listitem").first()).toHaveText(
      new RegExp(`^Seen in an audit.*Seen during the audit of ${site.name}\\.`),
    );
    await openTab(page, "Audit events");
    await expect(page.getByRole("list", { name: `Audit events of ${bySerial.tag}` })).toContainText(
      "Asset audited",
    );

    // the moved asset's history says where it came from and where it went
    await page.goto(`/assets/${stray.id}`);
    await expect(
      page.getByRole("list", { name: "Asset history" }).getByRole("listitem").first(),
    ).toContainText(`Found in an audit and moved to ${site.name}`);

    await page.goto("/assets/audits");
    const row = page.getByRole("table", { name: "Audits" }).getByRole("row", { name: new RegExp(site.name) });
    await expect(row.getByRole("cell")).toHaveText([site.name, "closed", /.+/, "2", "1", "1"]);
  });
});
