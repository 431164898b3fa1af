import sharp from "sharp";
import { userActor } from "@/server/context";
import type { Db } from "@/server/db";
import type { OwnerRef } from "@/server/files/owners";
import type { FilePurpose } from "@/server/files/purposes";
import { uploadFile } from "@/server/files/services/upload-file";
import { type FileStorage, fileStorage } from "@/server/files/storage";
import type { TestUser } from "./tenants";

/** A real PNG, `size` pixels square, in one colour. */
export async function pngBytes(size = 64, background = "#3366cc"): Promise<Uint8Array<ArrayBuffer>> {
  const buffer = await sharp({ create: { width: size, height: size, channels: 3, background } })
    .png()
    .toBuffer();
  return new Uint8Array(buffer);
}

/** A small but well-formed PDF header and trailer: what magic-byte detection reads. */
export const pdfBytes = (text = "invoice"): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

/** The start of an iPhone photo: an ISO-BMFF `ftyp` box with the heic brand. */
export function heicBytes(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(64);
  bytes.set([0, 0, 0, 24], 0);
  bytes.set(new TextEncoder().encode("ftypheic"), 4);
  bytes.set(new TextEncoder().encode("mif1heic"), 16);
  return bytes;
}

/** Uploads as `user` the way POST /api/files does: no transaction held, the given storage. */
export function uploadAs(
  db: Db,
  user: TestUser,
  storage: FileStorage,
  input: { purpose: FilePurpose; name: string; bytes: Uint8Array<ArrayBuffer> | string; owner?: OwnerRef },
) {
  const scope = { db, tenantId: user.tenantId, actor: userActor(user), requestId: "test", cause: null };
  return uploadFile(scope, storage, {
    purpose: input.purpose,
    name: input.name,
    body: new Blob([input.bytes]),
    owner: input.owner,
  });
}

/**
 * For isolation tests: a tenant's invoice on an asset, a contract on an employee and an upload
 * not attached yet, each named `<label> ...`, in the deployment's storage (what the routes read).
 */
export async function seedTenantFiles(
  db: Db,
  user: TestUser,
  records: { assetId: string; employeeId: string; label: string },
) {
  const storage = fileStorage();
  const png = await pngBytes(32);
  const photo = await uploadAs(db, user, storage, {
    purpose: "photo",
    name: `${records.label} Photo.png`,
    bytes: png,
    owner: { type: "asset", id: records.assetId },
  });
  const contract = await uploadAs(db, user, storage, {
    purpose: "contract",
    name: `${records.label} Contract.pdf`,
    bytes: pdfBytes(records.label),
    owner: { type: "employee", id: records.employeeId },
  });
  const pending = await uploadAs(db, user, storage, {
    purpose: "invoice",
    name: `${records.label} Pending.pdf`,
    bytes: pdfBytes(records.label),
  });
  return { photo: { id: photo.id }, contract: { id: contract.id }, pending: { id: pending.id } };
}
