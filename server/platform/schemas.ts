import { z } from "zod";
import { Email } from "../accounts/schemas";
import { NAME_MAX, name } from "../schemas/primitives";

export const CreateTenantInput = z.object({
  name: name({ min: 2, max: NAME_MAX, minMessage: "Enter the organization's name" }),
  adminEmail: Email,
});
export type CreateTenantInput = z.infer<typeof CreateTenantInput>;

export const TenantIdInput = z.object({ tenantId: z.uuid() });

export const TenantListItem = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  status: z.enum(["active", "suspended"]),
  users: z.number(),
  createdAt: z.date(),
});
export type TenantListItem = z.infer<typeof TenantListItem>;

/** An integration whose latest sync failed: the platform operator's view across tenants. */
export const FailingIntegration = z.object({
  tenantId: z.string(),
  tenantName: z.string(),
  integrationId: z.string(),
  integrationName: z.string(),
  provider: z.string(),
  error: z.string(),
  failedAt: z.date(),
});
export type FailingIntegration = z.infer<typeof FailingIntegration>;
