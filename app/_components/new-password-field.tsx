import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { PASSWORD_MAX, Password } from "@/server/accounts/schemas";

const minLength = Password.minLength ?? undefined;

/**
 * A new password's field (sign-up, invitation, reset, change): the length the server requires
 * (server/accounts/schemas.ts) is stated under it and checked by the browser, from that one rule.
 */
export function NewPasswordField({
  id,
  label,
  error,
  autoFocus,
}: {
  id: string;
  label: string;
  error?: string;
  autoFocus?: boolean;
}) {
  return (
    <FormField label={label} htmlFor={id} error={error} description={`At least ${minLength} characters.`}>
      <Input
        id={id}
        name={id}
        type="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        minLength={minLength}
        limit={PASSWORD_MAX}
      />
    </FormField>
  );
}
