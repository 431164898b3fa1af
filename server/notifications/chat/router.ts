import { z } from "zod";
import { env } from "../../env";
import { tenantProcedureWithoutTransaction } from "../../integrations/procedures";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { chatTransport } from "../channels/chat";
import { chatSettingsOf } from "./queries";
import {
  ChatDestinationIdInput,
  ChatSettings,
  ChatTestResult,
  CreateChatDestinationInput,
  SetChatDestinationEnabledInput,
  SetChatRouteInput,
  UpdateChatDestinationInput,
} from "./schemas";
import { addChatDestination } from "./services/add-chat-destination";
import { removeChatDestination } from "./services/remove-chat-destination";
import { sendChatTest } from "./services/send-chat-test";
import { setChatDestinationEnabled } from "./services/set-chat-destination-enabled";
import { setChatRoute } from "./services/set-chat-route";
import { updateChatDestination } from "./services/update-chat-destination";

const admin = tenantProcedure(can.manageTenant);

/** Team chat (Slack, Microsoft Teams): the tenant's destinations and its routing table, admins only. */
export const chatRouter = router({
  settings: admin.output(ChatSettings).query(({ ctx }) => chatSettingsOf(ctx.db, ctx.tenantId)),
  add: admin
    .input(CreateChatDestinationInput)
    .output(z.object({ id: z.string(), settings: ChatSettings }))
    .mutation(({ ctx, input }) =>
      addChatDestination(ctx, { allowPrivateHosts: env.INTEGRATIONS_ALLOW_PRIVATE_HOSTS }, input),
    ),
  update: admin
    .input(UpdateChatDestinationInput)
    .output(ChatSettings)
    .mutation(({ ctx, input }) =>
      updateChatDestination(ctx, { allowPrivateHosts: env.INTEGRATIONS_ALLOW_PRIVATE_HOSTS }, input),
    ),
  setEnabled: admin
    .input(SetChatDestinationEnabledInput)
    .output(ChatSettings)
    .mutation(({ ctx, input }) => setChatDestinationEnabled(ctx, input)),
  remove: admin
    .input(ChatDestinationIdInput)
    .output(ChatSettings)
    .mutation(({ ctx, input }) => removeChatDestination(ctx, input.destinationId)),
  setRoute: admin
    .input(SetChatRouteInput)
    .output(ChatSettings)
    .mutation(({ ctx, input }) => setChatRoute(ctx, input)),
  /** Posts to Slack or Teams, so it holds no transaction while waiting for them. */
  sendTest: tenantProcedureWithoutTransaction(can.manageTenant)
    .input(ChatDestinationIdInput)
    .output(ChatTestResult)
    .mutation(({ ctx, input }) => sendChatTest(ctx.inTenant, chatTransport(), input.destinationId)),
});
