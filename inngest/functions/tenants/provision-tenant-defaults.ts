import { provisionTenantDefaults } from "@/server/reference/services/provision-tenant-defaults";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/** tenant.created -> the new organization gets its starter location, department and categories. */
export const provisionTenantDefaultsFunction = tenantFunction(
  { id: "provision-tenant-defaults", name: "Provision tenant defaults", event: "tenant.created", retries: 5 },
  async ({ step, inTenant }) =>
    step.run("create-starter-reference-data", () => inTenant((scope) => provisionTenantDefaults(scope))),
);

export const provisionTenantDefaultsFn = createTenantFunction(inngest, provisionTenantDefaultsFunction);
