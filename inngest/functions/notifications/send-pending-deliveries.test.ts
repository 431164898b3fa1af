import { RetryAfterError } from "inngest";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { InTenant } from "@/server/context";
import type { PendingDelivery } from "@/server/notifications/services/notify";
import type { Transports } from "@/server/notifications/services/send-delivery";

// The sending itself is tested against the fakes (notifications.int, mailer.test); here only what
// this module decides: the order deliveries go in, and when a step gives up instead of retrying.
const sent: string[] = [];
const failed: { ids: string | readonly string[]; reason: string }[] = [];
let emailOutcome: "sent" | "transient" = "sent";
let deliveryOutcome: "sent" | "transient" = "sent";

vi.mock("@/server/notifications/services/send-delivery", () => ({
  sendDelivery: async (_inTenant: InTenant, _transports: Transports, deliveryId: string) => {
    sent.push(deliveryId);
    return deliveryOutcome === "sent"
      ? { result: "sent", outcome: { kind: "sent" } }
      : {
          result: "queued",
          outcome: { kind: "transient", error: "429 Too Many Requests", retryAfterMs: 2_000 },
        };
  },
  sendEmails: async (_inTenant: InTenant, _transports: Transports, ids: readonly string[]) => {
    sent.push(`batch:${ids.join(",")}`);
    return ids.map((deliveryId) => ({
      deliveryId,
      outcome:
        emailOutcome === "sent"
          ? { kind: "sent" }
          : { kind: "transient", error: "503 Service Unavailable", retryAfterMs: null },
    }));
  },
}));
vi.mock("@/server/notifications/services/retry-delivery", () => ({
  failDelivery: async (_scope: unknown, ids: string | readonly string[], reason: string) => {
    failed.push({ ids, reason });
  },
}));

const { sendPendingDeliveries, sendDeliveryStep, sendEmailsStep } = await import("./send-pending-deliveries");

/** Step tools that run each step at once and write down what the run did, in order. */
function recordingStep() {
  const log: string[] = [];
  const step = {
    run: async (id: string, fn: () => Promise<unknown>) => {
      log.push(`run ${id}`);
      return fn();
    },
    sleepUntil: async (id: string, until: string) => {
      log.push(`sleep ${id} until ${until}`);
    },
  };
  return { log, step: step as unknown as Parameters<typeof sendPendingDeliveries>[0] };
}

const inTenant: InTenant = (work) => work({} as Parameters<Parameters<InTenant>[0]>[0]);
const transports = {} as Transports;
const delivery = (deliveryId: string, channel: PendingDelivery["channel"], sendAt: string | null = null) => ({
  deliveryId,
  channel,
  sendAt,
});

beforeEach(() => {
  sent.length = 0;
  failed.length = 0;
  emailOutcome = "sent";
  deliveryOutcome = "sent";
});

describe("sendPendingDeliveries", () => {
  it("sends what is due now first, then each deferred delivery in the order it falls due", async () => {
    const { log, step } = recordingStep();
    await sendPendingDeliveries(step, inTenant, transports, [
      { notificationId: "n1", deliveries: [delivery("late", "email", "2026-12-07T09:00:00.000Z")] },
      { notificationId: "n2", deliveries: [delivery("now", "sms")] },
      { notificationId: "n3", deliveries: [delivery("early", "push", "2026-12-07T06:30:00.000Z")] },
    ]);
    expect(sent).toEqual(["now", "early", "late"]);
    expect(log).toEqual([
      "run send-sms-now",
      "sleep quiet-hours-early until 2026-12-07T06:30:00.000Z",
      "run send-push-early",
      "sleep quiet-hours-late until 2026-12-07T09:00:00.000Z",
      "run send-email-late",
    ]);
  });

  it("sends the emails due now together in one step, and a delivery shared by recipients once", async () => {
    const { log, step } = recordingStep();
    const chat = delivery("chat", "chat");
    await sendPendingDeliveries(step, inTenant, transports, [
      { notificationId: "n1", deliveries: [delivery("e1", "email"), chat] },
      { notificationId: "n2", deliveries: [delivery("e2", "email"), chat] },
    ]);
    expect(sent).toEqual(["batch:e1,e2", "chat"]);
    expect(log).toEqual(["run send-emails-e1", "run send-chat-chat"]);
  });
});

describe("giving up on the last attempt", () => {
  it("retries a throttled delivery after Retry-After, and on the last attempt fails it with the provider's error", async () => {
    deliveryOutcome = "transient";
    const { step } = recordingStep();
    const pending = delivery("d1", "sms");
    const early = sendDeliveryStep(step, inTenant, transports, pending, { attempt: 1, retries: 4 });
    await expect(early).rejects.toBeInstanceOf(RetryAfterError);
    expect(failed).toEqual([]);

    const last = await sendDeliveryStep(step, inTenant, transports, pending, { attempt: 4, retries: 4 });
    expect(last).toBe("failed");
    expect(failed).toEqual([{ ids: "d1", reason: "Gave up after retries: 429 Too Many Requests" }]);
  });

  it("fails the batch's unsent emails together on the last attempt, and retries them before it", async () => {
    emailOutcome = "transient";
    const { step } = recordingStep();
    await expect(
      sendEmailsStep(step, inTenant, transports, ["e1", "e2"], { attempt: 0, retries: 4 }),
    ).rejects.toThrow("2 of 2 emails: 503 Service Unavailable");
    expect(failed).toEqual([]);

    const last = await sendEmailsStep(step, inTenant, transports, ["e1", "e2"], { attempt: 4, retries: 4 });
    expect(last).toEqual({ sent: 0, failed: 2 });
    expect(failed).toEqual([{ ids: ["e1", "e2"], reason: "Gave up after retries: 503 Service Unavailable" }]);
  });
});
