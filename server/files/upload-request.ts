import { AppError } from "../errors";
import type { OwnerRef } from "./owners";
import { type FilePurpose, formatBytes, purposeRules } from "./purposes";
import { UploadFields } from "./schemas";

/** The most an upload request may carry: the largest purpose's limit, plus room for the form fields. */
export const MAX_UPLOAD_REQUEST_BYTES =
  Math.max(...Object.values(purposeRules).map((rule) => rule.maxBytes)) + 64 * 1024;

const HOW_TO_SEND = "Send the file as multipart/form-data with the fields purpose and file.";

/** The request body, failing as soon as it carries more than `limit` bytes, whatever it claimed. */
function capped(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          controller.error(
            new AppError("UNPROCESSABLE", `The upload is over the ${formatBytes(limit)} limit.`),
          );
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

export type UploadRequest = { purpose: FilePurpose; owner?: OwnerRef; file: File };

/**
 * Reads an upload's form: a declared length over the cap is refused before any byte is read, and
 * the body is cut off at the cap if it lies. At most the cap is held in memory.
 */
export async function readUploadRequest(request: Request): Promise<UploadRequest> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    throw new AppError("BAD_REQUEST", HOW_TO_SEND);
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_REQUEST_BYTES) {
    throw new AppError(
      "UNPROCESSABLE",
      `${formatBytes(declared)} is over the ${formatBytes(MAX_UPLOAD_REQUEST_BYTES)} upload limit.`,
    );
  }
  let form: FormData;
  try {
    form = await new Response(capped(request.body, MAX_UPLOAD_REQUEST_BYTES), {
      headers: { "content-type": contentType },
    }).formData();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof TypeError && error.cause instanceof AppError) throw error.cause;
    throw new AppError("BAD_REQUEST", `The form could not be read. ${HOW_TO_SEND}`);
  }
  return fieldsOf(form);
}

function fieldsOf(form: FormData): UploadRequest {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const parsed = UploadFields.safeParse({
    purpose: text("purpose"),
    ownerType: text("ownerType"),
    ownerId: text("ownerId"),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("BAD_REQUEST", `Check the upload: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("BAD_REQUEST", HOW_TO_SEND);
  const { purpose, ownerType, ownerId } = parsed.data;
  return { purpose, file, owner: ownerType && ownerId ? { type: ownerType, id: ownerId } : undefined };
}
