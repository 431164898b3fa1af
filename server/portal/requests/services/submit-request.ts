import { sql } from "kysely";
import type { UserScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { myEmployee } from "../../services/my-employee";
import { SubmitRequestInput } from "../schemas";

/**
 * The signed-in employee asks for equipment: of a category the tenant uses (not archived), with
 * what exactly, why, and a needed-by day that has not passed. IT staff see it in their queue
 * (equipment_request.submitted); it is the employee's own, from the session, never from input.
 */
export async function submitRequest(scope: UserScope, rawInput: SubmitRequestInput) {
  const input = SubmitRequestInput.parse(rawInput);
  const me = await myEmployee(scope.db, scope.tenantId, scope.user.id);
  if (me.status === "terminated")
    throw new AppError("FORBIDDEN", "Your employee record is terminated; ask IT staff directly.");
  const category = await scope.db
    .selectFrom("categories")
    .select(["id", "name"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", input.categoryId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  if (!category)
    throw new AppError("BAD_REQUEST", "Choose one of the kinds of equipment listed.", {
      field: "categoryId",
    });
  if (input.neededBy) {
    const { today } = await sql<{ today: string }>`select current_date::text as today`
      .execute(scope.db)
      .then((result) => result.rows[0] ?? { today: "" });
    if (input.neededBy < today)
      throw new AppError("BAD_REQUEST", `The needed-by date has passed; choose ${today} or later.`, {
        field: "neededBy",
      });
  }
  const request = await scope.db
    .insertInto("equipment_requests")
    .values({
      tenant_id: scope.tenantId,
      employee_id: me.id,
      requested_by: scope.user.id,
      category_id: category.id,
      item: input.item,
      reason: input.reason,
      needed_by: input.neededBy,
    })
    .returning(["id", "status"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "equipment_request.submitted",
    entityId: request.id,
    data: { employeeId: me.id, category: category.name, item: input.item, neededBy: input.neededBy },
  });
  return { id: request.id, status: "pending" as const };
}
