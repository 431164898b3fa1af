import { sql } from "kysely";
import type { Executor } from "../../db";

/** Deeper than any site › building › floor › room tree; stops a parent loop from running on. */
const MAX_DEPTH = 16;

/**
 * How the list names each location: its own name when no other location of the tenant has that
 * name, else its path from the site down ("HQ › Building A › Floor 3"), so two "Floor 3"s can be
 * told apart. One query for a page: a walk up from the page's locations, and a count of each
 * leaf's namesakes (compared as the matcher does, case-insensitively).
 */
export async function locationLabels(
  db: Executor,
  tenantId: string,
  locationIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(locationIds)];
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: string; path: string[]; namesakes: number }>`
    with recursive up(start_id, id, parent_id, name, depth) as (
      select id, id, parent_id, name, 0 from locations
       where tenant_id = ${tenantId} and id in (${sql.join(ids)})
      union all
      select up.start_id, parent.id, parent.parent_id, parent.name, up.depth + 1
        from up join locations parent on parent.tenant_id = ${tenantId} and parent.id = up.parent_id
       where up.depth < ${MAX_DEPTH}
    )
    select leaf.id,
           (select array_agg(up.name order by up.depth desc) from up where up.start_id = leaf.id) as path,
           (select count(*)::int from locations same
             where same.tenant_id = ${tenantId} and lower(same.name) = lower(leaf.name)) as namesakes
      from locations leaf
     where leaf.tenant_id = ${tenantId} and leaf.id in (${sql.join(ids)})`.execute(db);
  return new Map(
    rows.map((row) => [row.id, row.namesakes > 1 ? row.path.join(" › ") : (row.path.at(-1) ?? "")]),
  );
}
