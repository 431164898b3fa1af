import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import type { DB } from "@/db/types";
import type { Executor } from "../../db";
import {
  PENDING_RECEIPTS_PAGE_SIZE,
  REMINDER_CAP,
  REMINDER_FIRST_AFTER_DAYS,
  REMINDER_REPEAT_DAYS,
} from "./schemas";

/**
 * Every assigned asset whose current assignment (the latest hand-over to its holder) has no
 * answer yet, with its holder and its reminders so far. `tenantId` null: every tenant (the
 * reminder cron, on the platform connection); otherwise one.
 */
function pendingQuery(db: Executor, tenantId: string | null) {
  let query = db
    .selectFrom("assets as a")
    .innerJoin("employees as e", "e.id", "a.employee_id")
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom("asset_transactions as t")
          .select(["t.id", "t.occurred_at"])
          .whereRef("t.tenant_id", "=", "a.tenant_id")
          .whereRef("t.asset_id", "=", "a.id")
          .whereRef("t.to_employee_id", "=", "a.employee_id")
          .orderBy("t.occurred_at", "desc")
          .limit(1)
          .as("assignment"),
      (join) => join.onTrue(),
    )
    .leftJoin("asset_receipts as r", (join) =>
      join.onRef("r.tenant_id", "=", "a.tenant_id").onRef("r.assignment_id", "=", "assignment.id"),
    )
    .leftJoin("receipt_reminders as rr", (join) =>
      join.onRef("rr.tenant_id", "=", "a.tenant_id").onRef("rr.assignment_id", "=", "assignment.id"),
    )
    .leftJoin("users as u", (join) => join.onRef("u.id", "=", "e.user_id").on("u.status", "=", "active"))
    .where("a.employee_id", "is not", null)
    .where("r.id", "is", null);
  if (tenantId) query = query.where("a.tenant_id", "=", tenantId);
  return query;
}

type PendingBuilder = ReturnType<typeof pendingQuery>;
type Selected<Q> = Q extends SelectQueryBuilder<DB, infer _T, infer O> ? O : never;

const pendingColumns = (query: PendingBuilder) =>
  query.select([
    "a.tenant_id as tenantId",
    "a.id as assetId",
    "a.tag",
    "a.name as assetName",
    "e.id as employeeId",
    sql<string>`concat_ws(' ', e.first_name, e.last_name)`.as("employeeName"),
    "u.id as userId",
    "assignment.id as assignmentId",
    "assignment.occurred_at as assignedAt",
    sql<number>`coalesce(rr.sent_count, 0)`.as("remindersSent"),
    "rr.last_sent_at as lastRemindedAt",
  ]);

export type PendingReceiptRow = Selected<ReturnType<typeof pendingColumns>>;

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The search: an asset's tag or name, or the holder's name, containing `q` (any case). */
function matching(query: PendingBuilder, q: string | undefined) {
  if (!q) return query;
  const pattern = likePattern(q);
  return query.where(
    sql<SqlBool>`(lower(a.tag) like ${pattern} or lower(a.name) like ${pattern}
      or lower(concat_ws(' ', e.first_name, e.last_name)) like ${pattern})`,
  );
}

/** IT staff's list of unanswered receipts, oldest first. */
export async function pendingReceipts(db: Executor, tenantId: string, params: { q?: string; page: number }) {
  const { page } = params;
  const rows = await pendingColumns(matching(pendingQuery(db, tenantId), params.q))
    .orderBy("assignment.occurred_at", "asc")
    .orderBy("a.tag")
    .limit(PENDING_RECEIPTS_PAGE_SIZE)
    .offset((page - 1) * PENDING_RECEIPTS_PAGE_SIZE)
    .execute();
  const total = await matching(pendingQuery(db, tenantId), params.q)
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirstOrThrow();
  const now = Date.now();
  return {
    items: rows.map((row) => {
      const assignedAt = new Date(row.assignedAt);
      return {
        assetId: row.assetId,
        tag: row.tag,
        assetName: row.assetName,
        employeeId: row.employeeId,
        employeeName: row.employeeName,
        hasAccount: row.userId !== null,
        assignedAt,
        ageDays: Math.max(0, Math.floor((now - assignedAt.getTime()) / 86_400_000)),
        remindersSent: Number(row.remindersSent),
        lastRemindedAt: row.lastRemindedAt ? new Date(row.lastRemindedAt) : null,
      };
    }),
    total: Number(total.count),
  };
}

/** The pending receipt of one asset (its current assignment unanswered), or undefined. */
export async function pendingReceiptOf(db: Executor, tenantId: string, assetId: string) {
  return pendingColumns(pendingQuery(db, tenantId)).where("a.id", "=", assetId).executeTakeFirst();
}

/**
 * Receipts due a scheduled reminder, across tenants (the cron): unanswered for
 * REMINDER_FIRST_AFTER_DAYS, not reminded in the last REMINDER_REPEAT_DAYS, fewer than
 * REMINDER_CAP reminders so far, and a holder with an active account to remind.
 */
export async function receiptsDueReminder(db: Executor, limit: number, tenantId: string | null = null) {
  return pendingColumns(pendingQuery(db, tenantId))
    .where("u.id", "is not", null)
    .where(
      "assignment.occurred_at",
      "<=",
      sql<Date>`now() - make_interval(days => ${REMINDER_FIRST_AFTER_DAYS})`,
    )
    .where(sql<number>`coalesce(rr.sent_count, 0)`, "<", REMINDER_CAP)
    .where((eb) =>
      eb.or([
        eb("rr.last_sent_at", "is", null),
        eb("rr.last_sent_at", "<=", sql<Date>`now() - make_interval(days => ${REMINDER_REPEAT_DAYS})`),
      ]),
    )
    .orderBy("assignment.occurred_at", "asc")
    .limit(limit)
    .execute();
}
