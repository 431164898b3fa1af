import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Stock OCS Inventory agents (`ocsinventory-agent`) identify themselves by their own DEVICEID and
 * authenticate with the tenant's enrollment token, not with a device credential: the device row
 * remembers that id, so each later inventory finds its device (one per tenant and id).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table agent_devices add column ocs_device_id text check (length(ocs_device_id) <= 512)`,
    `create unique index agent_devices_ocs_device_key on agent_devices (tenant_id, ocs_device_id)
       where ocs_device_id is not null`,
  ]);
}
