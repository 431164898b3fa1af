/**
 * Where file bytes live. The services see only this interface, so local disk (the default) and
 * UploadThing (production) behave the same to them and are tested through the same cases.
 */

/** A new object: our file id and tenant name it, so a listing maps objects back to metadata rows. */
export type PutObject = {
  tenantId: string;
  fileId: string;
  name: string;
  contentType: string;
  body: Blob;
};

/** One stored object as a listing sees it, for the sweep of objects that have no metadata. */
export type ListedObject = {
  key: string;
  /** The tenant the object was written for, or null when the object is not one of ours. */
  tenantId: string | null;
  uploadedAt: Date;
};

export type FileStorage = {
  /** "local" or "uploadthing": recorded with each file, so a file is read from where it was written. */
  readonly name: "local" | "uploadthing";
  /** Stores the bytes and answers the key to read them by. */
  put(object: PutObject): Promise<{ key: string }>;
  /** The bytes, streamed; NOT_FOUND when the object is gone. */
  get(key: string): Promise<ReadableStream<Uint8Array>>;
  /** Removes objects; keys already gone are not an error (a sweep may repeat a delete). */
  delete(keys: readonly string[]): Promise<void>;
  exists(key: string): Promise<boolean>;
  list(): AsyncIterable<ListedObject>;
};

/** The name an object is written under: tenant first, so a listing knows whose it is. */
export const objectName = (tenantId: string, fileId: string): string => `${tenantId}/${fileId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The tenant of an object name written by objectName, or null for anything else. */
export function tenantOfObject(name: string | null): string | null {
  const [tenantId, fileId, ...rest] = (name ?? "").split("/");
  if (rest.length > 0 || !tenantId || !fileId || !UUID.test(tenantId) || !UUID.test(fileId)) return null;
  return tenantId;
}
