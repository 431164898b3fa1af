import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Files attached to things (issue 11): the bytes live in a storage (local disk or UploadThing),
 * this table holds what the app knows about them.
 *
 * - An upload is `pending` (no owner) until attached; the sweep removes pending uploads older
 *   than 24 h. Deleting keeps the row (`deleted`, with its reason) for the audit trail; the
 *   storage object is removed afterwards and `purged_at` records when.
 * - `storage` + `storage_key` say where the bytes are: a file written under one storage stays
 *   readable after the deployment switches to the other only if that storage still has it.
 * - The owner is polymorphic (asset, employee, CSV import, ...): which types exist and who may
 *   read them is declared in server/files/owners.ts, not in a foreign key per type.
 * - `tenants.file_quota_bytes`: the most a tenant may keep (attached and pending files).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table tenants add column file_quota_bytes bigint not null default 10737418240
       constraint tenants_file_quota_bytes_check check (file_quota_bytes >= 0)`,

    `create table files (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       owner_type text,
       owner_id uuid,
       purpose text not null,
       name text not null check (length(name) between 1 and 200),
       content_type text not null,
       size bigint not null check (size > 0),
       sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
       storage text not null check (storage in ('local', 'uploadthing')),
       storage_key text not null,
       uploaded_by_type text not null,
       uploaded_by_id text,
       uploaded_by_label text not null,
       status text not null default 'pending' check (status in ('pending', 'attached', 'deleted')),
       delete_reason text,
       deleted_by_label text,
       created_at timestamptz not null default now(),
       attached_at timestamptz,
       deleted_at timestamptz,
       purged_at timestamptz,
       constraint files_owner_check check ((owner_type is null) = (owner_id is null)),
       constraint files_attached_check check (status <> 'attached' or owner_id is not null),
       constraint files_deleted_check check ((status = 'deleted') = (deleted_at is not null))
     )`,
    // an entity's Files tab: its attached files, newest first
    `create index files_owner_idx on files (tenant_id, owner_type, owner_id, created_at desc)
       where status = 'attached'`,
    // the sweep: pending uploads by age, deleted files whose object is still stored
    `create index files_pending_idx on files (tenant_id, created_at) where status = 'pending'`,
    `create index files_unpurged_idx on files (tenant_id, deleted_at) where status = 'deleted' and purged_at is null`,
    // the tenant's storage use against its quota, on every upload and on the settings page
    `create index files_usage_idx on files (tenant_id) include (size) where status <> 'deleted'`,
    // one storage object is one file
    `create unique index files_storage_key_key on files (tenant_id, storage, storage_key)`,
  ]);
  await enableTenantRls(db, ["files"]);
  await runStatements(db, [`grant select, insert, update on files to ${APP_ROLE}`]);
}
