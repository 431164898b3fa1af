import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";

/** Stops a token from enrolling more devices; devices it enrolled keep working. */
export async function revokeEnrollmentToken(scope: TenantScope, tokenId: string) {
  const token = await scope.db
    .selectFrom("agent_enrollment_tokens")
    .select(["id", "name", "token_prefix", "revoked_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", tokenId)
    .forUpdate()
    .executeTakeFirst();
  if (!token) throw new AppError("NOT_FOUND", "This enrollment token does not exist.");
  if (token.revoked_at) return { id: token.id, revokedAt: token.revoked_at };
  const row = await scope.db
    .updateTable("agent_enrollment_tokens")
    .set({ revoked_at: sql`now()` })
    .where("id", "=", token.id)
    .returning(["id", "revoked_at"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "agent.token_revoked",
    entityId: token.id,
    data: { name: token.name, prefix: token.token_prefix },
  });
  return { id: row.id, revokedAt: row.revoked_at };
}
