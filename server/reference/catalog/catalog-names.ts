import { sql } from "kysely";
import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { normalizeName } from "../names/normalize";

/**
 * Categories and manufacturers are unique per normalized name ("Laptops" and "laptops " are one
 * category). The CONFLICT carries `{ existingId, existingName }` like the organization matcher's.
 */
export async function assertCatalogNameAvailable(
  db: Executor,
  tenantId: string,
  table: "categories" | "manufacturers",
  name: string,
  exceptId?: string,
): Promise<void> {
  const found = await sql<{ id: string; name: string; archived_at: Date | null }>`
    select id, name, archived_at from ${sql.table(table)}
    where tenant_id = ${tenantId} and normalized_name = ${normalizeName(name)}`.execute(db);
  const existing = found.rows[0];
  if (!existing || existing.id === exceptId) return;
  const noun = table === "categories" ? "category" : "manufacturer";
  const archived = existing.archived_at ? " It is archived; unarchive it to use it again." : "";
  throw new AppError("CONFLICT", `A ${noun} named ${existing.name} already exists.${archived}`, {
    existingId: existing.id,
    existingName: existing.name,
    archived: existing.archived_at !== null,
  });
}

/** "RAM (GB)" -> "ram_gb": the stored key of a custom field when none is given. */
export function fieldKeyFrom(label: string): string {
  const key = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 63);
  return /^[a-z]/.test(key) ? key : `field_${key}`.slice(0, 63).replace(/_+$/, "");
}
