import type { Instrumentation } from "next";

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("./server/boot");
  await bootServer();
}

/**
 * A server error while rendering a page: logged with the digest the error page shows as its
 * reference, so a quoted reference finds this line. The route pattern stands in for the path,
 * which can carry a secret (a reset link's token).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./server/logger");
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : null;
  logger.error("request error", {
    reference: digest,
    method: request.method,
    route: context.routePath,
    routeType: context.routeType,
    error,
  });
};
