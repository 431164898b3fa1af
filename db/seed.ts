import { systemActor } from "@/inngest/events";
import { hashPassword } from "@/server/accounts/password";
import type { StatusKind } from "@/server/assets/lifecycle";
import { systemScope } from "@/server/context";
import { type Db, type Trx, withPlatform } from "@/server/db";
import { emit } from "@/server/events/emit";
import { logger } from "@/server/logger";
import { normalizeName } from "@/server/reference/names/normalize";
import type { TenantRole } from "@/server/roles";
import { createTenant } from "@/server/tenants/services/create-tenant";
import { provisionWorkflowTemplates } from "@/server/workflows/services/provision-workflow-templates";
import { insertAgentDevices, planAgentDevices } from "./demo/agent-devices";
import type { LocationName } from "./demo/assets";
import { dayOf } from "./demo/days";
import { assetStory, inTimeOrder, peopleStory } from "./demo/history-events";
import { insertLicenses } from "./demo/licenses";
import { departmentNames } from "./demo/people";
import { DEMO_RANDOM_SEED, planDemo } from "./demo/plan";
import { ensureDefaultStatuses, insertCatalog } from "./demo/reference";
import { type DemoIds, insertAssets, insertEmployees, recordStory } from "./demo/write";

export const DEMO_PASSWORD = "assetronics-demo";

/**
 * The demo's platform operator: created only for the embedded database listening on localhost
 * (server/first-start.ts), never by seedDemo itself, and never with DEMO_PASSWORD: its password is
 * generated at first start, printed once and kept in DATA_DIR/super-admin-password.
 */
export const demoSuperAdmin = { email: "super@assetronics.test", name: "Pat Platform" } as const;

export const demoLogins = [
  { ...demoSuperAdmin, role: "super_admin" },
  { email: "admin@acme.test", name: "Alex Admin", role: "admin" },
  { email: "it@acme.test", name: "Sam Support", role: "it_staff" },
  { email: "auditor@acme.test", name: "Avery Auditor", role: "auditor" },
  { email: "employee@acme.test", name: "Emery Employee", role: "employee" },
] as const;

type LocationSeed = { name: string; kind: "site" | "building" | "floor" | "room"; children?: LocationSeed[] };
const locations: LocationSeed[] = [
  {
    name: "San Francisco HQ",
    kind: "site",
    children: [
      {
        name: "Building A",
        kind: "building",
        children: [
          {
            name: "Floor 3",
            kind: "floor",
            children: [
              { name: "IT Storage 301", kind: "room" },
              { name: "Room 305", kind: "room" },
            ],
          },
          { name: "Floor 4", kind: "floor", children: [{ name: "Room 410", kind: "room" }] },
        ],
      },
    ],
  },
  {
    name: "London Office",
    kind: "site",
    children: [
      { name: "Main Building", kind: "building", children: [{ name: "Ground Floor", kind: "floor" }] },
    ],
  },
  { name: "Remote", kind: "site" },
];

