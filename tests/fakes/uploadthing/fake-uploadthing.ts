import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local UploadThing for tests: the routes the server SDK (UTApi) calls, with the real service's
 * checks and error answers, so the production storage is tested end to end.
 *
 * - ingest `PUT /<fileKey>?expires&x-ut-*&signature`: a URL the SDK presigns with the API key
 *   (HMAC-SHA256 of the URL, `hmac-sha256=<hex>`); refused when the signature is wrong (403), the
 *   URL has expired (400), the app id is not ours (403) or the body's size is not the signed size
 *   (400). The body is multipart with one field, `file`. Answers { url, appUrl, ufsUrl, fileHash }.
 * - API `POST /v6/listFiles | /v6/deleteFiles` with `x-uploadthing-api-key`: 401 without the key.
 * - UFS `GET|HEAD /a/<appId>/<fileKey|customId>?expires&signature`: private files through a
 *   signed URL only (403 unsigned or tampered, 404 unknown).
 * `failNext(route, status)` makes the next call to a route fail as the service does when down.
 */
export type StoredFile = {
  key: string;
  customId: string | null;
  name: string;
  type: string;
  size: number;
  bytes: Buffer;
  uploadedAt: number;
};

type Route = "ingest" | "listFiles" | "deleteFiles" | "ufs";

export type FakeUploadThing = {
  token: string;
  apiUrl: string;
  ingestUrl: string;
  ufsHost: string;
  files: Map<string, StoredFile>;
  /** Every request, as "METHOD /path" (no query), for asserting what the SDK called. */
  calls: string[];
  failNext(route: Route, status: number): void;
  close(): Promise<void>;
};

const APP_ID = "fakeapp123";
const SIGNATURE_PREFIX = "hmac-sha256=";

function sign(url: string, apiKey: string): string {
  return `${SIGNATURE_PREFIX}${createHmac("sha256", apiKey).update(url).digest("hex")}`;
}

