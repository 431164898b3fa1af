import { describe, expect, it } from "vitest";
import { classifySlackApi, classifySlackWebhook, classifyTeams } from "./chat";
import { forWhom, slackEscape, slackPayload, teamsPayload } from "./chat-message";

describe("Slack incoming webhook answers", () => {
  it("takes only 200 with the body ok", () => {
    expect(classifySlackWebhook(200, "ok", null)).toEqual({
      kind: "sent",
      providerMessageId: "slack-webhook",
    });
    expect(classifySlackWebhook(200, "invalid_payload", null)).toMatchObject({ kind: "permanent" });
  });

  it("fails for good on its plain-text 4xx codes, saying what to do", () => {
    expect(classifySlackWebhook(404, "no_service", null)).toEqual({
      kind: "permanent",
      error:
        "Slack no_service (HTTP 404): This webhook was turned off or removed in Slack; create a new one.",
      bounced: false,
    });
    expect(classifySlackWebhook(410, "channel_is_archived", null)).toMatchObject({ kind: "permanent" });
  });

  it("retries 429 after Retry-After, and 5xx", () => {
    expect(classifySlackWebhook(429, "rate_limited", "3")).toMatchObject({
      kind: "transient",
      retryAfterMs: 3000,
    });
    expect(classifySlackWebhook(503, "", null)).toMatchObject({ kind: "transient", retryAfterMs: null });
  });
});

describe("Slack Web API answers", () => {
  it("reads ok, not the status: 200 with ok false is a failure", () => {
    expect(classifySlackApi(200, { ok: true, channel: "C1", ts: "1.2" }, null)).toEqual({
      kind: "sent",
      providerMessageId: "C1/1.2",
    });
    expect(classifySlackApi(200, { ok: false, error: "channel_not_found" }, null)).toMatchObject({
      kind: "permanent",
      error: expect.stringContaining("channel_not_found"),
    });
    expect(classifySlackApi(200, { ok: false, error: "invalid_auth" }, null)).toMatchObject({
      kind: "permanent",
    });
  });

  it("retries ratelimited (429 with Retry-After, or in the body) and Slack's own errors", () => {
    expect(classifySlackApi(429, { ok: false, error: "ratelimited" }, "30")).toMatchObject({
      kind: "transient",
      retryAfterMs: 30_000,
    });
    expect(classifySlackApi(200, { ok: false, error: "ratelimited" }, null)).toMatchObject({
      kind: "transient",
    });
    expect(classifySlackApi(200, { ok: false, error: "internal_error" }, null)).toMatchObject({
      kind: "transient",
    });
    expect(classifySlackApi(502, null, null)).toMatchObject({ kind: "transient" });
  });
});

describe("Teams Workflows webhook answers", () => {
  it("takes any 2xx, retries 429 and 5xx, fails other 4xx for good", () => {
    expect(classifyTeams(202, "", null)).toMatchObject({ kind: "sent" });
    expect(classifyTeams(429, "", "2")).toMatchObject({ kind: "transient", retryAfterMs: 2000 });
    expect(classifyTeams(500, "", null)).toMatchObject({ kind: "transient" });
    expect(classifyTeams(404, '{"error":{"code":"WorkflowNotFound"}}', null)).toMatchObject({
      kind: "permanent",
      error: expect.stringContaining("paste the current one"),
    });
  });
});

describe("chat messages", () => {
  const post = {
    title: "LAP-1 R&D <Mac> is assigned to you",
    body: "x".repeat(2000),
    link: "https://app.example.test/assets/1",
    context: "Equipment assigned to you · for Nia Okafor",
  };

  it("links the title to the app in Slack mrkdwn, escaped, with a plain-text fallback", () => {
    const payload = slackPayload(post);
    expect(payload.text.startsWith("LAP-1 R&D <Mac> is assigned to you: x")).toBe(true);
    expect(payload.blocks[0]).toMatchObject({
      type: "section",
      text: {
        type: "mrkdwn",
        text: expect.stringMatching(/^\*<https:\/\/app\.example\.test\/assets\/1\|LAP-1 R&amp;D &lt;Mac&gt;/),
      },
    });
    expect(JSON.stringify(payload).length).toBeLessThan(2_000);
    expect(slackEscape("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
  });

  it("wraps an Adaptive Card in the envelope Teams Workflows take, with a button to the app", () => {
    const payload = teamsPayload(post);
    expect(payload.type).toBe("message");
    expect(payload.attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(payload.attachments[0]?.content.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open in Assetronics", url: post.link },
    ]);
  });

  it("names whom it was for", () => {
    expect(forWhom([])).toBeNull();
    expect(forWhom(["Ana"])).toBe("for Ana");
    expect(forWhom(["Ana", "Ben"])).toBe("for Ana and Ben");
    expect(forWhom(["Ana", "Ben", "Cy"])).toBe("for Ana, Ben and 1 other");
    expect(forWhom(["Ana", "Ben", "Cy", "Di"])).toBe("for Ana, Ben and 2 others");
  });
});