/**
 * Seeds the demo tenant "Acme Corp" once, in one transaction; does nothing when it already exists.
 * Its logins (all with DEMO_PASSWORD; no platform operator, see demoSuperAdmin), departments, the
 * location tree, statuses, a catalog of 7 categories, ~300 employees and 2,000 assets with their
 * history, and the agent on the assigned laptops and desktops (a few of them gone quiet). Every history entry has its event, at the time it happened (db/demo/history-events.ts),
 * so an asset's history and its audit events agree and the chain covers them; the few things
 * that happen "now" (a new hire's laptop, a leaver, a damaged return, a theft) are delivered to
 * automation. tenant.demo_seeded sums it up.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  return withPlatform(db, async (trx) => {
    const existing = await trx
      .selectFrom("users")
      .select("id")
      .where("email", "=", "admin@acme.test")
      .executeTakeFirst();
    if (existing) return false;

    const started = performance.now();
    const actor = systemActor("Demo seed");
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const [adminLogin, ...others] = demoLogins.filter((login) => login.role !== "super_admin");
    if (!adminLogin) throw new Error("demo admin missing");
    const { tenant, admin } = await createTenant(
      trx,
      {
        name: "Acme Corp",
        admin: { name: adminLogin.name, email: adminLogin.email, password: DEMO_PASSWORD },
        via: "seed",
      },
      actor,
    );

    const scope = systemScope(trx, tenant.id, { label: actor.label, cause: null });
    const userIds = new Map([[admin.email, admin.id]]);
    for (const login of others) {
      const user = await trx
        .insertInto("users")
        .values({
          tenant_id: tenant.id,
          email: login.email,
          name: login.name,
          password_hash: passwordHash,
          role: login.role,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      userIds.set(login.email, user.id);
      await emit(scope, {
        name: "user.created",
        entityId: user.id,
        data: { email: login.email, name: login.name, role: login.role as TenantRole, via: "seed" },
      });
    }
    const departmentRows = await trx
      .insertInto("departments")
      .values(
        departmentNames.map((name) => ({ tenant_id: tenant.id, name, normalized_name: normalizeName(name) })),
      )
      .returning(["id", "name"])
      .execute();
    const locationIds = await insertLocations(trx, tenant.id);
    const statuses = await ensureDefaultStatuses(trx, tenant.id);
    const catalog = await insertCatalog(trx, tenant.id);
    const ids: DemoIds = {
      tenantId: tenant.id,
      actor,
      user: (email) => userIds.get(email) ?? null,
      department: lookup(new Map(departmentRows.map((row) => [row.name, row.id])), "department"),
      location: lookup(locationIds, "location"),
      status: lookup(statuses, "status"),
      catalog,
    };

    const now = new Date();
    const today = dayOf(now);
    const { employees, assets } = planDemo(today);
    await insertEmployees(trx, ids, employees);
    await insertAssets(trx, ids, assets);
    await insertAgentDevices(trx, tenant.id, planAgentDevices(assets, employees, now));
    const statusLabel = (kind: StatusKind) => ids.status(kind).label;
    const story = inTimeOrder([peopleStory(employees, now), assetStory(assets, statusLabel, now)]);
    const entries = await recordStory(scope, ids, story, now);
    // Now rather than by the tenant.created function, and after the story (dated in the past), so
    // the templates are there when automation starts the demo's workflows from that story.
    await provisionWorkflowTemplates(scope);
    const licenses = await insertLicenses(scope, employees, today);
    await emit(scope, {
      name: "tenant.demo_seeded",
      entityId: tenant.id,
      data: {
        asOf: today,
        randomSeed: DEMO_RANDOM_SEED,
        employees: employees.length,
        assets: assets.length,
        assetTransactions: entries,
        categories: catalog.counts.categories,
        models: catalog.counts.models,
      },
    });
    logger.info("demo tenant seeded", {
      tenant: tenant.slug,
      employees: employees.length,
      assets: assets.length,
      assetTransactions: entries,
      licenses: licenses.licenses,
      licenseSeats: licenses.seats,
      events: story.length,
      ms: Math.round(performance.now() - started),
    });
    return true;
  });
}

function lookup<K, V>(map: Map<K, V>, what: string): (key: K) => V {
  return (key) => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`demo ${what} ${String(key)} is missing`);
    return value;
  };
}

async function insertLocations(trx: Trx, tenantId: string): Promise<Map<LocationName, string>> {
  const ids = new Map<string, string>();
  const insertTree = async (nodes: LocationSeed[], parentId: string | null) => {
    for (const node of nodes) {
      const row = await trx
        .insertInto("locations")
        .values({ tenant_id: tenantId, parent_id: parentId, name: node.name, kind: node.kind })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(node.name, row.id);
      if (node.children) await insertTree(node.children, row.id);
    }
  };
  await insertTree(locations, null);
  return ids as Map<LocationName, string>;
}
