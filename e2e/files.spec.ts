import { readFile } from "node:fs/promises";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { authFile, chooseOption, mutate, openTab, unique } from "./support";
import { expect, test } from "./test";

type Named = { id: string; name: string };
type Created = { id: string; tag: string };

/** A one-page PDF, as small as a valid one gets: what an invoice scan is to the server's sniffer. */
const invoicePdf = Buffer.from(
  [
    "%PDF-1.4",
    "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj",
    "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj",
    "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj",
    "trailer <</Root 1 0 R>>",
    "%%EOF",
  ].join("\n"),
);
/** A 1x1 PNG: enough for the server to make a thumbnail of. */
const photoPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** An asset of this test's own, so it does not depend on the demo data. */
async function createAsset(request: APIRequestContext, suffix: string): Promise<Created> {
  const category = await mutate<Named>(request, "reference.category.create", {
    name: `E2E Files ${suffix}`,
    depreciationMonths: 36,
  });
  return mutate<Created>(request, "assets.create", { name: `E2E Dock ${suffix}`, categoryId: category.id });
}

/** Uploads through the route the page uses, as IT staff, and attaches to `owner`. */
async function attach(
  request: APIRequestContext,
  owner: { type: "asset" | "employee"; id: string },
  purpose: string,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const response = await request.post("/api/files", {
    multipart: { purpose, ownerType: owner.type, ownerId: owner.id, file },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { file: { id: string; urls: { download: string } } }).file;
}

/** Picks what the next files are ("Invoice") and sends `file` through the drop zone's file dialog. */
async function upload(page: Page, purpose: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  await chooseOption(page, page, "Upload as", purpose);
  const choosing = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: /Drop files here or choose files/ }).click();
  await (await choosing).setFiles(file);
}

/** IT staff's session, for setting up what another role then looks at. */
async function itStaffSession(browser: Browser) {
  const context = await browser.newContext({ storageState: authFile("it_staff") });
  return { page: await context.newPage(), request: context.request, close: () => context.close() };
}

