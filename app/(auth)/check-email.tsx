import { MailCheck } from "lucide-react";
import Link from "next/link";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";

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
            <Link href={outbox} className="font-medium text-primary underline-offset-4 hover:underline">
              open the local outbox
            </Link>
            .
          </p>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
