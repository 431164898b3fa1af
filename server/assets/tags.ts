import type { Executor } from "../db";

/** "AST-{n:6}" + 42 -> "AST-000042"; "{n}" without a width is not padded. */
export function formatTag(pattern: string, n: number): string {
  return pattern.replace(/\{n(?::(\d+))?\}/, (_match, width?: string) =>
    String(n).padStart(Number(width ?? 0), "0"),
  );
}

/**
 * The next free tag from the tenant's pattern. The counter row is locked by the upsert, so two
 * assets created at once get different numbers; numbers taken by hand-edited tags are skipped.
 */
export async function nextAssetTag(trx: Executor, tenantId: string): Promise<string> {
  const tenant = await trx
    .selectFrom("tenants")
    .select("asset_tag_pattern")
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  for (;;) {
    const { next_value } = await trx
      .insertInto("asset_tag_counters")
      .values({ tenant_id: tenantId, next_value: 2 })
      .onConflict((oc) =>
        oc
          .column("tenant_id")
          .doUpdateSet((eb) => ({ next_value: eb("asset_tag_counters.next_value", "+", 1) })),
      )
      .returning("next_value")
      .executeTakeFirstOrThrow();
    const tag = formatTag(tenant.asset_tag_pattern, next_value - 1);
    const taken = await trx
      .selectFrom("assets")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where((eb) => eb(eb.fn("lower", ["tag"]), "=", tag.toLowerCase()))
      .executeTakeFirst();
    if (!taken) return tag;
  }
}

/**
 * `count` free tags from the tenant's pattern in one step (bulk import): the counter moves by
 * `count` in one locked upsert, and numbers whose tag is taken (by an asset, or by `avoid`: tags
 * the same import sets by hand) are skipped and made up with further numbers.
 */
export async function reserveAssetTags(
  trx: Executor,
  tenantId: string,
  count: number,
  avoid: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  if (count <= 0) return [];
  const tenant = await trx
    .selectFrom("tenants")
    .select("asset_tag_pattern")
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  const tags: string[] = [];
  while (tags.length < count) {
    const wanted = count - tags.length;
    const { next_value } = await trx
      .insertInto("asset_tag_counters")
      .values({ tenant_id: tenantId, next_value: wanted + 1 })
      .onConflict((oc) =>
        oc
          .column("tenant_id")
          .doUpdateSet((eb) => ({ next_value: eb("asset_tag_counters.next_value", "+", wanted) })),
      )
      .returning("next_value")
      .executeTakeFirstOrThrow();
    const candidates = Array.from({ length: wanted }, (_, i) =>
      formatTag(tenant.asset_tag_pattern, next_value - wanted + i),
    );
    const taken = await trx
      .selectFrom("assets")
      .select("tag")
      .where("tenant_id", "=", tenantId)
      .where((eb) =>
        eb(
          eb.fn("lower", ["tag"]),
          "in",
          candidates.map((tag) => tag.toLowerCase()),
        ),
      )
      .execute();
    const takenSet = new Set(taken.map((row) => row.tag.toLowerCase()));
    for (const tag of candidates) {
      const key = tag.toLowerCase();
      if (!takenSet.has(key) && !avoid.has(key)) tags.push(tag);
    }
  }
  return tags;
}
