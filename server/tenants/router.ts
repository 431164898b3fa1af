import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { tenantSettings } from "./queries";
import { TenantSettings, UpdateTenantSettingsInput } from "./schemas";
import { updateTenantSettings } from "./services/update-tenant-settings";

export const tenantsRouter = router({
  /** The organization's name and currency: every screen that shows an amount reads the currency. */
  settings: tenantProcedure(can.readTenant)
    .output(TenantSettings)
    .query(({ ctx }) => tenantSettings(ctx.db, ctx.tenantId)),
  updateSettings: tenantProcedure(can.manageTenant)
    .input(UpdateTenantSettingsInput)
    .output(TenantSettings)
    .mutation(({ ctx, input }) => updateTenantSettings(ctx, input)),
});
