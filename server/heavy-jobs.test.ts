import { createServer, request as httpRequest, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backgroundTurn, countRequests, requestsInFlight, yieldToEventLoop } from "./heavy-jobs";

describe("background work taking turns", () => {
  it("resumes one waiting job per turn of the event loop, in order", async () => {
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const resumed: Array<[string, number]> = [];
    const job = async (name: string) => {
      for (let piece = 0; piece < 3; piece++) {
        await yieldToEventLoop();
        resumed.push([name, turn]);
      }
    };
    await Promise.all([job("a"), job("b"), job("c")]);
    counting = false;
    expect(resumed.map(([name]) => name).join("")).toBe("abcabcabc");
    const turns = resumed.map(([, at]) => at);
    expect(new Set(turns).size).toBe(turns.length);
  });
});

describe("background work while people's requests are in flight", () => {
  // A server whose responses stay open until the test ends them: requests in flight.
  const open: ServerResponse[] = [];
  const server = createServer((_request, response) => {
    open.push(response);
  });
  let port = 0;
  beforeAll(async () => {
    countRequests();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (path: string, headers: Record<string, string> = {}) => {
    const request = httpRequest({ port, host: "127.0.0.1", path, headers });
    request.on("error", () => {});
    request.end();
    return request;
  };
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const busyFor = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };

  it("counts people's requests, not the engine's calls to /api/inngest, until each closes", async () => {
    const before = requestsInFlight();
    const page = send("/assets");
    send("/api/inngest?fnId=x");
    await until(() => open.length === 2);
    expect(requestsInFlight()).toBe(before + 1);
    for (const response of open.splice(0)) response.end();
    page.destroy();
    await until(() => requestsInFlight() === before);
  });

  it("does not count a page's live stream, which stays open for as long as the page", async () => {
    const before = requestsInFlight();
    const stream = send("/api/notifications/stream", { accept: "text/event-stream" });
    const page = send("/assets");
    await until(() => open.length === 2);
    expect(requestsInFlight()).toBe(before + 1);
    for (const response of open.splice(0)) response.end();
    stream.destroy();
    page.destroy();
    await until(() => requestsInFlight() === before);
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("starts the next job only when the one at its turn yields again, its queries included", async () => {
    send("/assets");
    await until(() => open.length === 1 && requestsInFlight() > 0);
    const order: string[] = [];
    const a = (async () => {
      await yieldToEventLoop();
      order.push("A starts its batch");
      await sleep(60); // its statement, on the database
      order.push("A's batch is written");
      await yieldToEventLoop();
      order.push("A's next batch");
    })();
    const b = (async () => {
      await yieldToEventLoop();
      order.push("B starts its batch");
    })();
    await Promise.all([a, b]);
    for (const response of open.splice(0)) response.end();
    expect(order).toEqual([
      "A starts its batch",
      "A's batch is written",
      "B starts its batch",
      "A's next batch",
    ]);
  });

  it("holds the next job up at most 250 ms for one that does not yield again", async () => {
    send("/assets");
    await until(() => open.length === 1 && requestsInFlight() > 0);
    let started = 0;
    let bStarted = 0;
    const a = (async () => {
      await yieldToEventLoop();
      started = performance.now();
      await sleep(600); // a slow download, or the job's last piece
    })();
    const b = (async () => {
      await yieldToEventLoop();
      bStarted = performance.now();
    })();
    await b;
    for (const response of open.splice(0)) response.end();
    expect(bStarted - started).toBeGreaterThanOrEqual(245);
    expect(bStarted - started).toBeLessThan(550);
    await a;
  });

  it("pauses four times a turn's length before the next turn while a request waits", async () => {
    send("/assets");
    await until(() => open.length === 1 && requestsInFlight() > 0);
    await yieldToEventLoop();
    busyFor(12); // a 12 ms turn of background work
    const yielded = performance.now();
    await yieldToEventLoop();
    const pause = performance.now() - yielded;
    for (const response of open.splice(0)) response.end();
    // Timers never fire early (beyond a millisecond's rounding): the pause is at least 4 x 12 ms.
    expect(pause).toBeGreaterThanOrEqual(47);
  });

  it("runs a call as a turn of its own: after the job at its turn, handing the turn on when it ends", async () => {
    send("/assets");
    await until(() => open.length === 1 && requestsInFlight() > 0);
    const order: string[] = [];
    let callStarted = 0;
    let nextBatch = 0;
    const a = (async () => {
      await yieldToEventLoop();
      order.push("A starts its batch");
      await sleep(40);
      order.push("A's batch is written");
      await yieldToEventLoop();
      nextBatch = performance.now();
      order.push("A's next batch");
    })();
    const call = backgroundTurn(async () => {
      callStarted = performance.now();
      order.push("the call starts");
      await sleep(30); // the function's step, answering over HTTP
      order.push("the call ends");
      return "answer";
    });
    expect(await call).toBe("answer");
    await a;
    for (const response of open.splice(0)) response.end();
    expect(order).toEqual([
      "A starts its batch",
      "A's batch is written",
      "the call starts",
      "the call ends",
      "A's next batch",
    ]);
    // The call's end handed the turn on (then the pause after it): A did not wait for the 250 ms
    // bound that holds the queue for a piece that never yields again.
    expect(nextBatch - callStarted).toBeLessThan(245);
  });

  it("hands the turn on when a call fails, and passes its error on", async () => {
    send("/assets");
    await until(() => open.length === 1 && requestsInFlight() > 0);
    let callStarted = 0;
    const failing = backgroundTurn(async () => {
      callStarted = performance.now();
      await sleep(20);
      throw new Error("the serve endpoint refused the call");
    });
    const next = (async () => {
      await yieldToEventLoop();
      return performance.now();
    })();
    await expect(failing).rejects.toThrow("refused the call");
    const nextStarted = await next;
    for (const response of open.splice(0)) response.end();
    expect(nextStarted - callStarted).toBeLessThan(245);
  });
});
