import { randomUUID } from "node:crypto";
import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { urlProblem } from "../../../integrations/guarded-fetch";
import { chatSettingsOf, nameTaken } from "../queries";
import type { CreateChatDestinationInput } from "../schemas";
import { chatSecretHint, sealChatSecret } from "../secrets";

/**
 * An admin adds a Slack or Teams destination. A webhook URL is checked like an integration's base
 * URL (https to a public host unless private hosts are allowed), so a mistyped internal address is
 * refused on the form rather than when the first notification fails. The id is chosen first
 * because the secret is sealed bound to it; the event names the kind, never the URL or token.
 */
export async function addChatDestination(
  scope: TenantScope,
  options: { allowPrivateHosts: boolean },
  input: CreateChatDestinationInput,
) {
  const secret = input.kind === "slack_bot" ? input.botToken : input.webhookUrl;
  if (input.kind !== "slack_bot") {
    const problem = urlProblem(new URL(input.webhookUrl), options.allowPrivateHosts);
    if (problem) throw new AppError("BAD_REQUEST", problem, { field: "webhookUrl" });
  }
  const id = randomUUID();
  try {
    await scope.db
      .insertInto("chat_destinations")
      .values({
        id,
        tenant_id: scope.tenantId,
        name: input.name,
        kind: input.kind,
        secret_sealed: sealChatSecret(scope.tenantId, id, secret),
        secret_hint: chatSecretHint(input.kind, secret),
        slack_channel: input.kind === "slack_bot" ? input.channelId : null,
      })
      .execute();
  } catch (error) {
    throw nameTaken(error, input.name);
  }
  await emit(scope, {
    name: "notification.chat_destination_added",
    entityId: id,
    data: { name: input.name, kind: input.kind },
  });
  return { id, settings: await chatSettingsOf(scope.db, scope.tenantId) };
}
