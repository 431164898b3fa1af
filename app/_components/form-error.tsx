import { CircleAlert } from "lucide-react";
import { Alert, AlertDescription } from "@/app/_components/ui/alert";

/**
 * A form's message for the whole form (its fields carry their own): mutationMessages or
 * actionMessages (app/_lib/form-errors.ts) decide what it says.
 */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <CircleAlert aria-hidden />
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
