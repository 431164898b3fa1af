import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/next";
import { expect, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { Db } from "@/server/db";
import type { FakeRun } from "../fakes/inngest/executor";
import { type FakeInngest, startFakeInngest } from "../fakes/inngest/fake-inngest";
import { openIsolatedTestDatabase } from "../support/database";
import { startHttpServer } from "../support/http-server";

export const EVENT_KEY = "cloud-event-key";
export const SIGNING_KEY = "signkey-test-0123456789abcdef0123456789abcdef";

export type CloudHarness = {
  fake: FakeInngest;
  db: Db;
  /** The test server: the app's serve route at /api/inngest, the test app's at /test/inngest. */
  url: string;
  /**
   * Inngest's calls for this function id get a 502, as from a proxy in front of a lost worker:
   * failures the SDK never sees, so only the function's onFailure can clean up. null clears it.
   */
  refuseCalls: (functionId: string | null) => void;
  /** Hands every committed event to the fake through the relay and the app's own client; how many. */
  relayAll: () => Promise<number>;
  runsOf: (functionId: string) => FakeRun[];
  close: () => Promise<void>;
};

/**
 * Cloud mode end to end, with Inngest played by the fake: the environment names the fake
 * (INNGEST_BASE_URL) and its keys, modules are loaded afresh so the app's client reads them, the
 * app has its own database (the relay drains every pending delivery), and both serve routes are
 * registered (PUT), as a deploy does. `testFunctions` are a second app ("cloud-test") on a client
 * keyed from the same environment; `env` adds settings the app's functions need.
 */
export async function startCloudHarness(
  testFunctions: (client: Inngest) => InngestFunction.Any[],
  env: Record<string, string> = {},
): Promise<CloudHarness> {
  const saved = { ...process.env };
  const fake = await startFakeInngest({ eventKey: EVENT_KEY, signingKey: SIGNING_KEY });
  Object.assign(process.env, {
    INNGEST_EVENT_KEY: EVENT_KEY,
    INNGEST_SIGNING_KEY: SIGNING_KEY,
    INNGEST_BASE_URL: fake.url,
    ...env,
  });
  vi.resetModules();
  const handle: DatabaseHandle = await openIsolatedTestDatabase();
  // Not a React hook, whatever its name: the database server code uses from here on.
  const { useDatabase: makeCurrentDatabase } = await import("@/server/db");
  makeCurrentDatabase(handle);

  const route = await import("@/app/api/inngest/route");
  const { sdkLogger } = await import("@/inngest/sdk-logger");
  const testClient = new Inngest({ id: "cloud-test", logger: sdkLogger });
  const testHandler = serve({ client: testClient, functions: testFunctions(testClient) });
  let refused: string | null = null;
  const server = await startHttpServer(async (request) => {
    const { pathname, searchParams } = new URL(request.url);
    if (request.method === "POST" && refused !== null && searchParams.get("fnId") === refused) {
      return new Response("<html>502 Bad Gateway</html>", { status: 502 });
    }
    const handlers = pathname.startsWith("/test/") ? testHandler : route;
    const method = request.method as "GET" | "POST" | "PUT";
    return handlers[method](request as never, undefined as never);
  });
  for (const path of ["/api/inngest", "/test/inngest"]) {
    const response = await fetch(`${server.url}${path}`, { method: "PUT" });
    expect(response.status, path).toBe(200);
  }

  return {
    fake,
    db: handle.db,
    url: server.url,
    refuseCalls: (functionId) => {
      refused = functionId;
    },
    relayAll: async () => {
      const [{ relayOnce }, { inngest }] = await Promise.all([
        import("@/server/events/relay"),
        import("@/inngest/client"),
      ]);
      let total = 0;
      for (;;) {
        const { sent } = await relayOnce(handle.db, async (events) => void (await inngest.send(events)));
        if (sent === 0) return total;
        total += sent;
      }
    },
    runsOf: (functionId) => fake.runs.filter((run) => run.functionId === functionId),
    close: async () => {
      process.env = { ...saved };
      vi.resetModules();
      await server.close();
      await fake.close();
      await handle.close();
    },
  };
}
