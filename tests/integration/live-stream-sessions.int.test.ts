import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { endAllSessions } from "@/server/accounts/services/end-sessions";
import { deactivateUser } from "@/server/accounts/services/set-user-active";
import { liveSessionCheck } from "@/server/auth/live-session";
import type { Db } from "@/server/db";
import { runProgressStream } from "@/server/integrations/run-stream";
import { notificationStream } from "@/server/notifications/stream";
import { shutDown } from "@/server/shutdown";
import { asUser, createTestTenant, createTestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * Live streams outlive the request that opened them: the route checks the session once, so the
 * stream checks it again at each refresh and ping and ends once the session has been ended; and
 * every stream ends when the server shuts down, which would otherwise wait for them for ever.
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const PING_MS = 50;

/** Reads a stream to its end; resolves with the Server-Sent Event names it carried. */
async function eventsUntilEnd(stream: ReadableStream<Uint8Array>, timeoutMs = 5_000): Promise<string[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = setTimeout(() => void reader.cancel(new Error("the stream did not end")), timeoutMs);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(deadline);
  }
  return [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1] ?? "");
}

/** Resolves once the stream has sent its first bytes (the unread count). */
async function opened(stream: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const [probe, rest] = stream.tee();
  await probe.getReader().read();
  return rest;
}

it("a notification stream ends at its next ping once the user signs out everywhere", async () => {
  const { admin } = await createTestTenant(db);
  const stream = notificationStream(db, admin, new AbortController().signal, {
    stillSignedIn: await liveSessionCheck(db, admin.id),
    pingMs: PING_MS,
  });
  const live = await opened(stream);
  await endAllSessions(db, admin);
  const started = Date.now();
  expect(await eventsUntilEnd(live)).toEqual(["unread"]);
  expect(Date.now() - started).toBeLessThan(2_000);
});

it("a notification stream ends once the user is deactivated, and one opened after never sends", async () => {
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const check = await liveSessionCheck(db, staff.id);
  const live = await opened(
    notificationStream(db, staff, new AbortController().signal, { stillSignedIn: check, pingMs: PING_MS }),
  );
  await asUser(db, admin, (scope) => deactivateUser(scope, { userId: staff.id }));
  await eventsUntilEnd(live);

  const late = notificationStream(db, staff, new AbortController().signal, {
    stillSignedIn: check,
    pingMs: PING_MS,
  });
  expect(await eventsUntilEnd(late)).toEqual([]);
});

it("a stream whose session still holds keeps pinging", async () => {
  const { admin } = await createTestTenant(db);
  const abort = new AbortController();
  const stream = notificationStream(db, admin, abort.signal, {
    stillSignedIn: await liveSessionCheck(db, admin.id),
    pingMs: PING_MS,
  });
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while ((text.match(/: ping/g) ?? []).length < 3) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the stream ended while the session holds");
    text += decoder.decode(value, { stream: true });
  }
  abort.abort();
  await reader.cancel();
});

// Last: shutdown is once per process.
it("every live stream ends when the server shuts down, and one opened during shutdown ends at once", async () => {
  const { admin } = await createTestTenant(db);
  const live = await opened(notificationStream(db, admin, new AbortController().signal));
  const ended = eventsUntilEnd(live);
  await shutDown(async () => undefined);
  expect(await ended).toEqual(["unread"]);

  expect(await eventsUntilEnd(notificationStream(db, admin, new AbortController().signal))).toEqual([]);
  const progress = runProgressStream(db, admin.tenantId, randomUUID(), new AbortController().signal);
  expect(await eventsUntilEnd(progress)).toEqual([]);
});
