import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { diffSoftware, isEmptyDiff, type NormalizedSoftware } from "../facts";

/** Names listed per kind in the event (the counts say how many there were in all). */
const LISTED = 100;
const CHUNK = 1000;

/**
 * Brings an asset's software in line with what its device reports, row by row (installed rows
 * inserted, removed rows deleted, updated rows updated), and emits asset.software_changed when
 * anything differed.
 */
export async function applySoftwareDiff(
  scope: TenantScope,
  deviceId: string,
  asset: { id: string; tag: string },
  software: readonly NormalizedSoftware[],
) {
  const rows = await scope.db
    .selectFrom("asset_software")
    .select(["id", "name", "source", "version", "publisher"])
    .where("tenant_id", "=", scope.tenantId)
    .where("asset_id", "=", asset.id)
    .execute();
  const diff = diffSoftware(rows, software);
  if (isEmptyDiff(diff)) return;
  const removedIds = (diff.removed as typeof rows).map((row) => row.id);
  for (let start = 0; start < removedIds.length; start += CHUNK) {
    await scope.db
      .deleteFrom("asset_software")
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "in", removedIds.slice(start, start + CHUNK))
      .execute();
  }
  for (let start = 0; start < diff.installed.length; start += CHUNK) {
    await scope.db
      .insertInto("asset_software")
      .values(
        diff.installed.slice(start, start + CHUNK).map((s) => ({
          tenant_id: scope.tenantId,
          asset_id: asset.id,
          name: s.name,
          version: s.version,
          version_key: s.versionKey,
          publisher: s.publisher,
          source: s.source,
        })),
      )
      .execute();
  }
  for (let start = 0; start < diff.updated.length; start += CHUNK) {
    const chunk = diff.updated.slice(start, start + CHUNK);
    const ids = chunk.map(({ from }) => (from as (typeof rows)[number]).id);
    await sql`
      update asset_software s
         set version = u.version, version_key = u.key, publisher = u.publisher, updated_at = now()
        from unnest(${ids}::uuid[], ${chunk.map((u) => u.to.version)}::text[],
                    ${chunk.map((u) => u.to.versionKey)}::text[], ${chunk.map((u) => u.to.publisher)}::text[])
             as u(id, version, key, publisher)
       where s.id = u.id and s.tenant_id = ${scope.tenantId}`.execute(scope.db);
  }
  await emit(scope, {
    name: "asset.software_changed",
    entityId: asset.id,
    data: {
      tag: asset.tag,
      deviceId,
      installed: diff.installed.slice(0, LISTED).map((s) => ({ name: s.name, version: s.version })),
      removed: diff.removed.slice(0, LISTED).map((s) => ({ name: s.name, version: s.version })),
      updated: diff.updated
        .slice(0, LISTED)
        .map((u) => ({ name: u.to.name, from: u.from.version, to: u.to.version })),
      counts: {
        installed: diff.installed.length,
        removed: diff.removed.length,
        updated: diff.updated.length,
      },
    },
  });
}
