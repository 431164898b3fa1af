import { provisionWorkflowTemplates } from "@/server/workflows/services/provision-workflow-templates";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/** tenant.created -> the new organization gets the default workflow template of every kind. */
export const provisionWorkflowTemplatesFunction = tenantFunction(
  {
    id: "provision-workflow-templates",
    name: "Provision workflow templates",
    event: "tenant.created",
    retries: 5,
  },
  async ({ step, inTenant }) =>
    step.run("create-default-templates", () => inTenant((scope) => provisionWorkflowTemplates(scope))),
);

export const provisionWorkflowTemplatesFn = createTenantFunction(inngest, provisionWorkflowTemplatesFunction);
