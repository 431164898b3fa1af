import { AppError } from "./errors";
import { logger } from "./logger";

/**
 * The one place an error becomes an HTTP response in route handlers (tRPC has toTrpcError):
 * an AppError keeps its status and message; anything else is a 500 whose details stay in the log.
 */
export function errorResponse(error: unknown, requestId?: string): Response {
  const headers = { "cache-control": "no-store" };
  if (error instanceof AppError && error.status < 500) {
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers },
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
    { status: 500, headers },
  );
}
