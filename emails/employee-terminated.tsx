import { Text } from "@react-email/components";
import { EmailButton, type EmailFrame, EmailLayout } from "./layout";

export type EmployeeTerminatedEmailProps = EmailFrame & {
  recipientName: string;
  employeeName: string;
  /** Their last day (YYYY-MM-DD): today or earlier, since a later date takes effect only when it comes. */
  terminationDate: string;
  link: string;
};

export const employeeTerminatedSubject = (props: EmployeeTerminatedEmailProps) =>
  `${props.employeeName} is leaving (last day ${props.terminationDate})`;

/**
 * To the tenant's admins: someone's employment ended, so their equipment has to come back and
 * their access has to close. The reason stays in the app, where only staff can read it.
 */
export function EmployeeTerminatedEmail(props: EmployeeTerminatedEmailProps) {
  return (
    <EmailLayout
      tenantName={props.tenantName}
      appUrl={props.appUrl}
      preview={employeeTerminatedSubject(props)}
    >
      <Text>Hello {props.recipientName},</Text>
      <Text>
        {props.employeeName} is leaving: their termination date is {props.terminationDate}. Make sure their
        equipment comes back and their access is closed.
      </Text>
      <EmailButton href={props.link}>Open the employee</EmailButton>
    </EmailLayout>
  );
}
