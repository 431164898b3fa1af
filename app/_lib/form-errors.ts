/** Zod's flattened field errors, as tRPC's error formatter and our server actions send them. */
type FieldErrors = Record<string, string[] | undefined>;

/** What a failed tRPC mutation hands a form (only the parts forms read; see server/trpc.ts). */
export type MutationError = {
  message: string;
  data?: {
    appCode?: string | null;
    /** The field a refusal is about (an AppError's `details.field`), when it is about one. */
    field?: string | null;
    zodError?: { formErrors?: string[]; fieldErrors: FieldErrors } | null;
  } | null;
} | null;

/** What a server action form returns when it refuses (app/(auth)/actions.ts). */
export type ActionFailure = { error?: string; fieldErrors?: FieldErrors } | null | undefined;

/** Where a form shows what went wrong: under each field it shows, and once for the whole form. */
export type FormMessages = {
  field: (name: string) => string | undefined;
  form: string | undefined;
};

/**
 * Splits a refusal into field and form messages. A form names the fields it shows: a message for
 * any other field (a hidden token, an id from the page) joins the form message, so nothing the
 * server says is lost for want of a place to show it.
 */
function splitMessages(
  whole: string | undefined,
  fieldErrors: FieldErrors,
  shownFields: readonly string[],
): FormMessages {
  const shown = new Set(shownFields);
  const unshown = Object.entries(fieldErrors)
    .filter(([name]) => !shown.has(name))
    .map(([, messages]) => messages?.[0]);
  const parts = [whole, ...unshown].filter((part): part is string => Boolean(part));
  return {
    field: (name) => (shown.has(name) ? fieldErrors[name]?.[0] : undefined),
    form: parts.length ? [...new Set(parts)].join(" ") : undefined,
  };
}

/**
 * A tRPC mutation's error as form messages: a validation failure goes to its fields (and its
 * form-level messages to the form); a refusal about one field ("Tag LAP-1 is already used") goes
 * to that field; any other refusal ("assigned assets must be returned first") is the form
 * message. A failure is never silent: a validation error that names nothing falls back to the
 * error's own message, and a field the form does not show sends its message to the form.
 */
export function mutationMessages(error: MutationError, shownFields: readonly string[]): FormMessages {
  const zodError = error?.data?.zodError;
  const field = error?.data?.field;
  if (!zodError && field && error?.message) {
    return splitMessages(undefined, { [field]: [error.message] }, shownFields);
  }
  const whole = splitMessages(error?.message, {}, shownFields);
  if (!zodError) return whole;
  const split = splitMessages(zodError.formErrors?.join(" "), zodError.fieldErrors, shownFields);
  return split.form || shownFields.some((name) => split.field(name)) ? split : whole;
}

/** A server action's refusal as form messages, by the same rule as a mutation's. */
export function actionMessages(failure: ActionFailure, shownFields: readonly string[]): FormMessages {
  return splitMessages(failure?.error, failure?.fieldErrors ?? {}, shownFields);
}

/**
 * What a caught rejection means to a form: a tRPC client error (an Error carrying `data`) as it
 * is; anything else by its message.
 */
export function asMutationError(caught: unknown): NonNullable<MutationError> {
  if (caught instanceof Error) return caught as NonNullable<MutationError>;
  return { message: String(caught) };
}
