import type { z } from "zod";
import { AppError } from "../errors";

/**
 * Two dates of one record where the second cannot come before the first (a warranty that ends
 * before the purchase, a termination before the hire). Labels are what the form calls the fields.
 */
export type DatePair<F extends string> = {
  earlier: { field: F; label: string };
  later: { field: F; label: string };
};

type Dates<F extends string> = Partial<Record<F, string | null | undefined>>;

/** The message naming both fields, shown on the later one: that is the date people fix. */
export function datePairMessage<F extends string>(pair: DatePair<F>, earlier: string, later: string): string {
  return `${pair.later.label} (${later}) cannot be before ${pair.earlier.label.toLowerCase()} (${earlier}).`;
}

/** The pairs the values break, each with its message, for the later field. Days compare as text. */
export function datePairProblems<F extends string>(
  values: Dates<F>,
  pairs: ReadonlyArray<DatePair<F>>,
): Array<{ field: F; message: string }> {
  return pairs.flatMap((pair) => {
    const earlier = values[pair.earlier.field];
    const later = values[pair.later.field];
    if (!earlier || !later || later >= earlier) return [];
    return [{ field: pair.later.field, message: datePairMessage(pair, earlier, later) }];
  });
}

/** A zod refinement: the form shows each message on its field (the later date of the pair). */
export function refineDatePairs<F extends string>(pairs: ReadonlyArray<DatePair<F>>) {
  return (values: Dates<F>, ctx: z.RefinementCtx) => {
    for (const problem of datePairProblems(values, pairs)) {
      ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
    }
  };
}

/**
 * For a change that sets only one date of a pair: checked against the stored other one. The
 * BAD_REQUEST carries the field, like a schema's field error.
 */
export function assertDatePairs<F extends string>(values: Dates<F>, pairs: ReadonlyArray<DatePair<F>>): void {
  const [problem] = datePairProblems(values, pairs);
  if (problem) throw new AppError("BAD_REQUEST", problem.message, { field: problem.field });
}
