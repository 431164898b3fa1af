import { actingUserId, type TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { newEnrollmentToken } from "../credentials";
import { installCommand } from "../install";
import { CreateEnrollmentTokenInput } from "../schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

/** An enrollment token for install scripts: shown once (with its install command), stored hashed. */
export async function createEnrollmentToken(scope: TenantScope, raw: CreateEnrollmentTokenInput) {
  const input = CreateEnrollmentTokenInput.parse(raw);
  const { token, hash, prefix } = newEnrollmentToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
  const row = await scope.db
    .insertInto("agent_enrollment_tokens")
    .values({
      tenant_id: scope.tenantId,
      name: input.name,
      token_hash: hash,
      token_prefix: prefix,
      expires_at: expiresAt,
      created_by: actingUserId(scope.actor),
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "agent.token_created",
    entityId: row.id,
    data: { name: input.name, prefix, expiresAt: expiresAt.toISOString() },
  });
  return { id: row.id, name: input.name, token, installCommand: installCommand(token), expiresAt };
}
