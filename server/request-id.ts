import { randomUUID } from "node:crypto";

/** What a caller's own request id must look like to be kept: a UUID, a trace id, a ULID and the like. */
const WELL_FORMED = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The id a request is known by in logs and in "reference ..." messages: the caller's
 * `x-request-id` when it is well formed (8-64 letters, digits, `-` or `_`), else a fresh UUID,
 * so nothing a client sends can forge log lines or inject text into an error message.
 */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given !== null && WELL_FORMED.test(given) ? given : randomUUID();
}