/** Whether the URL carries a valid, unexpired signature over everything before `&signature=`. */
function checkSignature(
  fullUrl: URL,
  apiKey: string,
): { ok: true } | { ok: false; status: number; error: string } {
  const signature = fullUrl.searchParams.get("signature");
  if (!signature) return { ok: false, status: 403, error: "Missing signature" };
  const unsigned = new URL(fullUrl.href);
  unsigned.searchParams.delete("signature");
  const expected = Buffer.from(sign(unsigned.href, apiKey));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, status: 403, error: "Invalid signature" };
  }
  const expires = Number(fullUrl.searchParams.get("expires"));
  if (!Number.isFinite(expires) || expires < Date.now())
    return { ok: false, status: 400, error: "URL expired" };
  return { ok: true };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export async function startFakeUploadThing(): Promise<FakeUploadThing> {
  const apiKey = `sk_live_${randomUUID().replaceAll("-", "")}`;
  const files = new Map<string, StoredFile>();
  const calls: string[] = [];
  const failures = new Map<Route, number>();
  let base = "";

  const failing = (route: Route, response: ServerResponse): boolean => {
    const status = failures.get(route);
    if (status === undefined) return false;
    failures.delete(route);
    json(response, status, { error: status === 429 ? "Rate limited" : "Internal server error" });
    return true;
  };

  async function ingest(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (failing("ingest", response)) return;
    const check = checkSignature(url, apiKey);
    if (!check.ok) return json(response, check.status, { error: check.error });
    if (url.searchParams.get("x-ut-identifier") !== APP_ID) {
      return json(response, 403, { error: "Invalid app id" });
    }
    const key = url.pathname.slice(1);
    const body = await readBody(request);
    const form = await new Response(new Uint8Array(body), {
      headers: { "content-type": request.headers["content-type"] ?? "" },
    })
      .formData()
      .catch(() => null);
    const file = form?.get("file");
    if (!(file instanceof File)) return json(response, 400, { error: "Expected multipart field 'file'" });
    const bytes = Buffer.from(await file.arrayBuffer());
    const signedSize = Number(decodeURIComponent(url.searchParams.get("x-ut-file-size") ?? ""));
    if (bytes.length !== signedSize) {
      return json(response, 400, {
        error: `File size mismatch: signed ${signedSize}, received ${bytes.length}`,
      });
    }
    const customId = url.searchParams.get("x-ut-custom-id");
    files.set(key, {
      key,
      customId: customId ? decodeURIComponent(customId) : null,
      name: decodeURIComponent(url.searchParams.get("x-ut-file-name") ?? file.name),
      type: decodeURIComponent(url.searchParams.get("x-ut-file-type") ?? file.type),
      size: bytes.length,
      bytes,
      uploadedAt: Date.now(),
    });
    const ufsUrl = `${base}/a/${APP_ID}/${key}`;
    json(response, 200, {
      url: ufsUrl,
      appUrl: ufsUrl,
      ufsUrl,
      fileHash: createHash("md5").update(bytes).digest("hex"),
    });
  }

  async function api(request: IncomingMessage, response: ServerResponse, route: "listFiles" | "deleteFiles") {
    if (request.headers["x-uploadthing-api-key"] !== apiKey) {
      return json(response, 401, { error: "Invalid API key" });
    }
    if (failing(route, response)) return;
    const body = JSON.parse((await readBody(request)).toString("utf8") || "{}");
    if (route === "listFiles") {
      const limit = Number(body.limit ?? 500);
      const offset = Number(body.offset ?? 0);
      const all = [...files.values()].sort((a, b) => a.uploadedAt - b.uploadedAt);
      const page = all.slice(offset, offset + limit).map((file) => ({
        id: file.key,
        customId: file.customId,
        key: file.key,
        name: file.name,
        size: file.size,
        status: "Uploaded",
        uploadedAt: file.uploadedAt,
      }));
      return json(response, 200, { hasMore: offset + limit < all.length, files: page });
    }
    const keys: string[] = body.fileKeys ?? [];
    let deletedCount = 0;
    for (const key of keys) if (files.delete(key)) deletedCount++;
    json(response, 200, { success: true, deletedCount });
  }

  function ufs(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (failing("ufs", response)) return;
    const [, , appId, id] = url.pathname.split("/");
    if (appId !== APP_ID) return json(response, 404, { error: "App not found" });
    const check = checkSignature(url, apiKey);
    if (!check.ok) return json(response, 403, { error: check.error });
    const file = files.get(id ?? "") ?? [...files.values()].find((f) => f.customId === id);
    if (!file) return json(response, 404, { error: "File not found" });
    response.writeHead(200, { "content-type": file.type, "content-length": file.size });
    response.end(request.method === "HEAD" ? undefined : file.bytes);
  }

  const server: Server = createServer((request, response) => {
    // Signatures cover the URL as the SDK wrote it, host included (localhost or 127.0.0.1).
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
    calls.push(`${request.method} ${url.pathname}`);
    const handle = async () => {
      if (request.method === "PUT") return ingest(request, response, url);
      if (request.method === "POST" && url.pathname === "/v6/listFiles")
        return api(request, response, "listFiles");
      if (request.method === "POST" && url.pathname === "/v6/deleteFiles")
        return api(request, response, "deleteFiles");
      if ((request.method === "GET" || request.method === "HEAD") && url.pathname.startsWith("/a/")) {
        return ufs(request, response, url);
      }
      json(response, 404, { error: `No route ${request.method} ${url.pathname}` });
    };
    handle().catch((error) => json(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    token: Buffer.from(JSON.stringify({ apiKey, appId: APP_ID, regions: ["fake1"] })).toString("base64"),
    apiUrl: base,
    ingestUrl: base,
    // "localhost" makes the SDK build http:// file URLs, as it does for a local host.
    ufsHost: `localhost:${port}`,
    files,
    calls,
    failNext: (route, status) => failures.set(route, status),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
