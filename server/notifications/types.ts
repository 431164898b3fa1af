/**
 * The channels a notification can reach someone on: the bell, email one by one, a text message,
 * the browser's push notifications, and the daily email digest (a type read in the digest is not
 * also mailed on its own).
 */
export const notificationChannels = ["in_app", "email", "sms", "push", "digest"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/**
 * The channels a delivery is sent on by a provider after notify() commits (the bell is written at
 * once). Team chat is the tenant's, not a person's: one delivery per routed Slack or Teams
 * destination, chosen in the admins' routing table rather than in anyone's preferences.
 */
export const sentChannels = ["email", "sms", "push", "chat"] as const;
export type SentChannel = (typeof sentChannels)[number];

/** Every channel a delivery row can be on: a person's channels and team chat. */
export const deliveryChannels = [...notificationChannels, "chat"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/** Every kind of notification the app sends; preferences have one row per type. */
export const notificationTypes = [
  "asset_assigned",
  "asset_returned",
  "asset_transferred",
  "employee_terminated",
  "password_reset_requested",
  "sign_up_attempted_existing",
  "equipment_request_decided",
  "receipt_reminder",
  "integration_sync_failed",
  "workflow_step_overdue",
  "workflow_step_escalated",
  "workflow_assigned",
  "workflow_step_assigned",
  "workflow_completed",
  "receipt_declined",
  "warranty_expiring",
  "new_hire_synced",
  "integration_sync_completed",
  "license_expiring",
  "license_underused",
  "report_asset_assigned",
] as const;
export type NotificationType = (typeof notificationTypes)[number];

type TypeInfo = {
  label: string;
  /** Goes through quiet hours; the rest wait until they end. */
  urgent: boolean;
  /**
   * Email on when neither the user nor the tenant's defaults for their role say otherwise: for
   * what someone has to act on (assignments, workflows, requests, account security). The bell is
   * on for everything.
   */
  emailByDefault: boolean;
  /** Off on every channel, the bell included, until the user (or their role's defaults) turns it on. */
  optIn?: true;
  /** What else the type covers, shown under its label in the preferences. */
  hint?: string;
};

export const notificationTypeInfo: Record<NotificationType, TypeInfo> = {
  // Every hand-over waits for the holder's receipt: the assignment notice is the request to accept
  // it (a separate "acceptance requested" notice would ring twice for one hand-over).
  asset_assigned: {
    label: "Equipment assigned to you",
    urgent: false,
    emailByDefault: true,
    hint: "Includes the request to accept it in the portal",
  },
  // Some managers want to know what their people hold; most do not: the manager, or admins in the
  // role defaults (Settings, Notifications), turn it on.
  report_asset_assigned: {
    label: "Equipment assigned to someone who reports to you",
    urgent: false,
    emailByDefault: false,
    optIn: true,
  },
  // The holder's receipt that equipment is off their name: worth keeping in their inbox.
  asset_returned: { label: "Equipment you returned was checked in", urgent: false, emailByDefault: true },
  asset_transferred: {
    label: "Equipment transferred to or from you",
    urgent: false,
    emailByDefault: true,
  },
  // Admins see leavers in the app and in offboarding; an email each would be noise.
  employee_terminated: { label: "An employee is leaving (admins)", urgent: false, emailByDefault: false },
  password_reset_requested: {
    label: "A member asks for a password reset (admins)",
    urgent: false,
    emailByDefault: true,
  },
  // A sign-up with your address may be someone probing your account: worth hearing at once.
  sign_up_attempted_existing: {
    label: "Someone tried to sign up with your email",
    urgent: true,
    emailByDefault: true,
  },
  equipment_request_decided: {
    label: "Your equipment request was approved or declined",
    urgent: false,
    emailByDefault: true,
  },
  receipt_reminder: {
    label: "Reminder to confirm equipment you received",
    urgent: false,
    emailByDefault: true,
  },
  // Employees stop arriving and leaving until an admin fixes the connection: worth hearing at once,
  // quiet hours or not.
  integration_sync_failed: {
    label: "An integration sync failed (admins)",
    urgent: true,
    emailByDefault: true,
  },
  workflow_step_overdue: {
    label: "A workflow step of yours is overdue",
    urgent: false,
    emailByDefault: true,
  },
  workflow_step_escalated: {
    label: "A late workflow step was escalated to you",
    urgent: false,
    emailByDefault: true,
  },
  workflow_assigned: {
    label: "A new workflow has steps for you",
    urgent: false,
    emailByDefault: true,
  },
  workflow_step_assigned: {
    label: "A workflow step was reassigned to you, or is ready for you",
    urgent: false,
    emailByDefault: true,
  },
  // Nothing left to act on: the bell is enough unless someone asks for the email.
  workflow_completed: {
    label: "A workflow you started or had a step in is completed",
    urgent: false,
    emailByDefault: false,
  },
  receipt_declined: {
    label: "An employee declined equipment (IT staff)",
    urgent: false,
    emailByDefault: true,
  },
  // A renewal or replacement takes weeks to arrange: worth an email at 30 and 7 days.
  warranty_expiring: {
    label: "Warranties ending in 30 or 7 days (IT staff)",
    urgent: false,
    emailByDefault: true,
  },
  new_hire_synced: {
    label: "A new hire arrived from the HR system (IT staff)",
    urgent: false,
    emailByDefault: true,
  },
  // Every scheduled sync would ring: only for those who ask (a failed sync is its own, urgent type).
  integration_sync_completed: {
    label: "An integration sync completed, with its counts (admins)",
    urgent: false,
    emailByDefault: false,
    optIn: true,
  },
  // Someone has to renew it or plan for its seats, 30 and 7 days ahead: worth an email.
  license_expiring: {
    label: "A licence expires soon (admins, IT staff)",
    urgent: false,
    emailByDefault: true,
  },
  // Money spent on idle seats: worth knowing before the renewal, not worth an email a week.
  license_underused: {
    label: "Most of a licence's seats are idle (admins, IT staff)",
    urgent: false,
    emailByDefault: true,
  },
};

/**
 * The built-in default for a type on a channel: the bell for everything, email for what someone
 * has to act on; text messages, push and the digest only when chosen (by the user or their role).
 * An opt-in type is off everywhere until chosen.
 */
export function builtInDefault(type: NotificationType, channel: NotificationChannel): boolean {
  if (notificationTypeInfo[type].optIn) return false;
  if (channel === "in_app") return true;
  if (channel === "email") return notificationTypeInfo[type].emailByDefault;
  return false;
}