test.describe("as IT staff", () => {
  test.use({ storageState: authFile("it_staff") });

  test("attaches an invoice PDF and a photo to an asset, previews and downloads them, deletes the photo", async ({
    page,
  }) => {
    test.slow();
    const asset = await createAsset(page.request, unique());
    await page.goto(`/assets/${asset.id}`);
    await openTab(page, "Files");
    await expect(page.getByText("No files yet")).toBeVisible();

    await upload(page, "Invoice", { name: "invoice.pdf", mimeType: "application/pdf", buffer: invoicePdf });
    const files = page.getByRole("table", { name: `Files of ${asset.tag}` });
    await expect(files.getByRole("row", { name: /invoice\.pdf/ })).toContainText("Invoice");
    await upload(page, "Photo", { name: "photo.png", mimeType: "image/png", buffer: photoPng });
    await expect(files.getByRole("row", { name: /photo\.png/ })).toContainText("Photo");
    await expect(page.getByRole("status").filter({ hasText: "photo.png uploaded." })).toBeAttached();

    const thumbnail = page.getByAltText("Thumbnail of photo.png");
    await expect(thumbnail).toBeVisible();
    await expect
      .poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth))
      .toBeGreaterThan(0);
    await page.getByRole("button", { name: "Preview photo.png" }).click();
    const preview = page.getByRole("dialog", { name: "photo.png" });
    await expect(preview.getByRole("img", { name: "photo.png" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(preview).toBeHidden();

    // The PDF opens in the app: the browser's viewer in a frame of the preview route, which loads.
    const downloadUrl =
      (await files.getByRole("link", { name: "Download invoice.pdf" }).getAttribute("href")) ?? "";
    const previewUrl = `${downloadUrl}/preview`;
    const framed = page.waitForResponse((response) => new URL(response.url()).pathname === previewUrl);
    const previewButton = files.getByRole("button", { name: "Preview invoice.pdf" });
    await previewButton.click();
    const pdfDialog = page.getByRole("dialog", { name: "invoice.pdf" });
    const frame = pdfDialog.getByTitle("Preview of invoice.pdf");
    await expect(frame).toHaveAttribute("src", previewUrl);
    const inline = await framed;
    expect(inline.status()).toBe(200);
    expect(inline.headers()["content-type"]).toBe("application/pdf");
    expect(inline.headers()["content-disposition"]).toMatch(/^inline/);
    expect(inline.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(inline.headers()["x-frame-options"]).toBe("SAMEORIGIN");
    expect(inline.frame()).not.toBe(page.mainFrame());
    // A frame the browser refused would show its error page (chrome-error://) instead.
    await expect
      .poll(async () => (await (await frame.elementHandle())?.contentFrame())?.url())
      .toBe(new URL(previewUrl, page.url()).href);
    const newTab = pdfDialog.getByRole("link", { name: "Open in a new tab" });
    await expect(newTab).toHaveAttribute("href", previewUrl);
    await expect(newTab).toHaveAttribute("target", "_blank");
    await expect(pdfDialog.getByRole("link", { name: "Download" })).toHaveAttribute("href", downloadUrl);
    await page.keyboard.press("Escape");
    await expect(pdfDialog).toBeHidden();
    await expect(previewButton).toBeFocused();
    // Only the preview may be framed; the same file's download may not.
    const attachment = await page.request.get(downloadUrl);
    expect(attachment.headers()["x-frame-options"]).toBe("DENY");
    expect(attachment.headers()["content-security-policy"]).toBe("frame-ancestors 'none'");

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download invoice.pdf" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("invoice.pdf");
    expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe("%PDF-");

    // Dialogs opened from a row give focus back to the row's button, whether cancelled or saved.
    const renameButton = files.getByRole("button", { name: "Rename invoice.pdf" });
    await renameButton.click();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "Rename invoice.pdf" })).toBeHidden();
    await expect(renameButton).toBeFocused();
    await renameButton.press("Enter");
    const rename = page.getByRole("dialog", { name: "Rename invoice.pdf" });
    await rename.getByRole("textbox", { name: "Name" }).fill("invoice-2026.pdf");
    await rename.getByRole("button", { name: "Rename" }).click();
    await expect(rename).toBeHidden();
    await expect(files.getByRole("button", { name: "Rename invoice-2026.pdf" })).toBeFocused();

    await page.getByRole("button", { name: "Delete photo.png" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete photo.png" });
    await confirm.getByRole("button", { name: "Delete file" }).click();
    await expect(confirm.getByText(/at least 3 characters/)).toBeVisible();
    await confirm.getByRole("textbox", { name: "Reason" }).fill("Blurry; retaken on the desk");
    await confirm.getByRole("button", { name: "Delete file" }).click();
    await expect(confirm).toBeHidden();
    await expect(files.getByRole("row", { name: /photo\.png/ })).toHaveCount(0);
    await expect(files.getByRole("row", { name: /invoice-2026\.pdf/ })).toBeVisible();
  });

  test("two files dropped at once both arrive, and a pasted screenshot is attached too", async ({ page }) => {
    const asset = await createAsset(page.request, unique());
    await page.goto(`/assets/${asset.id}`);
    await openTab(page, "Files");
    await chooseOption(page, page, "Upload as", "Photo");
    const dropped = await page.evaluateHandle((base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      for (const name of ["front.png", "back.png"])
        transfer.items.add(new File([bytes], name, { type: "image/png" }));
      return transfer;
    }, photoPng.toString("base64"));
    await page
      .getByRole("button", { name: /Drop files here/ })
      .dispatchEvent("drop", { dataTransfer: dropped });
    const files = page.getByRole("table", { name: `Files of ${asset.tag}` });
    await expect(files.getByRole("row", { name: /front\.png/ })).toBeVisible();
    await expect(files.getByRole("row", { name: /back\.png/ })).toBeVisible();

    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([bytes], "image.png", { type: "image/png" }));
      document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: clipboard, bubbles: true }));
    }, photoPng.toString("base64"));
    await expect(files.getByRole("row", { name: /Screenshot .*\.png/ })).toContainText("Photo");
  });

  test("a file over its purpose's limit is refused with its size and the limit", async ({ page }) => {
    const asset = await createAsset(page.request, unique());
    await page.goto(`/assets/${asset.id}`);
    await openTab(page, "Files");
    await upload(page, "Photo", {
      name: "huge.png",
      mimeType: "image/png",
      buffer: Buffer.concat([photoPng, Buffer.alloc(16 * 1024 * 1024)]),
    });
    await expect(page.getByRole("list", { name: "Uploads" })).toContainText("16 MB is over the 15 MB limit");
  });
});

test.describe("as an auditor", () => {
  test.use({ storageState: authFile("auditor") });

  test("sees and downloads an asset's files but cannot upload or delete; employee documents stay hidden", async ({
    page,
    browser,
  }) => {
    const suffix = unique();
    const staff = await itStaffSession(browser);
    const asset = await createAsset(staff.request, suffix);
    await attach(staff.request, { type: "asset", id: asset.id }, "invoice", {
      name: "invoice.pdf",
      mimeType: "application/pdf",
      buffer: invoicePdf,
    });
    const employee = await mutate<Named>(staff.request, "employees.create", {
      firstName: "Fran",
      lastName: `Contract ${suffix}`,
    });
    const contract = await attach(staff.request, { type: "employee", id: employee.id }, "contract", {
      name: "contract.pdf",
      mimeType: "application/pdf",
      buffer: invoicePdf,
    });
    const employeeFiles = `Files of ${employee.name}`;
    await staff.page.goto(`/employees/${employee.id}`);
    await expect(staff.page.getByRole("table", { name: employeeFiles })).toContainText("contract.pdf");
    await staff.close();

    await page.goto(`/assets/${asset.id}`);
    await openTab(page, "Files");
    const files = page.getByRole("table", { name: `Files of ${asset.tag}` });
    await expect(files.getByRole("row", { name: /invoice\.pdf/ })).toBeVisible();
    await expect(files.getByRole("link", { name: "Download invoice.pdf" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete invoice.pdf" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /Drop files here/ })).toHaveCount(0);

    await page.goto(`/employees/${employee.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(employee.name);
    await expect(page.getByRole("list", { name: `History of ${employee.name}` })).toBeVisible();
    await expect(page.getByRole("table", { name: employeeFiles })).toHaveCount(0);
    expect((await page.request.get(contract.urls.download)).status()).toBe(404);
  });
});
