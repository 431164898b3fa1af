import type { UserScope } from "@/server/context";
import { type Db, type Trx, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { listStatuses } from "@/server/reference/statuses/queries";
import { asUser, createTestTenant } from "./tenants";

/** A fresh tenant, with helpers to run services as its admin and raw queries in its RLS transaction. */
export async function referenceTenant(db: Db) {
  const { tenant, admin } = await createTestTenant(db);
  return {
    tenant,
    admin,
    tenantId: tenant.id,
    as: <T>(fn: (scope: UserScope) => Promise<T>) => asUser(db, admin, fn),
    sql: <T>(fn: (trx: Trx) => Promise<T>) => withTenant(db, tenant.id, fn),
  };
}
export type ReferenceTenant = Awaited<ReturnType<typeof referenceTenant>>;

/** The AppError an operation was refused with (fails the test if it succeeded or threw something else). */
export async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError)
      return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error("expected the operation to be refused");
}

export async function defaultStatusId(t: ReferenceTenant, kind = "in_stock") {
  const statuses = await t.as((ctx) => listStatuses(ctx.db, ctx.tenantId, { includeArchived: false }));
  const status = statuses.find((s) => s.kind === kind && s.isDefault);
  if (!status) throw new Error(`no default ${kind} status`);
  return status.id;
}

/** An asset inserted directly (the asset services are not under test here). */
export async function insertAsset(
  t: ReferenceTenant,
  values: { categoryId: string; statusId?: string; locationId?: string | null },
) {
  const statusId = values.statusId ?? (await defaultStatusId(t));
  return t.sql((trx) =>
    trx
      .insertInto("assets")
      .values({
        tenant_id: t.tenantId,
        tag: `AST-${Math.random().toString(36).slice(2, 10)}`,
        name: "Test asset",
        category_id: values.categoryId,
        status_id: statusId,
        location_id: values.locationId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
}
