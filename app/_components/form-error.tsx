import { Alert, AlertDescription } from "@/app/_components/ui/alert";

/** A server action form's message for the whole form (its fields carry their own). */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
