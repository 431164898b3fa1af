import type { Executor } from "../../db";
import { AppError } from "../../errors";
import type { NamedEntityType } from "./matcher";

export type NamedEntityRow = {
  id: string;
  name: string;
  normalized_name: string;
  archived_at: Date | null;
};

/**
 * An organization or department of the tenant, locked for the rest of the transaction (merges and
 * alias changes lock what they touch so two of them cannot interleave).
 */
export async function lockNamedEntity(
  db: Executor,
  tenantId: string,
  entityType: NamedEntityType,
  id: string,
): Promise<NamedEntityRow> {
  const row =
    entityType === "organization"
      ? await db
          .selectFrom("organizations")
          .select(["id", "name", "normalized_name", "archived_at"])
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirst()
      : await db
          .selectFrom("departments")
          .select(["id", "name", "normalized_name", "archived_at"])
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .forUpdate()
          .executeTakeFirst();
  if (!row) {
    throw new AppError(
      "NOT_FOUND",
      `That ${entityType} does not exist here; it may have been merged into another.`,
    );
  }
  return row;
}
