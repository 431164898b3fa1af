import { env } from "../../env";
import { guardedFetch } from "../../integrations/guarded-fetch";
import { IntegrationError } from "../../integrations/hris/adapter";
import { retryAfterMs, type SendOutcome } from "../mailer";
import { type ChatPost, slackPayload, teamsPayload } from "./chat-message";

/** Where a chat message goes, its secret opened (server/notifications/chat/secrets.ts). */
export type ChatTarget =
  | { kind: "slack_webhook"; url: string }
  | { kind: "slack_bot"; token: string; channel: string }
  | { kind: "teams_webhook"; url: string };

export type ChatTransport = { send(target: ChatTarget, post: ChatPost): Promise<SendOutcome> };

/**
 * Slack Web API error codes worth trying again: throttled, or Slack's own trouble. Every other code
 * (invalid_auth, channel_not_found, not_in_channel, missing_scope, token_revoked, msg_too_long, ...)
 * fails the same way until an admin fixes the destination.
 */
const SLACK_TRANSIENT = new Set([
  "ratelimited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

/** What an admin can do about a Slack error code, when there is something specific to do. */
const SLACK_ADVICE: Record<string, string> = {
  invalid_auth: "The bot token is not valid; paste a current xoxb- token.",
  token_revoked: "The bot token was revoked; paste a current xoxb- token.",
  account_inactive: "The bot's Slack app was removed or its token revoked; reinstall it.",
  channel_not_found: "Slack cannot find this channel; check the channel ID (or the webhook's channel).",
  not_in_channel: "The bot is not in this channel; invite it with /invite @your-bot.",
  missing_scope: "The bot token lacks the chat:write scope; add it and reinstall the app.",
  is_archived: "The channel is archived; unarchive it or choose another.",
  channel_is_archived: "The channel is archived; unarchive it or create a new webhook.",
  invalid_token: "Slack no longer accepts this webhook URL; create a new one.",
  no_service: "This webhook was turned off or removed in Slack; create a new one.",
  action_prohibited: "A Slack admin restricted posting to this channel.",
  posting_to_general_channel_denied: "Only Slack admins may post in this channel.",
};

const slackSentence = (code: string, status: number) =>
  `Slack ${code} (HTTP ${status})${SLACK_ADVICE[code] ? `: ${SLACK_ADVICE[code]}` : ""}`;

/**
 * Sorts an incoming webhook's answer: 200 with the plain-text body `ok` is the only success; an
 * error is a plain-text code with its status (400 invalid_payload, 403 invalid_token, 404
 * channel_not_found / no_service, 410 channel_is_archived). 429 and 5xx are retried, after
 * Retry-After when given; every other answer, a 200 with another body included, is permanent.
 */
export function classifySlackWebhook(status: number, body: string, retryAfter: string | null): SendOutcome {
  const text = body.trim();
  if (status === 200 && text === "ok") return { kind: "sent", providerMessageId: "slack-webhook" };
  const code = text.slice(0, 100) || "no_answer";
  const error = slackSentence(code, status);
  if (status === 429 || status >= 500) {
    return { kind: "transient", error, retryAfterMs: retryAfterMs(retryAfter) };
  }
  return { kind: "permanent", error, bounced: false };
}

type SlackApiAnswer = { ok?: boolean; error?: string; ts?: string; channel?: string };

/**
 * Sorts chat.postMessage's answer. Slack reports failures as HTTP 200 with `{"ok": false, "error"}`
 * (not as a status), so `ok` decides, not the status; only throttling comes as HTTP 429 with
 * Retry-After (and `ratelimited`), which is retried, as are Slack's own internal errors and 5xx.
 */
export function classifySlackApi(
  status: number,
  body: SlackApiAnswer | null,
  retryAfter: string | null,
): SendOutcome {
  if (status === 200 && body?.ok === true) {
    return { kind: "sent", providerMessageId: `${body.channel ?? "slack"}/${body.ts ?? "?"}` };
  }
  const code = body?.error ?? (status === 429 ? "ratelimited" : "unreadable_answer");
  const error = slackSentence(code, status);
  if (status === 429 || status >= 500 || SLACK_TRANSIENT.has(code)) {
    return { kind: "transient", error, retryAfterMs: retryAfterMs(retryAfter) };
  }
  return { kind: "permanent", error, bounced: false };
}

/**
 * Sorts a Teams Workflows webhook's answer: any 2xx is taken (Workflows answer 202 Accepted, the
 * retired connectors 200). More than 4 requests a second are throttled with 429, which is
 * retried like 5xx; any other 4xx (a removed flow, a broken signature, a card it refuses) is not.
 */
export function classifyTeams(status: number, body: string, retryAfter: string | null): SendOutcome {
  if (status >= 200 && status < 300) return { kind: "sent", providerMessageId: `teams-${status}` };
  const detail = body.trim().slice(0, 200) || "no message";
  const error = `Teams webhook (HTTP ${status}): ${detail}`;
  if (status === 429 || status >= 500) {
    return { kind: "transient", error, retryAfterMs: retryAfterMs(retryAfter) };
  }
  const advice =
    status === 401 || status === 403 || status === 404
      ? " The flow may have been turned off or deleted, or its URL changed; paste the current one."
      : "";
  return { kind: "permanent", error: `${error}.${advice}`, bounced: false };
}

/**
 * Posts to Slack and Teams. Webhook URLs are typed by admins, so every request goes through the
 * integrations' SSRF guard (no private hosts unless INTEGRATIONS_ALLOW_PRIVATE_HOSTS); a URL the
 * guard refuses fails for good, no answer at all is retried.
 */
export function httpChatTransport(options: { slackApiBaseUrl: string; fetch: typeof fetch }): ChatTransport {
  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) =>
    options.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  const call = async (name: string, attempt: () => Promise<SendOutcome>): Promise<SendOutcome> => {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof IntegrationError) {
        return { kind: "permanent", error: `${name} refused: ${error.message}`, bounced: false };
      }
      return {
        kind: "transient",
        error: `${name} did not answer: ${(error as Error).message}`,
        retryAfterMs: null,
      };
    }
  };
  return {
    send(target, message) {
      if (target.kind === "slack_webhook") {
        return call("Slack", async () => {
          const response = await post(target.url, slackPayload(message));
          const text = await response.text().catch(() => "");
          return classifySlackWebhook(response.status, text, response.headers.get("retry-after"));
        });
      }
      if (target.kind === "slack_bot") {
        return call("Slack", async () => {
          const url = `${options.slackApiBaseUrl.replace(/\/$/, "")}/chat.postMessage`;
          const response = await post(
            url,
            { channel: target.channel, ...slackPayload(message) },
            { authorization: `Bearer ${target.token}` },
          );
          const body = (await response.json().catch(() => null)) as SlackApiAnswer | null;
          return classifySlackApi(response.status, body, response.headers.get("retry-after"));
        });
      }
      return call("Teams", async () => {
        const response = await post(target.url, teamsPayload(message));
        const text = await response.text().catch(() => "");
        return classifyTeams(response.status, text, response.headers.get("retry-after"));
      });
    },
  };
}

let configured: ChatTransport | undefined;

/** The deployment's chat transport: Slack's API at SLACK_API_BASE_URL, everything guarded. */
export function chatTransport(): ChatTransport {
  configured ??= httpChatTransport({
    slackApiBaseUrl: env.SLACK_API_BASE_URL,
    fetch: guardedFetch({ allowPrivateHosts: env.INTEGRATIONS_ALLOW_PRIVATE_HOSTS }),
  });
  return configured;
}
