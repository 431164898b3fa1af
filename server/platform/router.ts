import { z } from "zod";
import { env } from "../env";
import { platformProcedure, router } from "../trpc";
import { failingIntegrations, listTenants } from "./queries";
import { CreateTenantInput, FailingIntegration, TenantIdInput, TenantListItem } from "./schemas";
import { createCustomerTenant } from "./services/create-customer-tenant";
import { setTenantStatus } from "./services/set-tenant-status";

export const platformRouter = router({
  tenants: platformProcedure.output(z.array(TenantListItem)).query(({ ctx }) => listTenants(ctx.db)),
  failingIntegrations: platformProcedure
    .output(z.array(FailingIntegration))
    .query(({ ctx }) => failingIntegrations(ctx.db)),
  createTenant: platformProcedure
    .input(CreateTenantInput)
    .output(z.object({ id: z.string(), slug: z.string(), inviteLink: z.string() }))
    .mutation(({ ctx, input }) => createCustomerTenant(ctx, input, env.APP_URL)),
  suspendTenant: platformProcedure
    .input(TenantIdInput)
    .mutation(({ ctx, input }) => setTenantStatus(ctx, { tenantId: input.tenantId, status: "suspended" })),
  reactivateTenant: platformProcedure
    .input(TenantIdInput)
    .mutation(({ ctx, input }) => setTenantStatus(ctx, { tenantId: input.tenantId, status: "active" })),
});
