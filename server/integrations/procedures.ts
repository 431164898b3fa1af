import { type InTenant, tenantUserOf, userActor, userScopeOf } from "../context";
import { getDb, withTenant } from "../db";
import type { TenantRole } from "../roles";
import { authedProcedure } from "../trpc";

/**
 * A tenant procedure that holds no transaction: for calls to a provider (Test connection), which
 * must not keep a database connection open while an outside service answers (on PGlite that would
 * stall every other request). The body reads and writes through `ctx.inTenant`, each call one short
 * RLS transaction acting as the user. Access is declared like tenantProcedure's, so the role
 * matrix reads it.
 */
export const tenantProcedureWithoutTransaction = (roles: readonly TenantRole[]) =>
  authedProcedure.meta({ access: roles }).use(({ ctx, next }) => {
    const user = tenantUserOf(ctx.user);
    const inTenant: InTenant = async (work) =>
      withTenant(await getDb(), user.tenantId, (trx) => work(userScopeOf(trx, user, ctx.requestId)));
    return next({ ctx: { tenantId: user.tenantId, user, actor: userActor(user), inTenant } });
  });
