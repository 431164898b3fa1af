import { z } from "zod";
import { can } from "../roles";
import { id } from "../schemas/primitives";
import { router, tenantProcedure } from "../trpc";
import { pushTransport } from "./channels/push";
import { chatRouter } from "./chat/router";
import { deliveryChart, failedDeliveries, listTextPreviews } from "./delivery-log";
import { preferencesOf, roleDefaultsOf } from "./preferences";
import { getMailPreview, listMailPreviews, listNotifications, unreadCount } from "./queries";
import {
  DeliveryChart,
  DeliveryChartInput,
  FailedDeliveriesInput,
  FailedDelivery,
  ListNotificationsInput,
  MailPreview,
  MailPreviewListInput,
  MailPreviewSummary,
  MarkReadInput,
  NotificationPage,
  PreferencesSchema,
  RetryDeliveryInput,
  RoleDefaultsSchema,
  SetNotificationSettingsInput,
  SetPreferenceInput,
  SetQuietHoursInput,
  SetRoleDefaultInput,
  SubscribePushInput,
  TextPreviewSummary,
  UnsubscribePushInput,
} from "./schemas";
import { markAllRead } from "./services/mark-all-read";
import { markRead } from "./services/mark-read";
import { retryDelivery } from "./services/retry-delivery";
import { setNotificationSettings } from "./services/set-notification-settings";
import { setPreference } from "./services/set-preference";
import { setQuietHours } from "./services/set-quiet-hours";
import { setRoleDefault } from "./services/set-role-default";
import { subscribePush, unsubscribePush } from "./services/subscribe-push";
import { smsSettingsRouter } from "./sms-settings/router";

const own = tenantProcedure(can.everyone);
const admin = tenantProcedure(can.manageTenant);
const updated = z.object({ updated: z.number() });

/**
 * The signed-in user's own notifications, preferences, SMS number, digest hour and push browsers;
 * for admins, the role defaults, the failed deliveries with their chart, and the mail and text
 * previews, the team chat destinations with their routing table (chat/router.ts), and the
 * tenant's own SMS account (sms-settings/router.ts). Live
 * updates: app/api/notifications/stream.
 */
export const notificationsRouter = router({
  list: own
    .input(ListNotificationsInput)
    .output(NotificationPage)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.tenantId, ctx.user.id, input)),
  unreadCount: own
    .output(z.object({ count: z.number() }))
    .query(async ({ ctx }) => ({ count: await unreadCount(ctx.db, ctx.tenantId, ctx.user.id) })),
  markRead: own
    .input(MarkReadInput)
    .output(updated)
    .mutation(({ ctx, input }) => markRead(ctx, input.ids)),
  markAllRead: own.output(updated).mutation(({ ctx }) => markAllRead(ctx)),
  preferences: own
    .output(PreferencesSchema)
    .query(({ ctx }) => preferencesOf(ctx.db, ctx.tenantId, ctx.user)),
  setPreference: own
    .input(SetPreferenceInput)
    .output(PreferencesSchema)
    .mutation(({ ctx, input }) => setPreference(ctx, input)),
  setQuietHours: own
    .input(SetQuietHoursInput)
    .output(PreferencesSchema)
    .mutation(({ ctx, input }) => setQuietHours(ctx, input)),
  setSettings: own
    .input(SetNotificationSettingsInput)
    .output(PreferencesSchema)
    .mutation(({ ctx, input }) => setNotificationSettings(ctx, input)),
  /** The VAPID public key a browser subscribes with (applicationServerKey). */
  pushKey: own
    .output(z.object({ publicKey: z.string() }))
    .query(() => ({ publicKey: pushTransport().publicKey })),
  subscribePush: own
    .input(SubscribePushInput)
    .output(PreferencesSchema)
    .mutation(({ ctx, input }) => subscribePush(ctx, input)),
  unsubscribePush: own
    .input(UnsubscribePushInput)
    .output(PreferencesSchema)
    .mutation(({ ctx, input }) => unsubscribePush(ctx, input)),
  roleDefaults: router({
    list: admin.output(RoleDefaultsSchema).query(({ ctx }) => roleDefaultsOf(ctx.db, ctx.tenantId)),
    set: admin
      .input(SetRoleDefaultInput)
      .output(RoleDefaultsSchema)
      .mutation(({ ctx, input }) => setRoleDefault(ctx, input)),
  }),
  deliveries: router({
    failed: admin
      .input(FailedDeliveriesInput)
      .output(z.array(FailedDelivery))
      .query(({ ctx, input }) => failedDeliveries(ctx.db, ctx.tenantId, input)),
    chart: admin
      .input(DeliveryChartInput)
      .output(DeliveryChart)
      .query(({ ctx, input }) => deliveryChart(ctx.db, ctx.tenantId, input.timeZone, input.days)),
    retry: admin
      .input(RetryDeliveryInput)
      .output(z.object({ id: z.string(), status: z.literal("queued") }))
      .mutation(({ ctx, input }) => retryDelivery(ctx, input.id)),
  }),
  chat: chatRouter,
  sms: smsSettingsRouter,
  textPreview: router({
    list: admin
      .input(MailPreviewListInput)
      .output(z.array(TextPreviewSummary))
      .query(({ ctx, input }) => listTextPreviews(ctx.db, ctx.tenantId, input.limit)),
  }),
  mailPreview: router({
    list: admin
      .input(MailPreviewListInput)
      .output(z.array(MailPreviewSummary))
      .query(({ ctx, input }) => listMailPreviews(ctx.db, ctx.tenantId, input.limit)),
    get: admin
      .input(z.object({ id: id() }))
      .output(MailPreview)
      .query(({ ctx, input }) => getMailPreview(ctx.db, ctx.tenantId, input.id)),
  }),
});
