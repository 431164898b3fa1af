import type { Migration } from "kysely";
import * as foundation from "./0001-foundation";
import * as automation from "./0002-automation";
import * as assets from "./0003-assets";
import * as assetIndexes from "./0005-asset-indexes";
import * as dashboardIndexes from "./0006-dashboard-indexes";
import * as assetCodeLookup from "./0007-asset-code-lookup";
import * as sessionSecurity from "./0008-session-security";
import * as importAvailability from "./0009-import-availability";

/**
 * Every migration, in order. Listed statically (not read from disk) so the bundled Next.js server,
 * scripts and tests all apply exactly the same set.
 */
export const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-automation": automation,
  "0003-assets": assets,
  "0005-asset-indexes": assetIndexes,
  "0006-dashboard-indexes": dashboardIndexes,
  "0007-asset-code-lookup": assetCodeLookup,
  "0008-session-security": sessionSecurity,
  "0009-import-availability": importAvailability,
};
