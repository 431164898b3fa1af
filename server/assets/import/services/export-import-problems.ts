import { z } from "zod";
import type { SessionUser } from "../../../context";
import { type Db, inBackground, withTenant } from "../../../db";
import { AppError } from "../../../errors";
import { fileResponse } from "../../../http";
import { can, hasRole } from "../../../roles";
import { tenantRoute } from "../../../route";
import { id } from "../../../schemas/primitives";
import { REPORT_HEADER } from "../problems";
import { importReportChunk, importReportSource } from "../queries";
import type { ImportKind } from "../schemas";

/**
 * An import's problems as CSV (line, column, value, problem, code), to fix the file in a
 * spreadsheet: every problem, however many, streamed from the report a chunk (~512 KB) at a time,
 * each chunk read in its own short transaction.
 */
export async function exportImportProblems(db: Db, user: SessionUser, importId: string, kind: ImportKind) {
  const { tenantId } = user;
  if (!tenantId || !hasRole(user.role, can.manageAssets)) {
    throw new AppError("FORBIDDEN", "Only admins and IT staff can see imports.");
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(importId))
    throw new AppError("NOT_FOUND", "That import does not exist in this organization.");
  const source = await withTenant(db, tenantId, (trx) => importReportSource(trx, tenantId, importId, kind));
  const base =
    source.fileName
      .replace(/\.csv$/i, "")
      .replace(/[^\w.-]+/g, "-")
      .slice(0, 80) || "import";
  const encoder = new TextEncoder();
  let after = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(REPORT_HEADER));
    },
    async pull(controller) {
      const chunk = await inBackground(() =>
        withTenant(db, tenantId, (trx) =>
          importReportChunk(trx, tenantId, { importId, generation: source.generation, after }),
        ),
      );
      if (!chunk) {
        controller.close();
        return;
      }
      after = chunk.seq;
      controller.enqueue(encoder.encode(chunk.content));
    },
  });
  return { filename: `${base}-problems.csv`, body };
}

/**
 * GET /api/<assets|employees>/import/<id>/problems -> the import's row problems as CSV (admins,
 * IT staff), streamed a chunk at a time, each in its own short transaction.
 */
export const importProblemsRoute = (kind: ImportKind) =>
  tenantRoute(
    can.manageAssets,
    { params: z.object({ id: id("must be an import id") }), transaction: "per-read" },
    async ({ db, user, input }) => {
      const { filename, body } = await exportImportProblems(db, user, input.params.id, kind);
      return fileResponse(body, { filename, contentType: "text/csv; charset=utf-8" });
    },
  );
