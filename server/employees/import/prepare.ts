import type { ImportSourceFields, PreparedRows, PrepareOptions } from "@/server/assets/import/pipeline";
import { readStoredImport, unreadableLine } from "@/server/assets/import/prepare";
import type { ImportProblem } from "@/server/assets/import/problems";
import type { Db } from "@/server/db";
import { yieldToEventLoop } from "@/server/heavy-jobs";
import { type EmployeeImportTarget, isEmployeeImportTarget } from "./fields";
import { loadEmployeeImportLookups } from "./load-lookups";
import { type FileEntry, resolveManagers } from "./resolve-managers";
import { type EmployeeImportRow, employeeRowValidator } from "./validate-rows";

/** Validation runs this long at most before it lets other requests in. */
const SLICE_MS = 4;

/**
 * Parses a stored employee import and checks every row with its mapping (validate-rows.ts), then
 * every manager once all rows are known (resolve-managers.ts), handing the problems to `problems`
 * in file order. The rows come back in the order to write them: managers before their reports.
 * No transaction is held while it works, and the event loop is yielded every few milliseconds.
 */
export async function prepareEmployeeImport(
  db: Db,
  tenantId: string,
  source: ImportSourceFields,
  options: PrepareOptions,
): Promise<PreparedRows<EmployeeImportRow>> {
  const { headers, records, columns, broken } = await readStoredImport(source);
  const mapping = columns.map((target) => (target && isEmployeeImportTarget(target) ? target : null));
  const lookups = await loadEmployeeImportLookups(db, tenantId);
  const validate = employeeRowValidator(headers, mapping, lookups);
  const cellOf = (values: readonly string[], target: EmployeeImportTarget) => {
    const index = mapping.indexOf(target);
    const value = index === -1 ? "" : (values[index] ?? "").trim();
    return value === "" ? null : value;
  };

  const problemsAt = new Map<number, ImportProblem[]>();
  const add = (problem: ImportProblem) =>
    problemsAt.set(problem.line, [...(problemsAt.get(problem.line) ?? []), problem]);
  for (const [line, message] of broken) add(unreadableLine(line, message));
  const rows = new Map<number, EmployeeImportRow>();
  const entries: FileEntry[] = [];
  let sliceStarted = performance.now();
  for (let index = 0; index < records.length; index++) {
    const { line, values } = records[index] as (typeof records)[number];
    const verdict = validate({ line, values });
    for (const problem of verdict.problems) add(problem);
    const valid = verdict.row !== null && !broken.has(line);
    if (verdict.row && valid) rows.set(line, verdict.row);
    const email = cellOf(values, "workEmail")?.toLowerCase() ?? null;
    const first = verdict.row?.fields.firstName;
    const existing = email ? lookups.byEmail.get(email) : undefined;
    entries.push({
      line,
      email,
      number: cellOf(values, "employeeNumber")?.toLowerCase() ?? null,
      name:
        (first ? `${first} ${verdict.row?.fields.lastName ?? ""}`.trim() : null) ??
        existing?.name ??
        cellOf(values, "name") ??
        email ??
        `line ${line}`,
      manager: cellOf(values, "manager"),
      valid,
      existingId: existing?.id ?? null,
    });
    if ((index & 31) === 0 && performance.now() - sliceStarted > SLICE_MS) {
      await options.onProgress?.(index, records.length);
      await yieldToEventLoop();
      sliceStarted = performance.now();
    }
  }

  const managerIndex = mapping.indexOf("manager");
  const managers = resolveManagers(entries, lookups, headers[managerIndex] ?? "Manager");
  for (const problem of managers.problems) {
    add(problem);
    rows.delete(problem.line);
  }
  for (const line of [...problemsAt.keys()].sort((a, b) => a - b)) {
    for (const problem of problemsAt.get(line) ?? []) await options.problems.add(problem);
  }
  await options.problems.flush();
  return {
    lines: managers.order,
    rows: options.keepRows === false ? [] : managers.order.flatMap((line) => rows.get(line) ?? []),
    validRows: rows.size,
  };
}
