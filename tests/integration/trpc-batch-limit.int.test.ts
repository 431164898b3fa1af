import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson, { type SuperJSONResult } from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_TRPC_BATCH_SIZE } from "@/app/_trpc/batch-limit";
import { GET } from "@/app/api/trpc/[trpc]/route";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import type { AppRouter } from "@/server/router";
import { createTestTenant } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let sessionUser: SessionUser | null = null;
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => sessionUser }));

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await useTestDatabase();
  sessionUser = (await createTestTenant(handle.db)).admin;
});
afterAll(() => handle.close());

const batchOf = (calls: number) =>
  GET(
    new Request(
      `http://localhost:3000/api/trpc/${Array.from({ length: calls }, () => "accounts.me").join(",")}?batch=1`,
    ),
  );

describe("tRPC batches", () => {
  it("refuses a batch of 200 calls with a 400 that says what to do", async () => {
    const response = await batchOf(200);
    expect(response.status).toBe(400);
    const body = superjson.deserialize<{ message: string; data: { code: string } }>(
      ((await response.json()) as { error: SuperJSONResult }).error,
    );
    expect(body.message).toBe(
      `This request batches 200 calls; at most ${MAX_TRPC_BATCH_SIZE} are allowed. Send them in smaller batches.`,
    );
    expect(body.data.code).toBe("BAD_REQUEST");
  });

  it("answers a batch at the cap", async () => {
    const response = await batchOf(MAX_TRPC_BATCH_SIZE);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(MAX_TRPC_BATCH_SIZE);
  });

  it("a client linked with maxItems splits a bigger burst into accepted batches, and shows the refusal otherwise", async () => {
    const requests: number[] = [];
    const fetchRoute = async (url: URL | RequestInfo, init?: RequestInit) => {
      const response = await GET(new Request(new URL(String(url), "http://localhost:3000"), init));
      requests.push(response.status);
      return response;
    };
    const client = (maxItems?: number) =>
      createTRPCClient<AppRouter>({
        links: [
          httpBatchLink({
            url: "http://localhost:3000/api/trpc",
            transformer: superjson,
            fetch: fetchRoute,
            maxItems,
          }),
        ],
      });
    const burst = (c: ReturnType<typeof client>) =>
      Promise.all(Array.from({ length: 60 }, () => c.accounts.me.query()));

    const results = await burst(client(MAX_TRPC_BATCH_SIZE));
    expect(results.every((me) => me?.id === sessionUser?.id)).toBe(true);
    expect(requests).toEqual([200, 200, 200]);

    await expect(burst(client())).rejects.toThrow(/at most 25 are allowed/);
  });
});
