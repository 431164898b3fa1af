import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type NewHireSyncedEmailProps = EmailFrame & {
  recipientName: string;
  employeeName: string;
  jobTitle: string | null;
  /** Their first day (YYYY-MM-DD): within the last 30 days, or to come. */
  hireDate: string;
  integrationName: string;
  link: string;
};

export const newHireSyncedSubject = (props: NewHireSyncedEmailProps) =>
  `New hire from ${props.integrationName}: ${props.employeeName} starts on ${props.hireDate}`;

/** To IT staff and admins: the HR system brought in someone new, whose equipment has to be ready. */
export function NewHireSyncedEmail(props: NewHireSyncedEmailProps) {
  return (
    <EmailLayout tenantName={props.tenantName} appUrl={props.appUrl} preview={newHireSyncedSubject(props)}>
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.integrationName} added {props.employeeName}
        {props.jobTitle ? `, ${props.jobTitle},` : ""} who starts on {props.hireDate}. Prepare their equipment
        and accounts before then.
      </Text>
      <EmailButton href={props.link}>Open the employee</EmailButton>
    </EmailLayout>
  );
}
