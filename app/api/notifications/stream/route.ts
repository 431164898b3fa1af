import { liveSessionCheck } from "@/server/auth/live-session";
import { eventStreamResponse } from "@/server/live-stream";
import { notificationStream } from "@/server/notifications/stream";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET: the signed-in user's live notifications as Server-Sent Events (`unread` with the count,
 * `notification` with each new one). No transaction is held open: each refresh reads in its own.
 * The stream ends with the session (re-checked at each refresh and ping) and on shutdown.
 */
export const GET = tenantRoute(can.everyone, { transaction: "per-read" }, async ({ db, user, request }) => {
  const body = notificationStream(db, { tenantId: user.tenantId, id: user.id }, request.signal, {
    stillSignedIn: await liveSessionCheck(db, user.id),
  });
  return eventStreamResponse(body);
});
