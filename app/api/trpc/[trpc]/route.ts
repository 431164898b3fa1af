import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { MAX_TRPC_BATCH_SIZE } from "@/app/_trpc/batch-limit";
import { appRouter } from "@/server/router";
import { createTrpcContext } from "@/server/trpc-context";

const ENDPOINT = "/api/trpc";

/** How many procedure calls the request carries: `/api/trpc/a,b,c?batch=1` is three. */
function callCount(req: Request): number {
  const url = new URL(req.url);
  if (url.searchParams.get("batch") !== "1") return 1;
  const path = url.pathname.slice(url.pathname.indexOf(ENDPOINT) + ENDPOINT.length + 1);
  return path.split(",").length;
}

/**
 * A batch over the cap is refused before any call runs (a batch of 200 queries was 200 queries'
 * work for one request), in tRPC's error shape so a tRPC client shows the message.
 */
function batchTooLarge(calls: number): Response {
  const message = `This request batches ${calls} calls; at most ${MAX_TRPC_BATCH_SIZE} are allowed. Send them in smaller batches.`;
  const shape = {
    message,
    code: -32600,
    data: { code: "BAD_REQUEST", httpStatus: 400, path: null, appCode: "BAD_REQUEST", zodError: null },
  };
  return Response.json(
    { error: superjson.serialize(shape) },
    { status: 400, headers: { "cache-control": "no-store" } },
  );
}

const handler = (req: Request) => {
  const calls = callCount(req);
  if (calls > MAX_TRPC_BATCH_SIZE) return batchTooLarge(calls);
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req,
    router: appRouter,
    // the same cap inside tRPC, should a batch ever reach it another way
    maxBatchSize: MAX_TRPC_BATCH_SIZE,
    createContext: () => createTrpcContext(req.headers),
  });
};

export { handler as GET, handler as POST };
