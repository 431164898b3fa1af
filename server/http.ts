import { AppError } from "./errors";
import { logger } from "./logger";
import { inlineFilePolicy } from "./security-headers";

/** Every route handler response is per-request and per-user: nothing may be cached on the way. */
const NO_STORE = { "cache-control": "no-store" } as const;

/**
 * The one place an error becomes an HTTP response in route handlers (tRPC has toTrpcError):
 * an AppError keeps its status and message (and, for bad input, which fields were wrong);
 * anything else is a 500 whose details stay in the log.
 */
export function errorResponse(error: unknown, requestId?: string): Response {
  if (error instanceof AppError && error.status < 500) {
    const fields = error.details?.fields;
    return Response.json(
      { error: { code: error.code, message: error.message, ...(fields ? { fields } : {}) } },
      { status: error.status, headers: NO_STORE },
    );
  }
  logger.error("route handler error", { requestId, error });
  return Response.json(
    {
      error: {
        code: "INTERNAL",
        message: `Something went wrong on our side (reference ${requestId ?? "n/a"}).`,
      },
    },
    { status: 500, headers: NO_STORE },
  );
}

/** A JSON answer that no cache keeps. */
export function jsonResponse(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: NO_STORE });
}

type FileBody = ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | string;

export type FileResponseOptions = {
  filename: string;
  contentType: string;
  /** "attachment" downloads (CSV); "inline" opens in the browser (a PDF to print). */
  disposition?: "attachment" | "inline";
};

/**
 * `filename="..."` for every browser, with anything but letters, digits, `.`, `-` and `_` replaced
 * (no quote or newline can break the header), and `filename*` carrying the exact UTF-8 name.
 */
export function contentDisposition(disposition: "attachment" | "inline", filename: string): string {
  const plain = filename.replace(/[^\w.-]+/g, "_");
  return `${disposition}; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * A download (bytes, or a stream read after the handler returns): named, never cached, and never
 * sniffed into another type (a CSV cell must not turn into HTML).
 */
export function fileResponse(
  body: FileBody,
  { filename, contentType, disposition = "attachment" }: FileResponseOptions,
): Response {
  return new Response(body, { headers: fileHeaders({ filename, contentType, disposition }) });
}

/**
 * An image or PDF shown inside the app, in the preview dialog's frame: inline, frameable by this
 * origin's pages only, under a policy that lets the document load and run nothing
 * (security-headers.ts inlineFilePolicy). next.config.ts leaves its route out of the DENY every
 * other response gets, and gives the route's errors the same policy. `contentType` must be the type
 * the server sniffed, never one a client claimed.
 */
export function previewResponse(
  body: FileBody,
  { filename, contentType }: Omit<FileResponseOptions, "disposition">,
): Response {
  return new Response(body, {
    headers: {
      ...fileHeaders({ filename, contentType, disposition: "inline" }),
      "content-security-policy": inlineFilePolicy,
      // For browsers that predate frame-ancestors; the others go by the policy.
      "x-frame-options": "SAMEORIGIN",
    },
  });
}

function fileHeaders({ filename, contentType, disposition }: Required<FileResponseOptions>) {
  return {
    ...NO_STORE,
    "content-type": contentType,
    "content-disposition": contentDisposition(disposition, filename),
    "x-content-type-options": "nosniff",
  };
}
