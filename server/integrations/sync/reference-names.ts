import type { TenantScope } from "../../context";
import { locationLookupKeys, locationValueKey } from "../../reference/locations/location-names";
import { createLocation } from "../../reference/locations/services/create-location";
import { findByName } from "../../reference/names/matcher";
import { normalizeName } from "../../reference/names/normalize";
import { createDepartment } from "../../reference/names/services/create-department";
import { createOrganization } from "../../reference/names/services/create-organization";

/**
 * Turns the provider's department, organization and location names into ours through the same
 * matching as manual entry: case, spacing, punctuation, abbreviations and recorded aliases ("IT
 * Dept" is "IT Department"), and creates what is missing through the same services (with their
 * events). One resolver per page: each name is looked up once.
 */
export class ReferenceNames {
  private readonly departments = new Map<string, Promise<string>>();
  private readonly organizations = new Map<string, Promise<string>>();
  private locations: Promise<Map<string, string[]>> | null = null;
  private readonly createdLocations = new Map<string, Promise<string>>();

  constructor(private readonly scope: TenantScope) {}

  /** The department's id, created (under `organization`, itself resolved) when no name or alias matches. */
  department(name: string, organization: string | null): Promise<string> {
    const key = normalizeName(name);
    let found = this.departments.get(key);
    if (!found) {
      found = this.resolveDepartment(name, organization);
      this.departments.set(key, found);
    }
    return found;
  }

  organization(name: string): Promise<string> {
    const key = normalizeName(name);
    let found = this.organizations.get(key);
    if (!found) {
      found = this.resolveOrganization(name);
      this.organizations.set(key, found);
    }
    return found;
  }

  /**
   * The location a name (or a path like "HQ / Floor 3") matches: by name, code or path, the top of
   * the tree winning a tie; a new top-level site when nothing matches.
   */
  async location(name: string): Promise<string> {
    const key = locationValueKey(name);
    this.locations ??= this.loadLocations();
    const index = await this.locations;
    const match = index.get(key)?.[0];
    if (match) return match;
    let created = this.createdLocations.get(key);
    if (!created) {
      created = createLocation(this.scope, {
        name: name.trim(),
        kind: "site",
        parentId: null,
        code: null,
      }).then((location) => location.id);
      this.createdLocations.set(key, created);
    }
    return created;
  }

  private async resolveDepartment(name: string, organization: string | null): Promise<string> {
    const match = await findByName(this.scope.db, this.scope.tenantId, "department", name);
    if (match) return match.id;
    const organizationId = organization ? await this.organization(organization) : null;
    const created = await createDepartment(this.scope, { name: name.trim(), organizationId });
    return created.id;
  }

  private async resolveOrganization(name: string): Promise<string> {
    const match = await findByName(this.scope.db, this.scope.tenantId, "organization", name);
    if (match) return match.id;
    return (await createOrganization(this.scope, { name: name.trim() })).id;
  }

  /** Every location's lookup keys, top-level ones first (so they win a shared name). */
  private async loadLocations(): Promise<Map<string, string[]>> {
    const rows = await this.scope.db
      .selectFrom("locations")
      .select(["id", "name", "parent_id", "code"])
      .where("tenant_id", "=", this.scope.tenantId)
      .where("archived_at", "is", null)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const pathOf = (row: (typeof rows)[number]) => {
      const path: string[] = [];
      let current: (typeof rows)[number] | undefined = row;
      for (let depth = 0; current && depth < 16; depth++) {
        path.unshift(current.name);
        current = current.parent_id ? byId.get(current.parent_id) : undefined;
      }
      return path;
    };
    const index = new Map<string, string[]>();
    const ordered = [...rows].sort((a, b) => pathOf(a).length - pathOf(b).length);
    for (const row of ordered) {
      for (const key of locationLookupKeys(pathOf(row), row.code))
        index.set(key, [...(index.get(key) ?? []), row.id]);
    }
    return index;
  }
}
