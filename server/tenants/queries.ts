import type { Executor } from "../db";
import { AppError } from "../errors";
import { type Currency, DEFAULT_CURRENCY, isCurrency } from "./currency";
import type { TenantSettings } from "./schemas";

/** The organization's name and currency, for its settings page. */
export async function tenantSettings(db: Executor, tenantId: string): Promise<TenantSettings> {
  const tenant = await db
    .selectFrom("tenants")
    .select(["name", "currency"])
    .where("id", "=", tenantId)
    .executeTakeFirst();
  if (!tenant) throw new AppError("NOT_FOUND", "Your organization no longer exists.");
  return { name: tenant.name, currency: isCurrency(tenant.currency) ? tenant.currency : DEFAULT_CURRENCY };
}

/** The currency every amount of the tenant is in (asset costs, book values, exports). */
export async function tenantCurrency(db: Executor, tenantId: string): Promise<Currency> {
  return (await tenantSettings(db, tenantId)).currency;
}
