import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { type Db, withPlatform } from "@/server/db";
import { defaultTemplates, supersededDefaultSteps } from "@/server/workflows/default-templates";
import { refreshDefaultTemplatesOfEveryTenant } from "@/server/workflows/services/provision-workflow-templates";
import { callerFor } from "../factories/isolation";
import { createWorkflowTenant } from "../factories/workflows";
import { useTestDatabase } from "../support/database";

/**
 * Defaults improve (the offboarding's step per held licence came after many organizations were
 * made): at each start, an organization whose default template still has an earlier default's
 * steps gets today's as its next version; one whose admin edited it keeps theirs.
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
}, 60_000);
afterAll(() => handle?.close());

const earlierOffboarding = supersededDefaultSteps.offboarding?.[0] ?? [];
const todaysOffboarding = defaultTemplates.find((template) => template.kind === "offboarding")?.steps ?? [];

/** Makes the tenant's default offboarding what it was when the tenant was made long ago. */
async function offboardingStepsAre(tenantId: string, steps: unknown[]) {
  await withPlatform(db, (trx) =>
    trx
      .updateTable("workflow_template_versions")
      .set({ steps: JSON.stringify(steps) })
      .where("tenant_id", "=", tenantId)
      .where("template_id", "in", (eb) =>
        eb
          .selectFrom("workflow_templates")
          .select("id")
          .where("tenant_id", "=", tenantId)
          .where("kind", "=", "offboarding")
          .where("is_default", "=", true),
      )
      .execute(),
  );
}

async function offboardingOf(admin: Parameters<typeof callerFor>[0]) {
  const templates = await callerFor(admin).workflows.templates();
  const found = templates.find((template) => template.kind === "offboarding" && template.isDefault);
  if (!found) throw new Error("no default offboarding");
  return found;
}

describe("default templates kept current", () => {
  it("gives an untouched earlier default today's steps as a new version, audited; leaves an edited one and a current one alone; a second start changes nothing", async () => {
    const untouched = await createWorkflowTenant(db);
    await offboardingStepsAre(untouched.tenant.id, earlierOffboarding);
    const edited = await createWorkflowTenant(db);
    const editedSteps = earlierOffboarding.map((step, index) =>
      index === 1 ? { ...step, title: "Close every account in the IdP" } : step,
    );
    await offboardingStepsAre(edited.tenant.id, editedSteps);
    const current = await createWorkflowTenant(db);

    expect(await refreshDefaultTemplatesOfEveryTenant(db)).toEqual({ tenants: 3, refreshed: 1 });

    const refreshed = await offboardingOf(untouched.admin);
    expect(refreshed.version).toBe(2);
    expect(refreshed.steps.map((step) => step.title)).toEqual(todaysOffboarding.map((step) => step.title));
    expect(refreshed.steps[1]).toMatchObject({ perHeldLicense: true, action: { type: "revoke_license" } });
    const [event] = await withPlatform(db, (trx) =>
      trx
        .selectFrom("events")
        .select(["actor_type", "actor_label", "data"])
        .where("tenant_id", "=", untouched.tenant.id)
        .where("name", "=", "workflow_template.updated")
        .execute(),
    );
    expect(event).toMatchObject({
      actor_type: "system",
      actor_label: "Automation: Keep default templates current",
      data: { kind: "offboarding", version: 2, steps: todaysOffboarding.length },
    });

    const kept = await offboardingOf(edited.admin);
    expect(kept.version).toBe(1);
    expect(kept.steps.map((step) => step.title)).toContain("Close every account in the IdP");
    expect((await offboardingOf(current.admin)).version).toBe(1);

    expect(await refreshDefaultTemplatesOfEveryTenant(db)).toEqual({ tenants: 3, refreshed: 0 });
    expect((await offboardingOf(untouched.admin)).version).toBe(2);
  });
});
