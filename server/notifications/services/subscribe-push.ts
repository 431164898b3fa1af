import type { UserScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { type Preferences, preferencesOf } from "../preferences";
import type { SubscribePushInput } from "../schemas";

/** How many browsers one person may get push in: enough for every device they use. */
export const MAX_PUSH_SUBSCRIPTIONS = 10;

/**
 * Records a browser's push subscription for the signed-in user. The same endpoint again (the page
 * re-subscribing after a reload, or the browser rotating its keys) updates it in place; an
 * endpoint another user of the tenant had (a shared computer) moves to this user.
 */
export async function subscribePush(scope: UserScope, input: SubscribePushInput): Promise<Preferences> {
  const existing = await scope.db
    .selectFrom("push_subscriptions")
    .select(["id", "endpoint"])
    .where("tenant_id", "=", scope.tenantId)
    .where("user_id", "=", scope.user.id)
    .execute();
  const known = existing.some((row) => row.endpoint === input.endpoint);
  if (!known && existing.length >= MAX_PUSH_SUBSCRIPTIONS) {
    throw new AppError(
      "CONFLICT",
      `Push is on in ${MAX_PUSH_SUBSCRIPTIONS} browsers already: turn it off in one you no longer use first.`,
    );
  }
  const values = {
    user_id: scope.user.id,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    label: input.label,
  };
  await scope.db
    .insertInto("push_subscriptions")
    .values({ tenant_id: scope.tenantId, endpoint: input.endpoint, ...values })
    .onConflict((oc) => oc.constraint("push_subscriptions_endpoint_key").doUpdateSet(values))
    .execute();
  if (!known) {
    await emit(scope, {
      name: "notification.push_subscribed",
      entityId: scope.user.id,
      data: { label: input.label },
    });
  }
  return preferencesOf(scope.db, scope.tenantId, scope.user);
}

/** Turns push off for one of the user's browsers, by id (the settings list) or endpoint (this browser). */
export async function unsubscribePush(
  scope: UserScope,
  input: { id?: string; endpoint?: string },
): Promise<Preferences> {
  if (!input.id && !input.endpoint)
    throw new AppError("BAD_REQUEST", "Say which browser to turn push off in.");
  let query = scope.db
    .deleteFrom("push_subscriptions")
    .where("tenant_id", "=", scope.tenantId)
    .where("user_id", "=", scope.user.id);
  if (input.id) query = query.where("id", "=", input.id);
  if (input.endpoint) query = query.where("endpoint", "=", input.endpoint);
  const removed = await query.returning("label").executeTakeFirst();
  if (removed) {
    await emit(scope, {
      name: "notification.push_unsubscribed",
      entityId: scope.user.id,
      data: { label: removed.label },
    });
  }
  return preferencesOf(scope.db, scope.tenantId, scope.user);
}
