import { MailCheck } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { AuthLink } from "./auth-card";

/**
 * "Check your email": what sign-up and "Forgot password?" answer whatever the address, with the
 * local outbox's page when this install keeps mail instead of sending it.
 */
export function CheckEmail({ outbox, children }: { outbox: string | null; children: React.ReactNode }) {
  return (
    <Alert role="status">
      <MailCheck aria-hidden />
      <AlertTitle>Check your email</AlertTitle>
      <AlertDescription>
        <p>{children}</p>
        {outbox ? (
          <p>
            No mail provider is set up on this computer:{" "}
            <AuthLink href={outbox}>open the local outbox</AuthLink>.
          </p>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
