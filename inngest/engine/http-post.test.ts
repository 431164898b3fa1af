import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it, vi } from "vitest";
import { postText } from "./http-post";

/**
 * A call is a function step: sent twice, the step may run twice. The engine's POST is re-sent
 * only when its connection could never be made, never after the request was written.
 */
let server: http.Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** Serves POSTs on a free port; `answer` decides what each received request (1, 2, ...) gets. */
async function listen(
  answer: (received: number, request: http.IncomingMessage, response: http.ServerResponse) => void,
) {
  let received = 0;
  server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => answer(++received, request, response));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/api/inngest`), received: () => received };
}

const post = (url: URL) =>
  postText(
    url,
    '{"step":1}',
    { "content-type": "application/json" },
    {
      signal: new AbortController().signal,
      timeoutMs: 5_000,
    },
  );

it("does not send a request again when a reused connection is reset after the server read it", async () => {
  const endpoint = await listen((received, request, response) => {
    // The first call answers and keeps its connection; the second is read, then the connection reset.
    if (received === 1) response.end("ok");
    else request.socket.resetAndDestroy();
  });
  expect((await post(endpoint.url)).text).toBe("ok");
  const requests = vi.spyOn(http, "request");
  await expect(post(endpoint.url)).rejects.toMatchObject({ code: "ECONNRESET" });
  expect(requests).toHaveBeenCalledTimes(1);
  expect(endpoint.received()).toBe(2);
});

it("sends it once more when its connection could not be made, and says why when that fails too", async () => {
  const endpoint = await listen((_, __, response) => response.end("ok"));
  server?.close();
  await new Promise((resolve) => server?.once("close", resolve));
  const requests = vi.spyOn(http, "request");
  await expect(post(endpoint.url)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  expect(requests).toHaveBeenCalledTimes(2);
  expect(endpoint.received()).toBe(0);
});
