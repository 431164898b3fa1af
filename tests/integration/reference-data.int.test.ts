import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { statusKinds } from "@/server/assets/lifecycle";
import type { Db } from "@/server/db";
import { listCategories, listCustomFields } from "@/server/reference/catalog/queries";
import { addCustomField } from "@/server/reference/catalog/services/add-custom-field";
import { createCategory } from "@/server/reference/catalog/services/create-category";
import { createManufacturer } from "@/server/reference/catalog/services/create-manufacturer";
import { createModel } from "@/server/reference/catalog/services/create-model";
import { reorderCustomFields } from "@/server/reference/catalog/services/reorder-custom-fields";
import { setCustomFieldArchived } from "@/server/reference/catalog/services/set-custom-field-archived";
import { locationTree } from "@/server/reference/locations/queries";
import { createLocation } from "@/server/reference/locations/services/create-location";
import { deleteLocation } from "@/server/reference/locations/services/delete-location";
import { moveLocation } from "@/server/reference/locations/services/move-location";
import { setLocationArchived } from "@/server/reference/locations/services/set-location-archived";
import { findByName } from "@/server/reference/names/matcher";
import { listDepartments } from "@/server/reference/names/queries";
import { addAlias } from "@/server/reference/names/services/add-alias";
import { createDepartment } from "@/server/reference/names/services/create-department";
import { createOrganization } from "@/server/reference/names/services/create-organization";
import { mergeNamedEntities } from "@/server/reference/names/services/merge-named-entities";
import { removeAlias } from "@/server/reference/names/services/remove-alias";
import { updateDepartment } from "@/server/reference/names/services/update-department";
import { assertSelectable } from "@/server/reference/selectable";
import { setArchived } from "@/server/reference/services/set-archived";
import { listStatuses } from "@/server/reference/statuses/queries";
import { createStatus } from "@/server/reference/statuses/services/create-status";
import { deleteStatus } from "@/server/reference/statuses/services/delete-status";
import { setDefaultStatus } from "@/server/reference/statuses/services/set-default-status";
import { updateStatus } from "@/server/reference/statuses/services/update-status";
import {
  defaultStatusId,
  insertAsset,
  type ReferenceTenant,
  referenceTenant,
  refusal,
} from "../factories/reference";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const tenant = () => referenceTenant(db);

