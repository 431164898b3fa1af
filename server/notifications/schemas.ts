import { z } from "zod";
import { tenantRoles } from "../roles";
import { id, instant, int, text } from "../schemas/primitives";
import { isTimeZone } from "./quiet-hours";
import { deliveryChannels, notificationChannels, notificationTypes, sentChannels } from "./types";

const notificationType = z.enum(notificationTypes);
const channel = z.enum(notificationChannels);
const timeZone = z.string().refine(isTimeZone, "Choose a time zone from the list, like Europe/Paris");
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "Use a time like 22:00");

export const NotificationItem = z.object({
  id: z.string(),
  type: notificationType,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationDay = z.object({ day: z.string(), items: z.array(NotificationItem) });
export type NotificationDay = z.infer<typeof NotificationDay>;

export const ListNotificationsInput = z.object({
  timeZone,
  limit: int({ min: 1, max: 100 }).default(30),
  before: instant().optional(),
});
export type ListNotificationsInput = z.infer<typeof ListNotificationsInput>;

export const NotificationPage = z.object({ days: z.array(NotificationDay), nextCursor: z.date().nullable() });

export const MarkReadInput = z.object({ ids: z.array(id()).min(1).max(100) });

export const QuietHoursSchema = z
  .object({ start: clock, end: clock, timeZone })
  .refine((value) => value.start !== value.end, {
    message: "Quiet hours must end at another time than they start",
    path: ["end"],
  });

export const PreferencesSchema = z.object({
  rows: z.array(
    z.object({
      type: notificationType,
      label: z.string(),
      hint: z.string().nullable(),
      urgent: z.boolean(),
      channels: z.object({
        in_app: z.boolean(),
        email: z.boolean(),
        sms: z.boolean(),
        push: z.boolean(),
        digest: z.boolean(),
      }),
    }),
  ),
  quietHours: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }).nullable(),
  settings: z.object({
    phoneHint: z.string().nullable(),
    digestHour: z.number(),
    digestTimeZone: z.string(),
  }),
  pushSubscriptions: z.array(z.object({ id: z.string(), label: z.string(), createdAt: z.date() })),
});

export const SetPreferenceInput = z.object({ type: notificationType, channel, enabled: z.boolean() });
export type SetPreferenceInput = z.infer<typeof SetPreferenceInput>;

export const SetQuietHoursInput = z.object({ quietHours: QuietHoursSchema.nullable() });
export type SetQuietHoursInput = z.infer<typeof SetQuietHoursInput>;

export const MailPreviewListInput = z.object({ limit: int({ min: 1, max: 200 }).default(50) });
export const MailPreviewSummary = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  type: z.union([notificationType, z.literal("daily_digest")]),
  createdAt: z.date(),
});
export const MailPreview = MailPreviewSummary.extend({ html: z.string(), text: z.string() });

/** How long a typed mobile number may be, spaces and dashes included (its box counts toward it). */
export const PHONE_MAX = 40;

/** A mobile number as people type it; stored in E.164 (+ country code, digits only). */
const phone = z
  .string()
  .trim()
  .max(PHONE_MAX)
  .transform((value) => value.replace(/[\s().-]/g, ""))
  .refine((value) => /^\+[1-9][0-9]{6,14}$/.test(value), {
    message: "Enter the number with its country code, like +44 7700 900123",
  });

export const SetNotificationSettingsInput = z.object({
  /** The mobile number for text messages; null removes it; absent leaves it as it is. */
  phone: phone.nullable().optional(),
  digestHour: int({ min: 0, max: 23 }),
  digestTimeZone: timeZone,
});
export type SetNotificationSettingsInput = z.infer<typeof SetNotificationSettingsInput>;

/** A browser's subscription as PushSubscription.toJSON() gives it. */
const pushEndpoint = z
  .url({ protocol: /^https?$/, error: "The browser gave a push endpoint that is not a URL" })
  .max(2_000);

export const SubscribePushInput = z.object({
  endpoint: pushEndpoint,
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, "The browser's push key is not a P-256 public key"),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, "The browser's push secret is malformed"),
  }),
  label: text({ max: 120 }),
});
export type SubscribePushInput = z.infer<typeof SubscribePushInput>;

export const UnsubscribePushInput = z.object({
  id: id().optional(),
  endpoint: pushEndpoint.optional(),
});

export const RoleDefaultsSchema = z.object({
  rows: z.array(
    z.object({
      role: z.enum(tenantRoles),
      type: notificationType,
      label: z.string(),
      channels: z.object({
        in_app: z.boolean(),
        email: z.boolean(),
        sms: z.boolean(),
        push: z.boolean(),
        digest: z.boolean(),
      }),
    }),
  ),
});
export const SetRoleDefaultInput = z.object({
  role: z.enum(tenantRoles),
  type: notificationType,
  channel,
  enabled: z.boolean(),
});
export type SetRoleDefaultInput = z.infer<typeof SetRoleDefaultInput>;

export const deliveryStatuses = ["queued", "deferred", "sent", "failed", "bounced"] as const;

export const FailedDeliveriesInput = z.object({
  channel: z.enum(sentChannels).optional(),
  type: notificationType.optional(),
  limit: int({ min: 1, max: 200 }).default(50),
});
export type FailedDeliveriesInput = z.infer<typeof FailedDeliveriesInput>;

export const FailedDelivery = z.object({
  id: z.string(),
  channel: z.enum(sentChannels),
  type: notificationType,
  title: z.string(),
  recipient: z.string(),
  address: z.string().nullable(),
  /** failed or bounced for good; retrying while the engine still tries it. */
  state: z.enum(["failed", "bounced", "retrying"]),
  reason: z.string().nullable(),
  attempts: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const DeliveryChartInput = z.object({ timeZone, days: int({ min: 1, max: 31 }).default(14) });
export const DeliveryChart = z.object({
  days: z.array(z.string()),
  series: z.array(
    z.object({
      channel: z.enum(deliveryChannels),
      status: z.enum(deliveryStatuses),
      counts: z.array(z.number()),
    }),
  ),
});

export const RetryDeliveryInput = z.object({ id: id() });

export const TextPreviewSummary = z.object({
  id: z.string(),
  to: z.string(),
  body: z.string(),
  type: notificationType,
  createdAt: z.date(),
});
