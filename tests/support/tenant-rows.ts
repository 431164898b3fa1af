import { sql } from "kysely";
import { type Db, withPlatform } from "@/server/db";

export type TenantTable = { name: string; primaryKey: string[]; columnTypes: Record<string, string> };

/** Every table with a tenant_id column, with its primary key and column types. */
export async function tenantTables(db: Db): Promise<TenantTable[]> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select c.table_name, c.column_name, c.data_type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and exists (select 1 from information_schema.columns k
                  where k.table_schema = 'public' and k.table_name = c.table_name and k.column_name = 'tenant_id')
    order by c.table_name, c.ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select cls.relname as table_name, a.attname as column_name
    from pg_index i
    join pg_class cls on cls.oid = i.indrelid
    join pg_namespace n on n.oid = cls.relnamespace and n.nspname = 'public'
    join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
    join pg_attribute a on a.attrelid = cls.oid and a.attnum = k.attnum
    where i.indisprimary
    order by cls.relname, k.ord`.execute(db);
  const tables = new Map<string, TenantTable>();
  for (const column of columns.rows) {
    const table = tables.get(column.table_name) ?? {
      name: column.table_name,
      primaryKey: [],
      columnTypes: {},
    };
    table.columnTypes[column.column_name] = column.data_type;
    tables.set(column.table_name, table);
  }
  for (const key of keys.rows) tables.get(key.table_name)?.primaryKey.push(key.column_name);
  return [...tables.values()];
}

/**
 * One tenant's rows of every tenant table, as JSON text, ordered by primary key (by the whole row
 * where a table has none); read as a platform service, so row-level security hides nothing.
 */
export async function tenantRows(
  db: Db,
  tables: readonly TenantTable[],
  tenantId: string,
): Promise<Record<string, string[]>> {
  return withPlatform(db, async (trx) => {
    const snapshot: Record<string, string[]> = {};
    for (const table of tables) {
      const order =
        table.primaryKey.length > 0
          ? sql.join(table.primaryKey.map((column) => sql.ref(`t.${column}`)))
          : sql`1`;
      const result = await sql<{ row: string }>`
        select to_jsonb(t)::text as row from ${sql.table(table.name)} t
        where t.tenant_id = ${tenantId}
        order by ${order}, to_jsonb(t)::text`.execute(trx);
      snapshot[table.name] = result.rows.map((r) => r.row);
    }
    const tenant = await sql<{
      row: string;
    }>`select to_jsonb(t)::text as row from tenants t where t.id = ${tenantId}`.execute(trx);
    snapshot.tenants = tenant.rows.map((r) => r.row);
    return snapshot;
  });
}