describe("organizations and departments", () => {
  it("refuses a department whose name only differs in spelling, naming the existing one", async () => {
    const t = await tenant();
    const itDept = await t.as((ctx) =>
      createDepartment(ctx, { name: "IT Department", organizationId: null }),
    );
    for (const spelling of ["IT dept", "it   department", "IT-Department."]) {
      const refused = await refusal(
        t.as((ctx) => createDepartment(ctx, { name: spelling, organizationId: null })),
      );
      expect(refused.code).toBe("CONFLICT");
      expect(refused.message).toContain("IT Department");
      expect(refused.details).toMatchObject({ existingId: itDept.id, existingName: "IT Department" });
    }
    const departments = await t.as((ctx) => listDepartments(ctx.db, ctx.tenantId, { includeArchived: true }));
    expect(departments.map((d) => d.name)).toEqual(["IT Department"]);
  });

  it("lets exactly one of two simultaneous creations of the same name through", async () => {
    const t = await tenant();
    const results = await Promise.allSettled([
      t.as((ctx) => createDepartment(ctx, { name: "Legal", organizationId: null })),
      t.as((ctx) => createDepartment(ctx, { name: "LEGAL.", organizationId: null })),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
  });

  it("records aliases that the matcher resolves, refuses one that names another, and forgets removed ones", async () => {
    const t = await tenant();
    const itDept = await t.as((ctx) =>
      createDepartment(ctx, { name: "IT Department", organizationId: null }),
    );
    const finance = await t.as((ctx) => createDepartment(ctx, { name: "Finance", organizationId: null }));
    const alias = await t.as((ctx) =>
      addAlias(ctx, "department", { entityId: itDept.id, alias: "Tech Support" }),
    );
    await t.as((ctx) => addAlias(ctx, "department", { entityId: itDept.id, alias: "IT dept" }));

    expect(await t.as((ctx) => findByName(ctx.db, ctx.tenantId, "department", "TECH-SUPPORT"))).toMatchObject(
      {
        id: itDept.id,
        name: "IT Department",
        matchedBy: "alias",
        alias: "Tech Support",
      },
    );
    expect(await t.as((ctx) => findByName(ctx.db, ctx.tenantId, "department", "it dept."))).toMatchObject({
      id: itDept.id,
      matchedBy: "name",
    });

    const taken = await refusal(
      t.as((ctx) => createDepartment(ctx, { name: "Tech support", organizationId: null })),
    );
    expect(taken).toMatchObject({ code: "CONFLICT", details: { existingId: itDept.id } });
    const elsewhere = await refusal(
      t.as((ctx) => addAlias(ctx, "department", { entityId: finance.id, alias: "tech support" })),
    );
    expect(elsewhere.message).toContain("IT Department");
    const nameOfOther = await refusal(
      t.as((ctx) => addAlias(ctx, "department", { entityId: finance.id, alias: "IT-Department" })),
    );
    expect(nameOfOther.code).toBe("CONFLICT");

    await t.as((ctx) => removeAlias(ctx, "department", { aliasId: alias.id }));
    expect(await t.as((ctx) => findByName(ctx.db, ctx.tenantId, "department", "Tech Support"))).toBeNull();
  });

  it("re-normalizes on rename and refuses a rename that collides", async () => {
    const t = await tenant();
    const ops = await t.as((ctx) => createDepartment(ctx, { name: "Operations", organizationId: null }));
    await t.as((ctx) => createDepartment(ctx, { name: "Marketing", organizationId: null }));
    await t.as((ctx) => updateDepartment(ctx, { id: ops.id, name: "Human Resources" }));
    expect(await t.as((ctx) => findByName(ctx.db, ctx.tenantId, "department", "HR"))).toMatchObject({
      id: ops.id,
    });
    expect(await t.as((ctx) => findByName(ctx.db, ctx.tenantId, "department", "Operations"))).toBeNull();
    const refused = await refusal(t.as((ctx) => updateDepartment(ctx, { id: ops.id, name: "Mktg" })));
    expect(refused).toMatchObject({ code: "CONFLICT", details: { existingName: "Marketing" } });
  });

  it("merges duplicate departments: employees and aliases move, the name becomes an alias, one event", async () => {
    const t = await tenant();
    const survivor = await t.as((ctx) =>
      createDepartment(ctx, { name: "Engineering", organizationId: null }),
    );
    const org = await t.as((ctx) => createOrganization(ctx, { name: "Acme Labs" }));
    const duplicate = await t.as((ctx) =>
      createDepartment(ctx, { name: "Product Engineering", organizationId: org.id }),
    );
    await t.as((ctx) => addAlias(ctx, "department", { entityId: duplicate.id, alias: "PE Team" }));
    await t.sql((trx) =>
      trx
        .insertInto("employees")
        .values([
          { tenant_id: t.tenantId, first_name: "Ada", last_name: "Lovelace", department_id: duplicate.id },
          { tenant_id: t.tenantId, first_name: "Alan", last_name: "Turing", department_id: duplicate.id },
          { tenant_id: t.tenantId, first_name: "Grace", last_name: "Hopper", department_id: survivor.id },
        ])
        .execute(),
    );

    const result = await t.as((ctx) =>
      mergeNamedEntities(ctx, "department", { survivorId: survivor.id, duplicateId: duplicate.id }),
    );
    expect(result.moved).toMatchObject({ employees: 2, aliases: 1, organization: 1 });

    const state = await t.sql(async (trx) => ({
      employees: await trx.selectFrom("employees").select("department_id").execute(),
      departments: await trx.selectFrom("departments").select(["id", "organization_id"]).execute(),
      event: await trx
        .selectFrom("events")
        .select(["entity_id", "data"])
        .where("name", "=", "department.merged")
        .executeTakeFirstOrThrow(),
    }));
    expect(state.employees.every((e) => e.department_id === survivor.id)).toBe(true);
    expect(state.departments).toEqual([{ id: survivor.id, organization_id: org.id }]);
    expect(state.event.entity_id).toBe(survivor.id);
    expect(state.event.data).toMatchObject({ survivorId: survivor.id, duplicateId: duplicate.id });
    for (const spelling of ["Product Engineering", "pe team"]) {
      expect(await t.as((ctx) => findByName(ctx.db, ctx.tenantId, "department", spelling))).toMatchObject({
        id: survivor.id,
        matchedBy: "alias",
      });
    }
  });

  it("merges duplicate organizations, moving their departments", async () => {
    const t = await tenant();
    const survivor = await t.as((ctx) => createOrganization(ctx, { name: "Globex Corporation" }));
    const duplicate = await t.as((ctx) => createOrganization(ctx, { name: "Globex Holdings" }));
    const sales = await t.as((ctx) => createDepartment(ctx, { name: "Sales", organizationId: duplicate.id }));
    const result = await t.as((ctx) =>
      mergeNamedEntities(ctx, "organization", { survivorId: survivor.id, duplicateId: duplicate.id }),
    );
    expect(result.moved).toMatchObject({ departments: 1 });
    const departments = await t.as((ctx) =>
      listDepartments(ctx.db, ctx.tenantId, { includeArchived: false }),
    );
    expect(departments.find((d) => d.id === sales.id)?.organizationName).toBe("Globex Corporation");
    expect(
      await t.as((ctx) => findByName(ctx.db, ctx.tenantId, "organization", "globex holdings")),
    ).toMatchObject({
      id: survivor.id,
    });
    const gone = await refusal(
      t.as((ctx) =>
        mergeNamedEntities(ctx, "organization", { survivorId: survivor.id, duplicateId: duplicate.id }),
      ),
    );
    expect(gone.code).toBe("NOT_FOUND");
  });
});

describe("archiving", () => {
  it("keeps archived categories on old assets but refuses them for new ones, until unarchived", async () => {
    const t = await tenant();
    const laptops = await t.as((ctx) => createCategory(ctx, { name: "Laptops", depreciationMonths: 36 }));
    const asset = await insertAsset(t, { categoryId: laptops.id });
    await t.as((ctx) => setArchived(ctx, "categories", { id: laptops.id }, true));

    const refused = await refusal(
      t.as((ctx) => assertSelectable(ctx.db, ctx.tenantId, "categories", laptops.id, "Category")),
    );
    expect(refused).toMatchObject({
      code: "UNPROCESSABLE",
      message: "Category Laptops is archived; choose another.",
    });
    const kept = await t.sql((trx) =>
      trx.selectFrom("assets").select("category_id").where("id", "=", asset.id).executeTakeFirstOrThrow(),
    );
    expect(kept.category_id).toBe(laptops.id);
    expect(await t.as((ctx) => listCategories(ctx.db, ctx.tenantId, { includeArchived: false }))).toEqual([]);
    const all = await t.as((ctx) => listCategories(ctx.db, ctx.tenantId, { includeArchived: true }));
    expect(all).toMatchObject([{ name: "Laptops", assetCount: 1 }]);
    expect(all[0]?.archivedAt).toBeInstanceOf(Date);

    await t.as((ctx) => setArchived(ctx, "categories", { id: laptops.id }, false));
    expect(
      await t.as((ctx) => assertSelectable(ctx.db, ctx.tenantId, "categories", laptops.id, "Category")),
    ).toEqual({
      id: laptops.id,
      name: "Laptops",
    });
  });

  it("refuses a model of an archived manufacturer, and ids that are not the tenant's", async () => {
    const t = await tenant();
    const dell = await t.as((ctx) => createManufacturer(ctx, { name: "Dell Inc." }));
    const duplicateMaker = await refusal(t.as((ctx) => createManufacturer(ctx, { name: "DELL INC" })));
    expect(duplicateMaker).toMatchObject({ code: "CONFLICT", details: { existingId: dell.id } });
    const xps = await t.as((ctx) =>
      createModel(ctx, { manufacturerId: dell.id, name: "XPS 13", modelNumber: "9340", categoryId: null }),
    );
    await t.as((ctx) => setArchived(ctx, "manufacturers", { id: dell.id }, true));
    const refused = await refusal(
      t.as((ctx) => assertSelectable(ctx.db, ctx.tenantId, "asset_models", xps.id, "model")),
    );
    expect(refused.message).toBe("Model XPS 13 is made by Dell Inc., which is archived; choose another.");
    const missing = await refusal(
      t.as((ctx) => assertSelectable(ctx.db, ctx.tenantId, "categories", "not-a-uuid", "category")),
    );
    expect(missing).toMatchObject({ code: "UNPROCESSABLE", details: { reason: "missing" } });
  });
});

describe("custom fields", () => {
  it("adds fields with derived keys, reorders them and hides archived ones from asset forms", async () => {
    const t = await tenant();
    const phones = await t.as((ctx) => createCategory(ctx, { name: "Phones", depreciationMonths: 24 }));
    const imei = await t.as((ctx) =>
      addCustomField(ctx, {
        categoryId: phones.id,
        label: "IMEI",
        type: "text",
        required: true,
        options: [],
      }),
    );
    const carrier = await t.as((ctx) =>
      addCustomField(ctx, {
        categoryId: phones.id,
        label: "Carrier",
        type: "select",
        required: false,
        options: ["EE", "O2"],
      }),
    );
    expect([imei.key, carrier.key]).toEqual(["imei", "carrier"]);
    const sameLabel = await refusal(
      t.as((ctx) =>
        addCustomField(ctx, {
          categoryId: phones.id,
          label: "imei",
          type: "text",
          required: false,
          options: [],
        }),
      ),
    );
    expect(sameLabel.message).toBe("Phones already has a field labelled IMEI.");

    await t.as((ctx) => reorderCustomFields(ctx, { categoryId: phones.id, fieldIds: [carrier.id, imei.id] }));
    await t.as((ctx) => setCustomFieldArchived(ctx, { id: carrier.id }, true));
    const active = await t.as((ctx) =>
      listCustomFields(ctx.db, ctx.tenantId, phones.id, { includeArchived: false }),
    );
    expect(active.map((f) => f.key)).toEqual(["imei"]);
    const all = await t.as((ctx) =>
      listCustomFields(ctx.db, ctx.tenantId, phones.id, { includeArchived: true }),
    );
    expect(all.map((f) => [f.key, f.options])).toEqual([
      ["carrier", ["EE", "O2"]],
      ["imei", []],
    ]);
    const stale = await refusal(
      t.as((ctx) => reorderCustomFields(ctx, { categoryId: phones.id, fieldIds: [imei.id] })),
    );
    expect(stale.code).toBe("CONFLICT");
  });
});

describe("statuses", () => {
  it("gives a new tenant one default per lifecycle kind", async () => {
    const t = await tenant();
    const statuses = await t.as((ctx) => listStatuses(ctx.db, ctx.tenantId, { includeArchived: true }));
    const defaults = statuses.filter((s) => s.isDefault).map((s) => s.kind);
    expect(defaults.sort()).toEqual([...statusKinds].sort());
  });

  it("moves the default flag, keeps one default per kind, and refuses to archive or delete a default", async () => {
    const t = await tenant();
    const previous = await defaultStatusId(t, "in_stock");
    const shelf = await t.as((ctx) =>
      createStatus(ctx, { label: "On the shelf", kind: "in_stock", color: "teal", isDefault: false }),
    );
    await t.as((ctx) => setDefaultStatus(ctx, { id: shelf.id }));
    const inStock = (
      await t.as((ctx) => listStatuses(ctx.db, ctx.tenantId, { includeArchived: false }))
    ).filter((s) => s.kind === "in_stock");
    expect(inStock.filter((s) => s.isDefault).map((s) => s.id)).toEqual([shelf.id]);
    expect(inStock.find((s) => s.id === previous)?.isDefault).toBe(false);

    expect(
      (await refusal(t.as((ctx) => setArchived(ctx, "statuses", { id: shelf.id }, true)))).message,
    ).toContain("default");
    expect((await refusal(t.as((ctx) => deleteStatus(ctx, { id: shelf.id })))).code).toBe("UNPROCESSABLE");
    const duplicateLabel = await refusal(
      t.as((ctx) =>
        createStatus(ctx, { label: "ON THE SHELF", kind: "in_stock", color: "gray", isDefault: false }),
      ),
    );
    expect(duplicateLabel).toMatchObject({ code: "CONFLICT", details: { existingId: shelf.id } });
  });

  it("refuses to delete a status assets use, saying how many, and deletes an unused one", async () => {
    const t = await tenant();
    const category = await t.as((ctx) => createCategory(ctx, { name: "Monitors", depreciationMonths: 60 }));
    const loaner = await t.as((ctx) =>
      createStatus(ctx, { label: "Loaner pool", kind: "in_stock", color: "blue", isDefault: false }),
    );
    await insertAsset(t, { categoryId: category.id, statusId: loaner.id });
    await insertAsset(t, { categoryId: category.id, statusId: loaner.id });
    const refused = await refusal(t.as((ctx) => deleteStatus(ctx, { id: loaner.id })));
    expect(refused).toMatchObject({ code: "CONFLICT", details: { assetCount: 2 } });
    expect(refused.message).toBe(
      "Loaner pool is used by 2 assets, so it cannot be deleted. Archive it instead: those assets keep it, new ones cannot choose it.",
    );
    const kindChange = await refusal(t.as((ctx) => updateStatus(ctx, { id: loaner.id, kind: "in_repair" })));
    expect(kindChange.message).toContain("used by 2 assets");
    await t.as((ctx) => setArchived(ctx, "statuses", { id: loaner.id }, true));

    const unused = await t.as((ctx) =>
      createStatus(ctx, { label: "Quarantine", kind: "in_repair", color: "red", isDefault: false }),
    );
    await t.as((ctx) => deleteStatus(ctx, { id: unused.id }));
    const labels = (await t.as((ctx) => listStatuses(ctx.db, ctx.tenantId, { includeArchived: true }))).map(
      (s) => s.label,
    );
    expect(labels).not.toContain("Quarantine");
    expect(labels).toContain("Loaner pool");
  });
});

describe("location tree", () => {
  async function tree(t: ReferenceTenant) {
    const site = await t.as((ctx) => createLocation(ctx, { name: "Berlin", kind: "site", parentId: null }));
    const building = await t.as((ctx) =>
      createLocation(ctx, { name: "Tower", kind: "building", parentId: site.id }),
    );
    const floor = await t.as((ctx) =>
      createLocation(ctx, { name: "Floor 2", kind: "floor", parentId: building.id }),
    );
    const room = await t.as((ctx) =>
      createLocation(ctx, { name: "Room 201", kind: "room", parentId: floor.id }),
    );
    return { site, building, floor, room };
  }

  it("keeps kinds in order and refuses cycles", async () => {
    const t = await tenant();
    const { site, building, floor, room } = await tree(t);
    const upsideDown = await refusal(
      t.as((ctx) => createLocation(ctx, { name: "Annex", kind: "building", parentId: floor.id })),
    );
    expect(upsideDown.message).toBe("Floor 2 is a floor; it can hold only a room, not the building Annex.");
    const cycle = await refusal(t.as((ctx) => moveLocation(ctx, { id: building.id, parentId: room.id })));
    expect(cycle).toMatchObject({ code: "UNPROCESSABLE" });
    expect(cycle.message).toContain("no cycles");
    expect(
      (await refusal(t.as((ctx) => moveLocation(ctx, { id: site.id, parentId: site.id })))).message,
    ).toContain("inside itself");
    await t.as((ctx) => moveLocation(ctx, { id: room.id, parentId: building.id }));
    const nodes = await t.as((ctx) => locationTree(ctx.db, ctx.tenantId, { includeArchived: false }));
    expect(nodes.map((n) => `${"-".repeat(n.depth)}${n.name}`)).toEqual([
      "Berlin",
      "-Tower",
      "--Floor 2",
      "--Room 201",
    ]);
  });

  it("refuses to delete a location that holds things, with counts; reassignTo moves them first", async () => {
    const t = await tenant();
    const { site, building, floor, room } = await tree(t);
    const category = await t.as((ctx) => createCategory(ctx, { name: "Desks", depreciationMonths: null }));
    const asset = await insertAsset(t, { categoryId: category.id, locationId: floor.id });
    const before = await t.as((ctx) => locationTree(ctx.db, ctx.tenantId, { includeArchived: false }));
    expect(before.find((n) => n.id === floor.id)).toMatchObject({ assetCount: 1, childCount: 1 });

    const refused = await refusal(t.as((ctx) => deleteLocation(ctx, { id: floor.id })));
    expect(refused).toMatchObject({ code: "CONFLICT", details: { assets: 1, children: 1, employees: 0 } });
    expect(refused.message).toBe(
      "Floor 2 holds 1 asset and 1 sub-location. Move them first, or choose a location to move them to.",
    );
    const intoItself = await refusal(
      t.as((ctx) => deleteLocation(ctx, { id: floor.id, reassignTo: room.id })),
    );
    expect(intoItself.message).toContain("inside Floor 2");

    const result = await t.as((ctx) => deleteLocation(ctx, { id: floor.id, reassignTo: building.id }));
    expect(result.moved).toEqual({ assets: 1, children: 1, employees: 0 });
    const after = await t.sql(async (trx) => ({
      asset: await trx
        .selectFrom("assets")
        .select("location_id")
        .where("id", "=", asset.id)
        .executeTakeFirstOrThrow(),
      room: await trx
        .selectFrom("locations")
        .select("parent_id")
        .where("id", "=", room.id)
        .executeTakeFirstOrThrow(),
      floor: await trx.selectFrom("locations").select("id").where("id", "=", floor.id).executeTakeFirst(),
    }));
    expect(after).toEqual({
      asset: { location_id: building.id },
      room: { parent_id: building.id },
      floor: undefined,
    });

    await t.as((ctx) => setLocationArchived(ctx, { id: site.id }, true));
    expect(await t.as((ctx) => locationTree(ctx.db, ctx.tenantId, { includeArchived: false }))).toEqual([]);
    const archivedRoom = await refusal(
      t.as((ctx) => assertSelectable(ctx.db, ctx.tenantId, "locations", room.id, "location")),
    );
    expect(archivedRoom.message).toBe("Location Room 201 is archived; choose another.");
  });
});

describe("tenant isolation", () => {
  it("a tenant can neither read nor change another tenant's reference data", async () => {
    const a = await tenant();
    const b = await tenant();
    const dept = await a.as((ctx) => createDepartment(ctx, { name: "Research", organizationId: null }));
    const category = await a.as((ctx) => createCategory(ctx, { name: "Servers", depreciationMonths: 48 }));
    const site = await a.as((ctx) => createLocation(ctx, { name: "Paris", kind: "site", parentId: null }));
    const bDept = await b.as((ctx) => createDepartment(ctx, { name: "Sales", organizationId: null }));

    expect(await b.as((ctx) => findByName(ctx.db, ctx.tenantId, "department", "Research"))).toBeNull();
    expect(await b.as((ctx) => listCategories(ctx.db, ctx.tenantId, { includeArchived: true }))).toEqual([]);
    expect(
      (await refusal(b.as((ctx) => setArchived(ctx, "categories", { id: category.id }, true)))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await refusal(b.as((ctx) => addAlias(ctx, "department", { entityId: dept.id, alias: "R and D" }))))
        .code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await refusal(
          b.as((ctx) =>
            mergeNamedEntities(ctx, "department", { survivorId: bDept.id, duplicateId: dept.id }),
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await refusal(b.as((ctx) => deleteLocation(ctx, { id: site.id })))).code).toBe("NOT_FOUND");
    expect(
      (
        await refusal(
          b.as((ctx) => createLocation(ctx, { name: "Wing", kind: "building", parentId: site.id })),
        )
      ).code,
    ).toBe("UNPROCESSABLE");
    expect(
      (
        await refusal(
          b.as((ctx) => assertSelectable(ctx.db, ctx.tenantId, "categories", category.id, "category")),
        )
      ).details,
    ).toMatchObject({ reason: "missing" });
    // B may use the same names: duplicates are per tenant.
    await b.as((ctx) => createDepartment(ctx, { name: "Research", organizationId: null }));
    expect(
      await a.as((ctx) => assertSelectable(ctx.db, ctx.tenantId, "categories", category.id, "category")),
    ).toMatchObject({
      name: "Servers",
    });
  });
});
