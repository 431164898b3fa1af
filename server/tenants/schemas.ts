import { z } from "zod";
import { currencies } from "./currency";

/** What an organization's settings page shows and changes. */
export const TenantSettings = z.object({
  name: z.string(),
  currency: z.enum(currencies),
});
export type TenantSettings = z.infer<typeof TenantSettings>;

export const UpdateTenantSettingsInput = z.object({
  currency: z.enum(currencies, { error: "Choose a currency from the list" }),
});
export type UpdateTenantSettingsInput = z.infer<typeof UpdateTenantSettingsInput>;
