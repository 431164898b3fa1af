import type { InngestFunction } from "inngest";
import { checkAssetImportFn } from "./assets/check-asset-import";
import { importAssetsFn } from "./assets/import-assets";
import { provisionTenantDefaultsFn } from "./tenants/provision-tenant-defaults";

/**
 * Every Inngest function the app serves, in one list: the serve route registers them with Inngest
 * and the embedded engine runs them. Add each `inngest/functions/<domain>/<verb-noun>.ts` here.
 */
export const functions: InngestFunction.Any[] = [
  checkAssetImportFn,
  importAssetsFn,
  provisionTenantDefaultsFn,
];
