import { z } from "zod";
import { id, int, searchText } from "../../schemas/primitives";

/** The reminder schedule: first after this many days unanswered, then every REPEAT_DAYS, at most CAP times. */
export const REMINDER_FIRST_AFTER_DAYS = 3;
export const REMINDER_REPEAT_DAYS = 7;
export const REMINDER_CAP = 4;
/** "Remind now" at most this often per receipt, so a double click or an impatient day sends one. */
export const MANUAL_REMINDER_GAP_MINUTES = 60;
export const PENDING_RECEIPTS_PAGE_SIZE = 50;
/** The longest search the pending receipts list takes (its search box counts toward it). */
export const PENDING_RECEIPTS_SEARCH_MAX = 200;

export const PendingReceiptsInput = z.object({
  /** An asset's tag or name, or the holder's name. */
  q: searchText(PENDING_RECEIPTS_SEARCH_MAX).optional(),
  page: int({ min: 1, max: 100_000 }).default(1),
});
export type PendingReceiptsInput = z.input<typeof PendingReceiptsInput>;

export const RemindReceiptInput = z.object({ assetId: id() });
export type RemindReceiptInput = z.infer<typeof RemindReceiptInput>;

export const PendingReceipt = z.object({
  assetId: z.string(),
  tag: z.string(),
  assetName: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  /** Whether the holder has an account to answer with (and be reminded on). */
  hasAccount: z.boolean(),
  assignedAt: z.date(),
  ageDays: z.number(),
  remindersSent: z.number(),
  lastRemindedAt: z.date().nullable(),
});
export type PendingReceipt = z.infer<typeof PendingReceipt>;

export const PendingReceiptPage = z.object({ items: z.array(PendingReceipt), total: z.number() });

export const ReminderAnswer = z.object({ assetId: z.string(), tag: z.string(), reminder: z.number() });
