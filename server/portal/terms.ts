import type { Executor, Trx } from "../db";

/** The words a tenant with no terms of its own accepts assets under (migration 0019 seeds them). */
export const DEFAULT_EQUIPMENT_TERMS = [
  "This equipment belongs to the organization and is lent to me for my work.",
  "I will take reasonable care of it, keep it secure, and not lend it to anyone else.",
  "I will report loss, theft or damage to IT as soon as I notice it.",
  "I will return it, with its accessories, when asked or when I leave the organization.",
].join("\n");

export type EquipmentTerms = { id: string | null; version: number; body: string };

/**
 * The terms an asset of `categoryId` is accepted under: the category's latest version, else the
 * tenant's default's latest, else the built-in text (version 1, not yet stored).
 */
export async function termsFor(db: Executor, tenantId: string, categoryId: string): Promise<EquipmentTerms> {
  const row = await db
    .selectFrom("equipment_terms")
    .select(["id", "version", "body"])
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb.or([eb("category_id", "=", categoryId), eb("category_id", "is", null)]))
    .orderBy((eb) => eb("category_id", "is", null))
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ?? { id: null, version: 1, body: DEFAULT_EQUIPMENT_TERMS };
}

/**
 * The stored terms a receipt points at: the ones shown, stored as the tenant's default version 1
 * first when the tenant was created after the seed and has none yet.
 */
export async function storedTermsFor(
  trx: Trx,
  tenantId: string,
  categoryId: string,
): Promise<EquipmentTerms & { id: string }> {
  const terms = await termsFor(trx, tenantId, categoryId);
  if (terms.id) return { ...terms, id: terms.id };
  const row = await trx
    .insertInto("equipment_terms")
    .values({
      tenant_id: tenantId,
      category_id: null,
      version: 1,
      body: DEFAULT_EQUIPMENT_TERMS,
      created_by_label: "Assetronics (default terms)",
    })
    .onConflict((oc) => oc.constraint("equipment_terms_version_key").doNothing())
    .returning(["id", "version", "body"])
    .executeTakeFirst();
  return row ?? (await storedTermsFor(trx, tenantId, categoryId));
}
