import { type MigrationDb, platformPolicy, runStatements } from "../sql-helpers";

/**
 * Employees' full record (issue 12):
 * - Personal data sealed at rest (server/employees/encryption.ts): each `*_sealed` column holds a
 *   `v1:<keyId>:<iv>:<tag>:<ciphertext>` envelope, never plaintext. `data_key_id` is the key every
 *   sealed value of the row is under (a write re-seals them all with the newest key), so a key
 *   rotation finds what is left to do with one index range per old key.
 * - Blind indexes (`personal_email_index`, `national_id_index`): HMAC of the normalized value,
 *   compared with `=` (leakproof, so the `(tenant_id, ...)` index serves under RLS). Not unique: two
 *   records may share a personal email, and during a rotation one value has two possible indexes.
 * - Manager, employment type, termination reason, and where the record comes from (manual, CSV,
 *   or an integration with its external id and the fields it owns).
 * - `employee_key_rotations`: a platform table with the progress of each rotation to a key (the
 *   last employee id re-sealed), so an interrupted rotation resumes where it stopped.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table employees
       add column personal_email_sealed text,
       add column phone_sealed text,
       add column home_address_sealed text,
       add column date_of_birth_sealed text,
       add column national_id_sealed text,
       add column personal_email_index text,
       add column national_id_index text,
       add column data_key_id text,
       add column manager_id uuid references employees(id) on delete set null,
       add column employment_type text
         constraint employees_employment_type_check
         check (employment_type in ('full_time', 'part_time', 'contractor', 'intern', 'temporary')),
       add column termination_reason text,
       add column source text not null default 'manual'
         constraint employees_source_check check (source in ('manual', 'csv', 'integration')),
       add column external_id text,
       add column owned_fields text[] not null default '{}',
       add constraint employees_not_own_manager check (manager_id is distinct from id),
       add constraint employees_sealed_values check (
         (data_key_id is null) = (num_nonnulls(personal_email_sealed, phone_sealed, home_address_sealed,
           date_of_birth_sealed, national_id_sealed) = 0))`,
    // exact lookup by personal email / national id (blind index equality)
    `create index employees_personal_email_index_idx on employees (tenant_id, personal_email_index)
       where personal_email_index is not null`,
    `create index employees_national_id_index_idx on employees (tenant_id, national_id_index)
       where national_id_index is not null`,
    // key rotation: the rows still sealed under a key, in id order (runs as the owner, across tenants)
    `create index employees_data_key_idx on employees (data_key_id, id) where data_key_id is not null`,
    // list filters and the manager's reports; the org chart walks manager_id
    `create index employees_manager_idx on employees (tenant_id, manager_id) where manager_id is not null`,
    `create index employees_status_name_idx on employees (tenant_id, status, last_name, first_name)`,
    `create index employees_department_idx on employees (tenant_id, department_id, last_name, first_name)`,
    `create index employees_location_idx on employees (tenant_id, location_id, last_name, first_name)`,
    `create index employees_hire_date_idx on employees (tenant_id, hire_date)`,
    // the list's search by the start of a work email (^@ is leakproof; text_pattern_ops turns it
    // into an index range whatever the database's collation)
    `create index employees_email_prefix_idx on employees (tenant_id, work_email text_pattern_ops)
       where work_email is not null`,
    // the daily termination cron: records whose termination date has come, not yet terminated
    `create index employees_due_termination_idx on employees (termination_date)
       where status <> 'terminated' and termination_date is not null`,

    `create table employee_key_rotations (
       key_id text primary key,
       after_employee_id uuid,
       rotated integer not null default 0,
       started_at timestamptz not null default now(),
       finished_at timestamptz
     )`,
    `alter table employee_key_rotations enable row level security`,
    `alter table employee_key_rotations force row level security`,
    ...platformPolicy("employee_key_rotations"),
  ]);
}
