import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as preview } from "@/app/api/files/[id]/preview/route";
import { GET as download } from "@/app/api/files/[id]/route";
import { GET as thumbnail } from "@/app/api/files/[id]/thumbnail/route";
import { POST as upload } from "@/app/api/files/route";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import { fileStorage } from "@/server/files/storage";
import { MAX_UPLOAD_REQUEST_BYTES } from "@/server/files/upload-request";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { heicBytes, pdfBytes, pngBytes, uploadAs } from "../factories/files";
import { createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let sessionUser: SessionUser | null = null;
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => sessionUser }));

let handle: DatabaseHandle;
let staff: TestUser;
let auditor: TestUser;
let assetId: string;
let janeId: string;

beforeAll(async () => {
  handle = await useTestDatabase();
  const { tenant } = await createTestTenant(handle.db);
  staff = await createTestUser(handle.db, tenant, "it_staff");
  auditor = await createTestUser(handle.db, tenant, "auditor");
  const fixtures = await createAssetFixtures(handle.db, tenant.id);
  assetId = (await createTestAsset(handle.db, staff, fixtures.categoryId)).id;
  janeId = fixtures.jane.id;
});
afterAll(() => handle.close());

const URL_BASE = "http://localhost:3000/api/files";

function form(
  fields: Record<string, string>,
  file: { bytes: Uint8Array<ArrayBuffer>; name: string },
): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  data.set("file", new File([file.bytes], file.name, { type: "application/octet-stream" }));
  return data;
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  upload(new Request(URL_BASE, { method: "POST", body, headers, duplex: "half" } as RequestInit));

const get = (handler: typeof download, id: string) =>
  handler(new Request(`${URL_BASE}/${id}`), { params: Promise.resolve({ id }) });

describe("file routes", () => {
  it("uploads a PDF for an asset and serves it as a download and an inline preview", async () => {
    sessionUser = staff;
    const pdf = pdfBytes("invoice 114");
    const response = await post(
      form(
        { purpose: "invoice", ownerType: "asset", ownerId: assetId },
        { bytes: pdf, name: "Invoice 114.pdf" },
      ),
    );
    expect(response.status).toBe(201);
    const { file } = await response.json();
    expect(file).toMatchObject({
      name: "Invoice 114.pdf",
      status: "attached",
      contentType: "application/pdf",
    });

    sessionUser = auditor;
    const downloaded = await get(download, file.id);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get("content-disposition")).toBe(
      `attachment; filename="Invoice_114.pdf"; filename*=UTF-8''Invoice%20114.pdf`,
    );
    expect(downloaded.headers.get("x-content-type-options")).toBe("nosniff");
    expect(downloaded.headers.get("cache-control")).toBe("no-store");
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(pdf);

    const shown = await get(preview, file.id);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("application/pdf");
    expect(shown.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(new Uint8Array(await shown.arrayBuffer())).toEqual(pdf);
    expect((await get(thumbnail, file.id)).status).toBe(422);
  });

  it("lets the app's own pages frame a PDF's preview, inert, and nothing else of the file", async () => {
    sessionUser = staff;
    const invoice = await uploadAs(handle.db, staff, fileStorage(), {
      purpose: "invoice",
      name: "framed.pdf",
      bytes: pdfBytes("framed"),
      owner: { type: "asset", id: assetId },
    });
    const shown = await get(preview, invoice.id);
    expect(shown.status).toBe(200);
    const policy = shown.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(shown.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(shown.headers.get("x-content-type-options")).toBe("nosniff");
    expect(shown.headers.get("content-type")).toBe("application/pdf");

    // The download stays a download: next.config.ts gives it DENY, which no handler header undoes.
    const downloaded = await get(download, invoice.id);
    expect(downloaded.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(downloaded.headers.get("content-security-policy")).toBeNull();
    expect(downloaded.headers.get("x-frame-options")).toBeNull();
  });

  it("shows only images and PDFs: a spreadsheet's preview is refused with what to do", async () => {
    sessionUser = staff;
    const sheet = await uploadAs(handle.db, staff, fileStorage(), {
      purpose: "document",
      name: "stock.csv",
      bytes: "tag,name\nA-1,Dock\n",
      owner: { type: "asset", id: assetId },
    });
    const refused = await get(preview, sheet.id);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.message).toBe(
      "stock.csv cannot be shown in the browser; download it instead.",
    );
  });

  it("makes a small WebP thumbnail of a photo on the server", async () => {
    sessionUser = staff;
    const photo = await uploadAs(handle.db, staff, fileStorage(), {
      purpose: "photo",
      name: "handover.png",
      bytes: await pngBytes(1000),
      owner: { type: "asset", id: assetId },
    });
    const response = await get(thumbnail, photo.id);
    expect(response.headers.get("content-type")).toBe("image/webp");
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 320, height: 320 });
  });

  it("refuses a HEIC photo with a message that says what to send", async () => {
    sessionUser = staff;
    const response = await post(form({ purpose: "evidence" }, { bytes: heicBytes(), name: "IMG_0042.HEIC" }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toBe("HEIC is not accepted for evidence; use JPEG or PNG.");
  });

  it("refuses an upload over the cap from its declared length, and one that lies about it", async () => {
    sessionUser = staff;
    const claimed = await post(form({ purpose: "invoice" }, { bytes: pdfBytes(), name: "a.pdf" }), {
      "content-length": String(MAX_UPLOAD_REQUEST_BYTES + 1),
    });
    expect(claimed.status).toBe(422);
    expect((await claimed.json()).error.message).toMatch(/is over the 50 MB upload limit/);

    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_UPLOAD_REQUEST_BYTES + chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await post(endless, { "content-type": "multipart/form-data; boundary=xyz" });
    expect(streamed.status).toBe(422);
    expect((await streamed.json()).error.message).toMatch(/The upload is over the 50 MB limit/);
  });

  it("answers 404 to an auditor asking for an employee's contract", async () => {
    const contract = await uploadAs(handle.db, staff, fileStorage(), {
      purpose: "contract",
      name: "contract.pdf",
      bytes: pdfBytes(),
      owner: { type: "employee", id: janeId },
    });
    sessionUser = auditor;
    expect((await get(download, contract.id)).status).toBe(404);
    sessionUser = staff;
    expect((await get(download, contract.id)).status).toBe(200);
  });
});
