import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Reference data (organizations, departments, aliases, categories with custom fields,
 * manufacturers, models, statuses, the location tree), employees, assets with their transaction
 * history, physical audits and CSV imports. Sized for 100k assets and 1M transactions per tenant:
 * every index says which query it serves.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    // trigram search on tag, serial, name and employee name (trusted extension: the owner may create it)
    `create extension if not exists pg_trgm`,

    `create table organizations (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       name text not null check (length(trim(name)) between 1 and 120),
       normalized_name text not null,
       archived_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // duplicate detection: one organization per normalized name in a tenant
    `create unique index organizations_tenant_normalized_key on organizations (tenant_id, normalized_name)`,

    `alter table departments add column organization_id uuid references organizations(id) on delete set null`,
    // departments of an organization (merge moves them)
    `create index departments_tenant_organization_idx on departments (tenant_id, organization_id)`,

    // Other spellings that must resolve to an existing organization or department ("IT Dept").
    `create table name_aliases (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       entity_type text not null check (entity_type in ('organization', 'department')),
       entity_id uuid not null,
       alias text not null,
       normalized_alias text not null,
       created_at timestamptz not null default now()
     )`,
    // matcher: normalized spelling -> entity
    `create unique index name_aliases_lookup_key on name_aliases (tenant_id, entity_type, normalized_alias)`,
    // aliases of one entity (shown on its page, moved on merge)
    `create index name_aliases_entity_idx on name_aliases (tenant_id, entity_id)`,

    `create table categories (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       name text not null check (length(trim(name)) between 1 and 120),
       normalized_name text not null,
       depreciation_months integer check (depreciation_months between 1 and 600),
       archived_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // one category per normalized name
    `create unique index categories_tenant_normalized_key on categories (tenant_id, normalized_name)`,

    `create table custom_field_definitions (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       category_id uuid not null references categories(id) on delete cascade,
       key text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
       label text not null check (length(trim(label)) between 1 and 120),
       type text not null check (type in ('text', 'number', 'date', 'select', 'checkbox')),
       required boolean not null default false,
       options jsonb not null default '[]',
       position integer not null default 0,
       archived_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // the fields of a category, in order (asset form and validation on save)
    `create unique index custom_field_definitions_key on custom_field_definitions (tenant_id, category_id, key)`,

    `create table manufacturers (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       name text not null check (length(trim(name)) between 1 and 120),
       normalized_name text not null,
       archived_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // one manufacturer per normalized name
    `create unique index manufacturers_tenant_normalized_key on manufacturers (tenant_id, normalized_name)`,

    `create table asset_models (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       manufacturer_id uuid not null references manufacturers(id),
       category_id uuid references categories(id),
       name text not null check (length(trim(name)) between 1 and 120),
       model_number text,
       archived_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // one model name per manufacturer
    `create unique index asset_models_name_key on asset_models (tenant_id, manufacturer_id, lower(name))`,

    `create table statuses (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       label text not null check (length(trim(label)) between 1 and 60),
       kind text not null check (kind in ('on_order', 'in_stock', 'assigned', 'in_repair', 'lost', 'stolen', 'retired', 'disposed')),
       color text not null default 'gray',
       is_default boolean not null default false,
       archived_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // labels are unique per tenant, whatever their case
    `create unique index statuses_label_key on statuses (tenant_id, lower(label))`,
    // the default status of each kind, used by lifecycle operations (assign -> the 'assigned' default)
    `create unique index statuses_default_kind_key on statuses (tenant_id, kind) where is_default`,

    `alter table locations add column code text`,
    // location picker and audit scans by name
    `create index locations_tenant_name_idx on locations (tenant_id, lower(name))`,

    `create table employees (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       employee_number text,
       first_name text not null,
       last_name text not null,
       display_name text generated always as (first_name || ' ' || last_name) stored,
       work_email text check (work_email is null or work_email = lower(work_email)),
       department_id uuid references departments(id) on delete set null,
       location_id uuid references locations(id) on delete set null,
       user_id uuid references users(id) on delete set null,
       title text,
       hire_date date,
       termination_date date,
       status text not null default 'active' check (status in ('active', 'on_leave', 'terminated')),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // exact lookups when assigning or importing by email / employee number
    `create unique index employees_email_key on employees (tenant_id, work_email) where work_email is not null`,
    `create unique index employees_number_key on employees (tenant_id, employee_number) where employee_number is not null`,
    // employee picker and list sorted by name; trigram for "contains" search
    `create index employees_name_idx on employees (tenant_id, last_name, first_name)`,
    `create index employees_name_trgm_idx on employees using gin (display_name gin_trgm_ops)`,
    // the portal finds the employee record of a signed-in user
    `create index employees_user_idx on employees (tenant_id, user_id) where user_id is not null`,

    // Per-tenant asset tag pattern and counter: "{n:6}" is replaced by the zero-padded next number.
    `alter table tenants add column asset_tag_pattern text not null default 'AST-{n:6}'
       check (asset_tag_pattern ~ '\\{n(:[0-9]+)?\\}')`,
    `create table asset_tag_counters (
       tenant_id uuid primary key references tenants(id) on delete cascade,
       next_value bigint not null default 1
     )`,

    `create table assets (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       tag text not null check (length(trim(tag)) between 1 and 64),
       name text not null check (length(trim(name)) between 1 and 200),
       serial text check (serial is null or length(trim(serial)) between 1 and 128),
       category_id uuid not null references categories(id),
       model_id uuid references asset_models(id),
       status_id uuid not null references statuses(id),
       location_id uuid references locations(id),
       employee_id uuid references employees(id),
       purchase_date date,
       cost numeric(14, 2) check (cost is null or cost >= 0),
       vendor text,
       order_number text,
       warranty_end date,
       end_of_life date,
       notes text,
       custom_fields jsonb not null default '{}',
       last_maintenance_at date,
       expected_return_at date,
       version integer not null default 1,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // tag is unique per tenant whatever its case; also serves exact tag lookup (scan, import)
    `create unique index assets_tag_key on assets (tenant_id, lower(tag))`,
    // serial is unique per tenant when present; exact serial lookup (scan, import, agent)
    `create unique index assets_serial_key on assets (tenant_id, lower(serial)) where serial is not null`,
    // list filtered by status, newest first (the default list view)
    `create index assets_status_idx on assets (tenant_id, status_id, created_at desc, id)`,
    // list filtered by category
    `create index assets_category_idx on assets (tenant_id, category_id, created_at desc, id)`,
    // list filtered by location; refusing to delete a location that holds assets
    `create index assets_location_idx on assets (tenant_id, location_id) where location_id is not null`,
    // what an employee holds (portal, offboarding, assignee filter)
    `create index assets_employee_idx on assets (tenant_id, employee_id) where employee_id is not null`,
    // warranty-expiring filter and the daily warranty deadline job
    `create index assets_warranty_idx on assets (tenant_id, warranty_end) where warranty_end is not null`,
    // default sort without a filter, and keyset pagination
    `create index assets_created_idx on assets (tenant_id, created_at desc, id)`,
    // sort by name
    `create index assets_name_idx on assets (tenant_id, lower(name), id)`,
    // "contains" search on tag, serial and name
    `create index assets_search_trgm_idx on assets using gin ((lower(tag || ' ' || coalesce(serial, '') || ' ' || name)) gin_trgm_ops)`,

    `create table asset_transactions (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       asset_id uuid not null references assets(id) on delete cascade,
       type text not null check (type in ('purchase', 'assignment', 'return', 'transfer', 'status_change', 'repair_start',
         'repair_complete', 'retire', 'lost', 'stolen', 'maintenance', 'audit')),
       from_status_id uuid,
       to_status_id uuid,
       from_employee_id uuid,
       to_employee_id uuid,
       from_location_id uuid,
       to_location_id uuid,
       condition text,
       notes text,
       actor_id text,
       actor_label text,
       event_id uuid,
       data jsonb not null default '{}',
       occurred_at timestamptz not null default now()
     )`,
    // the asset page timeline: the latest 200 transactions of one asset
    `create index asset_transactions_asset_idx on asset_transactions (tenant_id, asset_id, occurred_at desc)`,
    // an employee's history (who held what)
    `create index asset_transactions_employee_idx on asset_transactions (tenant_id, to_employee_id, occurred_at desc) where to_employee_id is not null`,

    `create table asset_audits (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       location_id uuid not null references locations(id),
       status text not null default 'open' check (status in ('open', 'closed')),
       started_by uuid references users(id),
       started_at timestamptz not null default now(),
       closed_at timestamptz,
       summary jsonb
     )`,
    // open and recent audits of a tenant
    `create index asset_audits_tenant_idx on asset_audits (tenant_id, started_at desc)`,
    `create table asset_audit_scans (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       audit_id uuid not null references asset_audits(id) on delete cascade,
       asset_id uuid references assets(id),
       code text not null,
       result text not null check (result in ('found', 'unexpected', 'unknown')),
       scanned_by uuid references users(id),
       scanned_at timestamptz not null default now()
     )`,
    // one scan per asset per audit (a duplicate scan is reported, not recorded twice)
    `create unique index asset_audit_scans_asset_key on asset_audit_scans (audit_id, asset_id) where asset_id is not null`,
    // the scans of an audit, live
    `create index asset_audit_scans_audit_idx on asset_audit_scans (tenant_id, audit_id, scanned_at desc)`,

    `create table asset_imports (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       file_name text not null,
       content text not null,
       delimiter text not null default ',',
       mapping jsonb not null default '{}',
       status text not null default 'uploaded' check (status in ('uploaded', 'validated', 'importing', 'completed', 'failed', 'cancelled')),
       mode text check (mode in ('all_or_nothing', 'valid_only')),
       total_rows integer not null default 0,
       valid_rows integer not null default 0,
       processed_rows integer not null default 0,
       imported_rows integer not null default 0,
       problems jsonb not null default '[]',
       error text,
       created_by uuid references users(id),
       created_at timestamptz not null default now(),
       finished_at timestamptz
     )`,
    // recent imports of a tenant
    `create index asset_imports_tenant_idx on asset_imports (tenant_id, created_at desc)`,
  ]);

  for (const table of ["organizations", "categories"]) {
    await runStatements(db, [
      `create trigger ${table}_updated_at before update on ${table} for each row execute function app_touch_updated_at()`,
    ]);
  }
  await runStatements(db, [
    `create trigger employees_updated_at before update on employees for each row execute function app_touch_updated_at()`,
    `create trigger assets_updated_at before update on assets for each row execute function app_touch_updated_at()`,
  ]);

  const tenantTables = [
    "organizations",
    "name_aliases",
    "categories",
    "custom_field_definitions",
    "manufacturers",
    "asset_models",
    "statuses",
    "employees",
    "asset_tag_counters",
    "assets",
    "asset_transactions",
    "asset_audits",
    "asset_audit_scans",
    "asset_imports",
  ];
  await enableTenantRls(db, tenantTables);
  const mutable = tenantTables.filter((table) => table !== "asset_transactions");
  await runStatements(db, [
    `grant select, insert, update, delete on ${mutable.join(", ")} to ${APP_ROLE}`,
    // an asset's history is appended to, never rewritten
    `grant select, insert on asset_transactions to ${APP_ROLE}`,
  ]);
}
