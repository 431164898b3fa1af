import type { EmailFrame } from "@/emails/layout";
import type { EmailProps } from "@/emails/render";
import type { NotificationType } from "./types";

/** What an email template needs besides the frame, the recipient's name and the link: the type's facts. */
export type EmailFacts<T extends NotificationType> = Omit<
  EmailProps[T],
  keyof EmailFrame | "recipientName" | "link"
>;

/**
 * One notification as its function words it: the bell's title and body, the path in the app it
 * is about, and the facts its email template shows.
 */
export type NotificationMessage<T extends NotificationType = NotificationType> = {
  type: T;
  title: string;
  body: string;
  /** A path in the app ("/assets/<id>"): the bell links to it, the email to the app URL plus it. */
  link: string;
  email: EmailFacts<T>;
};
