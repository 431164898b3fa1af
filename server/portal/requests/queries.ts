import { sql } from "kysely";
import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { type EquipmentRequest, REQUESTS_PAGE_SIZE, type RequestStatus } from "./schemas";

function requestsQuery(db: Executor, tenantId: string) {
  return db
    .selectFrom("equipment_requests as r")
    .innerJoin("employees as e", "e.id", "r.employee_id")
    .innerJoin("categories as c", "c.id", "r.category_id")
    .select([
      "r.id",
      "r.employee_id as employeeId",
      sql<string>`concat_ws(' ', e.first_name, e.last_name)`.as("employeeName"),
      "c.name as category",
      "r.item",
      "r.reason",
      "r.needed_by as neededBy",
      "r.status",
      "r.decided_by_label as decidedBy",
      "r.decision_reason as decisionReason",
      "r.decided_at as decidedAt",
      "r.workflow_id as workflowId",
      "r.created_at as createdAt",
    ])
    .where("r.tenant_id", "=", tenantId);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>["execute"]>>[number];

const asRequest = (row: RequestRow): EquipmentRequest => ({
  ...row,
  status: row.status as RequestStatus,
  decidedAt: row.decidedAt ? new Date(row.decidedAt) : null,
  createdAt: new Date(row.createdAt),
});

/** One employee's requests, newest first (the portal: `employeeId` comes from the session). */
export async function requestsOf(db: Executor, tenantId: string, employeeId: string) {
  const rows = await requestsQuery(db, tenantId)
    .where("r.employee_id", "=", employeeId)
    .orderBy("r.created_at", "desc")
    .limit(100)
    .execute();
  return rows.map(asRequest);
}

/**
 * IT staff's list: one status, or all with the pending ones first; oldest pending first (the
 * queue), the rest newest first. `pending` counts the queue whatever the filter.
 */
export async function listRequests(
  db: Executor,
  tenantId: string,
  params: { status?: RequestStatus; page: number },
) {
  let query = requestsQuery(db, tenantId);
  if (params.status) query = query.where("r.status", "=", params.status);
  const rows = await query
    .orderBy(sql`(r.status = 'pending')`, "desc")
    .orderBy(sql`case when r.status = 'pending' then r.created_at end`, "asc")
    .orderBy("r.created_at", "desc")
    .limit(REQUESTS_PAGE_SIZE)
    .offset((params.page - 1) * REQUESTS_PAGE_SIZE)
    .execute();
  const counts = await db
    .selectFrom("equipment_requests")
    .select((eb) => [
      eb.fn.countAll<string>().as("all"),
      eb.fn.countAll<string>().filterWhere("status", "=", "pending").as("pending"),
      ...(params.status
        ? [eb.fn.countAll<string>().filterWhere("status", "=", params.status).as("filtered")]
        : []),
    ])
    .where("tenant_id", "=", tenantId)
    .executeTakeFirstOrThrow();
  const record = counts as Record<string, string>;
  return {
    items: rows.map(asRequest),
    total: Number(params.status ? record.filtered : record.all),
    pending: Number(record.pending),
  };
}

/** One request, locked for a decision; not found when it is not this tenant's. */
export async function lockRequest(db: Executor, tenantId: string, requestId: string) {
  const row = await db
    .selectFrom("equipment_requests as r")
    .innerJoin("categories as c", "c.id", "r.category_id")
    .select([
      "r.id",
      "r.employee_id as employeeId",
      "r.status",
      "r.item",
      "r.workflow_id as workflowId",
      "c.name as category",
    ])
    .where("r.tenant_id", "=", tenantId)
    .where("r.id", "=", requestId)
    .forUpdate("r")
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "This request does not exist. It may have been withdrawn.");
  return { ...row, status: row.status as RequestStatus };
}

/** Categories an employee may ask for: the tenant's, not archived, by name. */
export async function requestableCategories(db: Executor, tenantId: string) {
  return db
    .selectFrom("categories")
    .select(["id", "name"])
    .where("tenant_id", "=", tenantId)
    .where("archived_at", "is", null)
    .orderBy("name")
    .execute();
}

/** Who an employee's requests are told to: the user account linked to the employee, if active. */
export async function requesterAccount(db: Executor, tenantId: string, employeeId: string) {
  return db
    .selectFrom("employees as e")
    .innerJoin("users as u", "u.id", "e.user_id")
    .select(["u.id as userId", "u.name"])
    .where("e.tenant_id", "=", tenantId)
    .where("e.id", "=", employeeId)
    .where("u.status", "=", "active")
    .executeTakeFirst();
}
