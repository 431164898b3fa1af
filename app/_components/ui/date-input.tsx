"use client";

import { type ComponentProps, useEffect, useRef, useState } from "react";
import { dayFieldProblem } from "@/app/_lib/day-input";
import { Input } from "./input";

const problemOf = (input: HTMLInputElement | null): string | null =>
  input
    ? dayFieldProblem({ badInput: input.validity.badInput, value: input.value }, navigator.language)
    : null;

/**
 * A date field that refuses a date the calendar does not have (February 30) where it is typed,
 * in the field's own format. The browser reports such a date as an empty value, so without this
 * the form would save "no date" without a word. The check also runs when the form is submitted,
 * before the form's own handler, and stops the submission while the date is wrong.
 */
export function DateInput({ onChange, onBlur, ...props }: Omit<ComponentProps<typeof Input>, "type">) {
  const ref = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    // On the form itself, so it runs before React's handler (delegated to the document root).
    const refuseBadDate = (event: Event) => {
      const found = problemOf(ref.current);
      setProblem(found);
      if (!found) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      ref.current?.focus();
    };
    form.addEventListener("submit", refuseBadDate);
    return () => form.removeEventListener("submit", refuseBadDate);
  }, []);

  const problemId = props.id ? `${props.id}-date-problem` : undefined;
  const describedBy = [props["aria-describedby"], problem ? problemId : undefined].filter(Boolean).join(" ");
  return (
    <div data-slot="date-input" className="grid min-w-0 gap-1">
      <Input
        {...props}
        ref={ref}
        type="date"
        aria-invalid={problem ? true : props["aria-invalid"]}
        aria-describedby={describedBy || undefined}
        onChange={(event) => {
          if (problem) setProblem(problemOf(event.target));
          onChange?.(event);
        }}
        onBlur={(event) => {
          setProblem(problemOf(event.target));
          onBlur?.(event);
        }}
      />
      {problem ? (
        <p id={problemId} role="alert" className="font-medium text-destructive text-sm">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
