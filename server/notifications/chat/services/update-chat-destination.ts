import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { urlProblem } from "../../../integrations/guarded-fetch";
import { chatSettingsOf, findChatDestination, nameTaken } from "../queries";
import type { UpdateChatDestinationInput } from "../schemas";
import { chatSecretHint, sealChatSecret } from "../secrets";

/**
 * An admin renames a destination, moves a bot to another channel, or replaces its webhook URL or
 * token (left out, the sealed one is kept). Its routes and past deliveries stay with it. A new
 * webhook URL is checked as on adding; the event lists what changed, the secret only as
 * replaced or kept (its hint neither: the audit log outlives the secret).
 */
export async function updateChatDestination(
  scope: TenantScope,
  options: { allowPrivateHosts: boolean },
  input: UpdateChatDestinationInput,
) {
  const row = await findChatDestination(scope.db, scope.tenantId, input.destinationId, true);
  if (row.kind !== input.kind) {
    throw new AppError(
      "BAD_REQUEST",
      "A destination keeps its kind; add a new destination for another kind and delete this one.",
    );
  }
  const secret = input.kind === "slack_bot" ? input.botToken : input.webhookUrl;
  if (secret && input.kind !== "slack_bot") {
    const problem = urlProblem(new URL(secret), options.allowPrivateHosts);
    if (problem) throw new AppError("BAD_REQUEST", problem, { field: "webhookUrl" });
  }
  const channel = input.kind === "slack_bot" ? input.channelId : null;
  const changes = changesBetween(
    { name: row.name, channelId: row.slack_channel },
    { name: input.name, channelId: channel },
  );
  if (!secret && Object.keys(changes).length === 0) return chatSettingsOf(scope.db, scope.tenantId);

  try {
    await scope.db
      .updateTable("chat_destinations")
      .set({
        name: input.name,
        slack_channel: channel,
        ...(secret
          ? {
              secret_sealed: sealChatSecret(scope.tenantId, row.id, secret),
              secret_hint: chatSecretHint(input.kind, secret),
            }
          : {}),
        updated_at: new Date(),
      })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", row.id)
      .execute();
  } catch (error) {
    throw nameTaken(error, input.name);
  }
  await emit(scope, {
    name: "notification.chat_destination_updated",
    entityId: row.id,
    data: { name: input.name, changes, secret: secret ? "replaced" : "kept" },
  });
  return chatSettingsOf(scope.db, scope.tenantId);
}
