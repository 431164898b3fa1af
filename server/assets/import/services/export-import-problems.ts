import { csvRow } from "../../../audit/csv";
import type { SessionUser } from "../../../context";
import { type Db, withTenant } from "../../../db";
import { AppError } from "../../../errors";
import { can } from "../../../trpc";
import { importProblems } from "../queries";

/** An import's problems as CSV (line, column, value, problem), to fix the file in a spreadsheet. */
export async function exportImportProblems(db: Db, user: SessionUser, importId: string) {
  const { tenantId } = user;
  if (!tenantId || !(can.manageAssets as readonly string[]).includes(user.role)) {
    throw new AppError("FORBIDDEN", "Only admins and IT staff can see imports.");
  }
  if (!/^[0-9a-f-]{36}$/i.test(importId))
    throw new AppError("NOT_FOUND", "That import does not exist in this organization.");
  const { fileName, problems } = await withTenant(db, tenantId, (trx) =>
    importProblems(trx, tenantId, importId),
  );
  const body = [
    csvRow(["line", "column", "value", "problem", "code"]),
    ...problems.map((problem) =>
      csvRow([problem.line, problem.column, problem.value, problem.message, problem.code]),
    ),
  ].join("");
  const base =
    fileName
      .replace(/\.csv$/i, "")
      .replace(/[^\w.-]+/g, "-")
      .slice(0, 80) || "import";
  return { filename: `${base}-problems.csv`, body };
}
