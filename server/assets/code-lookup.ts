import { type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * `assets.id` is one of the current tenant's assets whose tag or serial is `code`, in any case
 * (`only` narrows it to one of the two). Goes through app_assets_with_code (migration 0007), whose
 * exact-match indexes the app role can use where `lower(assets.tag) = …` reads every asset under
 * row-level security. Tenant transactions only: the function answers for app.tenant_id.
 */
export function assetIdHasCode(code: string, only?: "tag" | "serial"): RawBuilder<SqlBool> {
  const key = code.toLowerCase();
  return only
    ? sql<SqlBool>`assets.id in (select asset_id from app_assets_with_code(${key}) where matched = ${only})`
    : sql<SqlBool>`assets.id in (select asset_id from app_assets_with_code(${key}))`;
}
