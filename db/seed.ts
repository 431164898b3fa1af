import { systemActor } from "@/inngest/events";
import { hashPassword } from "@/server/accounts/password";
import type { StatusKind } from "@/server/assets/lifecycle";
import { type Db, type Trx, withPlatform } from "@/server/db";
import { emit } from "@/server/events/emit";
import { logger } from "@/server/logger";
import { normalizeName } from "@/server/reference/normalize";
import type { TenantRole } from "@/server/roles";
import { createTenant } from "@/server/tenants/services/create-tenant";
import type { AssetPlan, LocationName } from "./demo/assets";
import { dayOf } from "./demo/days";
import { departmentNames, type EmployeePlan } from "./demo/people";
import { DEMO_RANDOM_SEED, planDemo } from "./demo/plan";
import { ensureDefaultStatuses, insertCatalog } from "./demo/reference";
import { type DemoIds, emitDemoEvent, insertAssets, insertEmployees, recordHappening } from "./demo/write";

export const DEMO_PASSWORD = "assetronics-demo";

/**
 * The demo's platform operator: created with DEMO_PASSWORD only for the embedded database listening
 * on localhost (server/first-start.ts), never by seedDemo itself.
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
 * history. The bulk rows carry no event each: one tenant.demo_seeded event
 * records them, and the few things that happen "now" (a new hire's laptop, a leaver, a damaged
 * return, a theft) are written with their own events, so the audit chain stays whole.
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
      await emit(trx, {
        tenantId: tenant.id,
        name: "user.created",
        actor,
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

    const today = dayOf(new Date());
    const { employees, assets } = planDemo(today);
    await insertEmployees(trx, ids, employees);
    const pastEntries = await insertAssets(trx, ids, assets);
    const happenings = await recordHappenings(trx, ids, employees, assets);
    await emitDemoEvent(trx, ids, "tenant.demo_seeded", tenant.id, {
      asOf: today,
      randomSeed: DEMO_RANDOM_SEED,
      employees: employees.length,
      assets: assets.length,
      assetTransactions: pastEntries + happenings,
      categories: catalog.counts.categories,
      models: catalog.counts.models,
    });
    logger.info("demo tenant seeded", {
      tenant: tenant.slug,
      employees: employees.length,
      assets: assets.length,
      assetTransactions: pastEntries + happenings,
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

/**
 * The few things that happen as the demo is seeded, each written with its event: they show in the
 * audit log and the dashboard's recent activity, and give automation something to act on.
 * Returns the number of history entries written.
 */
async function recordHappenings(
  trx: Trx,
  ids: DemoIds,
  employees: EmployeePlan[],
  assets: AssetPlan[],
): Promise<number> {
  const statusLabel = (kind: StatusKind) => ids.status(kind).label;
  const leaver = employees.find((employee) => employee.role === "leaver");
  if (leaver?.terminationDate) {
    await emitDemoEvent(trx, ids, "employee.terminated", leaver.id, {
      terminatedAt: leaver.terminationDate,
      reason: "Resigned",
    });
  }
  let written = 0;
  for (const asset of assets) {
    const entry = asset.history.at(-1);
    if (!entry || entry.at !== null) continue;
    if (entry.type === "assignment" && entry.toEmployeeId) {
      const newHire = employees.find((employee) => employee.id === entry.toEmployeeId);
      if (newHire?.role === "new_hire") {
        await emitDemoEvent(trx, ids, "employee.created", newHire.id, {
          name: `${newHire.firstName} ${newHire.lastName}`,
          hireDate: newHire.hireDate,
        });
      }
      await recordHappening(trx, ids, asset, {
        name: "asset.assigned",
        data: { tag: asset.tag, employeeId: entry.toEmployeeId, expectedReturnAt: null },
      });
    } else if (entry.type === "return" && entry.fromEmployeeId && entry.toStatus) {
      await recordHappening(trx, ids, asset, {
        name: "asset.returned",
        data: {
          tag: asset.tag,
          employeeId: entry.fromEmployeeId,
          condition: entry.condition,
          toStatus: statusLabel(entry.toStatus),
        },
      });
    } else if (entry.fromStatus && entry.toStatus) {
      await recordHappening(trx, ids, asset, {
        name: "asset.status_changed",
        data: {
          tag: asset.tag,
          from: statusLabel(entry.fromStatus),
          to: statusLabel(entry.toStatus),
          kind: entry.toStatus,
          ...(entry.notes ? { notes: entry.notes } : {}),
        },
      });
    } else {
      throw new Error(`no event for ${asset.tag}'s ${entry.type}`);
    }
    written++;
  }
  return written;
}
