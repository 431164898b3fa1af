import { z } from "zod";
import { id, safeString, text } from "../../schemas/primitives";
import { type NotificationType, notificationTypes } from "../types";

export const chatKinds = ["slack_webhook", "slack_bot", "teams_webhook"] as const;

/**
 * The types an admin may route to a team channel: all but a person's own account security ("someone
 * tried to sign up with your email" tells its owner, not a channel, that their address was tried).
 */
export const chatRoutableTypes = notificationTypes.filter(
  (type): type is Exclude<NotificationType, "sign_up_attempted_existing"> =>
    type !== "sign_up_attempted_existing",
);
export type ChatRoutableType = (typeof chatRoutableTypes)[number];
const routableType = z.enum(chatRoutableTypes as [ChatRoutableType, ...ChatRoutableType[]], {
  error: "This notification cannot be sent to a team chat",
});

/** The longest value of each field of a destination (the form states them where the admin types). */
export const chatFieldLimits = { name: 80, webhookUrl: 2_000, botToken: 300, channelId: 21 } as const;

const name = text({ max: chatFieldLimits.name });

const webhookUrl = (example: string) =>
  safeString()
    .trim()
    .max(chatFieldLimits.webhookUrl)
    .pipe(z.url({ protocol: /^https?$/, error: `Paste the webhook URL, like ${example}` }));

/** The URL's parts, or null for text that is not one (a refinement may see it when the URL check failed). */
const urlOf = (value: string) => (URL.canParse(value) ? new URL(value) : null);

const slackWebhookUrl = webhookUrl("https://hooks.slack.com/services/T…/B…/…").refine(
  (value) => urlOf(value)?.pathname.startsWith("/services/") ?? false,
  "A Slack incoming webhook URL has a path starting /services/ (Slack app -> Incoming Webhooks)",
);

/**
 * Teams' Office 365 connector webhooks (…webhook.office.com/webhookb2/…) are retired; a Workflows
 * webhook ("Post to a channel when a webhook request is received") replaces them.
 */
const teamsWebhookUrl = webhookUrl("https://….logic.azure.com/workflows/…").refine(
  (value) => !/(^|\.)webhook\.office\.com$/i.test(urlOf(value)?.hostname ?? ""),
  "Office 365 connector webhooks are retired; create a Workflows webhook in Teams and paste its URL",
);

const botToken = safeString()
  .trim()
  .max(chatFieldLimits.botToken)
  .regex(/^xoxb-[A-Za-z0-9-]{10,}$/, "Paste the bot token, which starts with xoxb-");

const channelId = safeString()
  .trim()
  .max(chatFieldLimits.channelId)
  .regex(
    /^[CG][A-Z0-9]{6,20}$/,
    "Use the channel ID (like C0123456789: channel details -> About), not its name",
  );

export const CreateChatDestinationInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("slack_webhook"), name, webhookUrl: slackWebhookUrl }),
  z.object({ kind: z.literal("slack_bot"), name, botToken, channelId }),
  z.object({ kind: z.literal("teams_webhook"), name, webhookUrl: teamsWebhookUrl }),
]);
export type CreateChatDestinationInput = z.infer<typeof CreateChatDestinationInput>;

/**
 * Edits a destination: its name, a bot's channel, and its webhook URL or token, which is replaced
 * when given and kept when left out (the page never has it to send back). The kind stays: another
 * kind is another destination. `kind` names the one being edited, so each secret is checked as
 * its kind needs.
 */
export const UpdateChatDestinationInput = z.discriminatedUnion("kind", [
  z.object({
    destinationId: id(),
    kind: z.literal("slack_webhook"),
    name,
    webhookUrl: slackWebhookUrl.optional(),
  }),
  z.object({
    destinationId: id(),
    kind: z.literal("slack_bot"),
    name,
    botToken: botToken.optional(),
    channelId,
  }),
  z.object({
    destinationId: id(),
    kind: z.literal("teams_webhook"),
    name,
    webhookUrl: teamsWebhookUrl.optional(),
  }),
]);
export type UpdateChatDestinationInput = z.infer<typeof UpdateChatDestinationInput>;

export const ChatDestinationIdInput = z.object({ destinationId: id() });
export const SetChatDestinationEnabledInput = z.object({ destinationId: id(), enabled: z.boolean() });
export type SetChatDestinationEnabledInput = z.infer<typeof SetChatDestinationEnabledInput>;

export const SetChatRouteInput = z.object({ destinationId: id(), type: routableType, routed: z.boolean() });
export type SetChatRouteInput = z.infer<typeof SetChatRouteInput>;

export const ChatDestination = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(chatKinds),
  /** The secret's hint ("hooks.slack.com/…/x9Qz"); the secret itself never leaves the server. */
  hint: z.string(),
  channelId: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.date(),
});

export const ChatSettings = z.object({
  destinations: z.array(ChatDestination),
  types: z.array(z.object({ type: z.enum(chatRoutableTypes), label: z.string() })),
  routes: z.array(z.object({ destinationId: z.string(), type: z.enum(chatRoutableTypes) })),
});
export type ChatSettings = z.infer<typeof ChatSettings>;

export const ChatTestResult = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), detail: z.string() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type ChatTestResult = z.infer<typeof ChatTestResult>;
