import type { GetFunctionInput } from "inngest";
import { getDb, withTenant } from "@/server/db";
import { provisionTenantDefaults } from "@/server/reference/services/provision-tenant-defaults";
import { inngest } from "../../client";
import { systemActor } from "../../events";
import { envelopeOf } from "../envelope";

export const provisionTenantDefaultsConfig = {
  id: "provision-tenant-defaults",
  name: "Provision tenant defaults",
  triggers: [{ event: "tenant.created" }],
  retries: 5 as const,
};

/** tenant.created -> the new organization gets its starter location, department and categories. */
export async function provisionTenantDefaultsHandler({ event, step }: GetFunctionInput<typeof inngest>) {
  const { tenantId } = envelopeOf({ data: event.data });
  return step.run("create-starter-reference-data", async () =>
    withTenant(await getDb(), tenantId, (trx) =>
      provisionTenantDefaults(trx, tenantId, systemActor("Tenant setup")),
    ),
  );
}

export const provisionTenantDefaultsFn = inngest.createFunction(
  provisionTenantDefaultsConfig,
  provisionTenantDefaultsHandler,
);
