/**
 * How a notification reads in a team chat: its title linking to the app, a short body, and a line
 * saying what kind of notification it is and whom it was for. Slack gets Block Kit with mrkdwn
 * (and plain `text` as the fallback its notifications show); Teams an Adaptive Card in the
 * envelope a Workflows webhook takes (server/notifications/channels/chat.ts sends them).
 */
export type ChatPost = {
  title: string;
  body: string;
  /** Absolute URL in the app. */
  link: string;
  /** "Equipment assigned to you · for Nia Okafor": what it is and whom it reached. */
  context: string;
};

/** Long enough for every notification body the app words; chat is a pointer to the app, not a copy. */
export const CHAT_BODY_MAX = 600;

const shorten = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** Slack's mrkdwn treats &, < and > as markup: escaped, a name like "R&D <lab>" reads as typed. */
export const slackEscape = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackPayload(post: ChatPost) {
  const title = shorten(post.title, 200);
  const body = shorten(post.body, CHAT_BODY_MAX);
  return {
    // Shown in Slack's notifications and by clients that do not render blocks.
    text: `${title}: ${body}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*<${post.link}|${slackEscape(title)}>*\n${slackEscape(body)}` },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: slackEscape(post.context) }] },
    ],
  };
}

export function teamsPayload(post: ChatPost) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              text: shorten(post.title, 200),
              weight: "Bolder",
              size: "Medium",
              wrap: true,
            },
            { type: "TextBlock", text: shorten(post.body, CHAT_BODY_MAX), wrap: true },
            { type: "TextBlock", text: post.context, isSubtle: true, size: "Small", wrap: true },
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open in Assetronics", url: post.link }],
        },
      },
    ],
  };
}

/** "for Nia Okafor", "for Ana Ruiz and Ben Ode", "for Ana Ruiz, Ben Ode and 3 others". */
export function forWhom(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `for ${names[0]}`;
  if (names.length === 2) return `for ${names[0]} and ${names[1]}`;
  const others = names.length - 2;
  return `for ${names[0]}, ${names[1]} and ${others} other${others === 1 ? "" : "s"}`;
}
