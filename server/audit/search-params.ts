/**
 * The audit log's filters as URL search parameters, shared by the page (so a view can be shared
 * and survives a reload) and the CSV export (which takes the same query string).
 *   ?event=user.invited&event=user.role_changed&actor=<id>&entityType=user&entityId=<id>
 *    &from=2026-03-01&to=2026-03-31&tz=Europe/Paris
 *   ?entity=AST-000123 (a record as a person names it: tag, name, email or id)
 */
export type AuditSearchFilters = {
  names?: string[];
  actorId?: string;
  entityType?: string;
  entityId?: string;
  entity?: string;
  from?: string;
  to?: string;
  timeZone?: string;
};

type ReadableParams = { get(name: string): string | null; getAll(name: string): string[] };

const single = (params: ReadableParams, name: string): string | undefined => {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
};

/** Raw (unvalidated) filters: parse them with AuditFilters before use. */
export function filtersFromSearchParams(params: ReadableParams): AuditSearchFilters {
  const names = params
    .getAll("event")
    .map((name) => name.trim())
    .filter(Boolean);
  const filters: AuditSearchFilters = {
    names: names.length > 0 ? names : undefined,
    actorId: single(params, "actor"),
    entityType: single(params, "entityType"),
    entityId: single(params, "entityId"),
    entity: single(params, "entity"),
    from: single(params, "from"),
    to: single(params, "to"),
    // A time zone only matters (and is only kept) when there is a date to read in it.
    timeZone: single(params, "from") || single(params, "to") ? single(params, "tz") : undefined,
  };
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as AuditSearchFilters;
}

export function searchParamsFromFilters(filters: AuditSearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filters.names ?? []) params.append("event", name);
  const pairs: Array<[string, string | undefined]> = [
    ["actor", filters.actorId],
    ["entityType", filters.entityType],
    ["entityId", filters.entityId],
    ["entity", filters.entity],
    ["from", filters.from],
    ["to", filters.to],
    ["tz", filters.from || filters.to ? filters.timeZone : undefined],
  ];
  for (const [key, value] of pairs) if (value) params.set(key, value);
  return params;
}
