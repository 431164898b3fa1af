import { z } from "zod";
import { liveSessionCheck } from "@/server/auth/live-session";
import { withTenant } from "@/server/db";
import { findRun } from "@/server/integrations/queries";
import { runProgressStream } from "@/server/integrations/run-stream";
import { eventStreamResponse } from "@/server/live-stream";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";
import { id } from "@/server/schemas/primitives";

export const dynamic = "force-dynamic";

/**
 * GET /api/integrations/runs/<runId>/events -> the sync run's progress as Server-Sent Events (admins,
 * auditors): a RunSummary now, after each committed page, and at the end, then the stream closes.
 * A run of another tenant is a 404 like any missing one. No transaction is held open. The stream
 * ends with the session (re-checked at each refresh and ping) and on shutdown.
 */
export const GET = tenantRoute(
  can.audit,
  { params: z.object({ runId: id("must be a sync run id") }), transaction: "per-read" },
  async ({ db, user, input, request }) => {
    await withTenant(db, user.tenantId, (trx) => findRun(trx, user.tenantId, input.params.runId));
    const body = runProgressStream(db, user.tenantId, input.params.runId, request.signal, {
      stillSignedIn: await liveSessionCheck(db, user.id),
    });
    return eventStreamResponse(body);
  },
);
