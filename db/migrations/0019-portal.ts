import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * The self-service portal's receipts (issue 12):
 * - `equipment_terms`: the terms an employee accepts an asset under, per category (or, with no
 *   category, the tenant's default), versioned: a new text is a new row with the next version, so
 *   a receipt keeps pointing at the exact words that were accepted. Each existing tenant gets the
 *   default text as version 1; a tenant created later gets it on its first receipt.
 * - `asset_receipts`: one answer per assignment (the asset_transactions row that gave the asset to
 *   the employee): accepted, with the signer's name, how they signed, IP address, user agent and
 *   terms version, and the signed PDF attached to the asset and to the employee; or declined, with
 *   the reason. An assignment with no receipt row is pending.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table equipment_terms (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       category_id uuid references categories(id) on delete cascade,
       version integer not null check (version > 0),
       body text not null check (length(body) between 1 and 20000),
       created_by_label text not null,
       created_at timestamptz not null default now(),
       constraint equipment_terms_version_key unique nulls not distinct (tenant_id, category_id, version)
     )`,
    `create table asset_receipts (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       asset_id uuid not null references assets(id) on delete cascade,
       employee_id uuid not null references employees(id) on delete cascade,
       assignment_id uuid not null references asset_transactions(id) on delete cascade,
       user_id uuid references users(id) on delete set null,
       status text not null check (status in ('accepted', 'declined')),
       terms_id uuid references equipment_terms(id),
       signer_name text,
       signature_method text check (signature_method in ('typed', 'drawn')),
       ip_address text,
       user_agent text,
       decline_reason text,
       asset_file_id uuid references files(id),
       employee_file_id uuid references files(id),
       decided_at timestamptz not null default now(),
       constraint asset_receipts_assignment_key unique (tenant_id, assignment_id),
       constraint asset_receipts_answer check (
         (status = 'accepted' and terms_id is not null and signer_name is not null
            and signature_method is not null and asset_file_id is not null and employee_file_id is not null)
         or (status = 'declined' and decline_reason is not null))
     )`,
    // the asset page's receipt and IT staff's list of declined receipts
    `create index asset_receipts_asset_idx on asset_receipts (tenant_id, asset_id, decided_at desc)`,
    `insert into equipment_terms (tenant_id, category_id, version, body, created_by_label)
       select id, null, 1, ${defaultTermsLiteral()}, 'Assetronics (default terms)' from tenants`,
  ]);
  await enableTenantRls(db, ["equipment_terms", "asset_receipts"]);
  await runStatements(db, [
    `grant select, insert on equipment_terms to ${APP_ROLE}`,
    `grant select, insert on asset_receipts to ${APP_ROLE}`,
  ]);
}

/** The default terms as a SQL string literal (the same text server/portal/terms.ts falls back to). */
function defaultTermsLiteral(): string {
  return `'${DEFAULT_EQUIPMENT_TERMS.replaceAll("'", "''")}'`;
}

/**
 * Written out here rather than imported, so the migration keeps seeding the words it always did
 * even after the application's default changes.
 */
const DEFAULT_EQUIPMENT_TERMS = [
  "This equipment belongs to the organization and is lent to me for my work.",
  "I will take reasonable care of it, keep it secure, and not lend it to anyone else.",
  "I will report loss, theft or damage to IT as soon as I notice it.",
  "I will return it, with its accessories, when asked or when I leave the organization.",
].join("\n");
