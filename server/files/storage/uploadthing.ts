import { UTApi, UTFile } from "uploadthing/server";
import { AppError } from "../../errors";
import { type FileStorage, type ListedObject, objectName, tenantOfObject } from "./storage";

export type UploadThingOptions = {
  token: string;
  /** Overrides for a local fake (tests); unset in production. */
  apiUrl?: string;
  ingestUrl?: string;
  ufsHost?: string;
};

/** How long a server-side download URL lives: it is fetched at once and never leaves the server. */
const DOWNLOAD_URL_SECONDS = 60;
const LIST_PAGE = 500;

/**
 * Files on UploadThing through its server SDK (UTApi). Each object carries our name
 * (tenant/file) as its customId, so a listing tells whose it is. Bytes are read through
 * short-lived signed URLs fetched by the server and streamed on by our tenant-checked routes:
 * no UploadThing URL is ever handed to a browser.
 */
export function uploadThingStorage(options: UploadThingOptions): FileStorage {
  let api: UTApi | null = null;
  // Created on first use: a client built at import time breaks the build (ARCHITECTURE.md §5).
  const utapi = (): UTApi => {
    api ??= new UTApi({
      token: options.token,
      apiUrl: options.apiUrl,
      ingestUrl: options.ingestUrl,
      ufsHost: options.ufsHost,
      // A fake's host has no per-app subdomain; the real one does.
      ufsAppIdLocation: options.ufsHost ? "path" : "subdomain",
      logLevel: "Error",
    });
    return api;
  };

  async function put({ tenantId, fileId, name, contentType, body }: Parameters<FileStorage["put"]>[0]) {
    const file = new UTFile([body], name, { type: contentType, customId: objectName(tenantId, fileId) });
    const result = await utapi().uploadFiles(file, { contentDisposition: "attachment" });
    if (result.error)
      throw new Error(`UploadThing refused the upload: ${result.error.code} ${result.error.message}`);
    return { key: result.data.key };
  }

  async function signedUrl(key: string): Promise<string> {
    const { ufsUrl } = await utapi().generateSignedURL(key, { expiresIn: DOWNLOAD_URL_SECONDS });
    return ufsUrl;
  }

  async function get(key: string): Promise<ReadableStream<Uint8Array>> {
    const response = await fetch(await signedUrl(key));
    if (response.status === 404) throw new AppError("NOT_FOUND", "This file is no longer in storage.");
    if (!response.ok || !response.body)
      throw new Error(`UploadThing answered ${response.status} to a download`);
    return response.body;
  }

  async function exists(key: string): Promise<boolean> {
    const response = await fetch(await signedUrl(key), { method: "HEAD" });
    if (response.status === 404) return false;
    if (!response.ok) throw new Error(`UploadThing answered ${response.status} to a file check`);
    return true;
  }

  async function remove(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await utapi().deleteFiles([...keys]);
  }

  async function* list(): AsyncIterable<ListedObject> {
    for (let offset = 0; ; offset += LIST_PAGE) {
      const page = await utapi().listFiles({ limit: LIST_PAGE, offset });
      for (const file of page.files) {
        yield {
          key: file.key,
          tenantId: tenantOfObject(file.customId),
          uploadedAt: new Date(file.uploadedAt),
        };
      }
      if (!page.hasMore) return;
    }
  }

  return { name: "uploadthing", put, get, delete: remove, exists, list };
}
