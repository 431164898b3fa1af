import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { assertNotLastAdmin, lockOtherMember } from "./load-member";

/** Deactivates a member: they cannot sign in, and their open sessions end for good on the next request. */
export async function deactivateUser(scope: TenantScope, input: { userId: string }) {
  const user = await lockOtherMember(scope, input.userId, "deactivate");
  if (user.status === "deactivated") return { id: user.id, status: "deactivated" as const };
  await assertNotLastAdmin(scope, user);

  await scope.db
    .updateTable("users")
    // A new session version: cookies from before stay dead even after a reactivation.
    .set({ status: "deactivated", deactivated_at: new Date(), session_version: sql`session_version + 1` })
    .where("id", "=", user.id)
    .execute();
  await emit(scope, {
    name: "user.deactivated",
    entityId: user.id,
    data: { email: user.email },
  });
  return { id: user.id, status: "deactivated" as const };
}

export async function reactivateUser(scope: TenantScope, input: { userId: string }) {
  const user = await lockOtherMember(scope, input.userId, "reactivate");
  if (user.status === "active") return { id: user.id, status: "active" as const };

  await scope.db
    .updateTable("users")
    .set({ status: "active", deactivated_at: null })
    .where("id", "=", user.id)
    .execute();
  await emit(scope, {
    name: "user.reactivated",
    entityId: user.id,
    data: { email: user.email },
  });
  return { id: user.id, status: "active" as const };
}
