"use client";

import type * as React from "react";
import { cn } from "@/app/_lib/cn";
import { useCharacterLimit } from "./character-count";

type InputProps = React.ComponentProps<"input"> & {
  /** The most characters the field takes: a counter near it, an error past it (see character-count). */
  limit?: number;
};

function Input({ className, type, limit, onChange, ...rest }: InputProps) {
  const { controlProps, counter, track } = useCharacterLimit(limit, rest);
  const input = (
    <input
      type={type}
      data-slot="input"
      className={cn(
        "flex h-9 w-full min-w-0 rounded-md border border-input bg-background px-3 py-1 text-base shadow-xs outline-none transition-[color,box-shadow] selection:bg-primary selection:text-primary-foreground file:inline-flex file:h-7 file:border-0 file:bg-transparent file:font-medium file:text-foreground file:text-sm placeholder:text-muted-foreground disabled:pointer-events-none disabled:cursor-not-allowed disabled:opacity-50 md:text-sm dark:bg-input/30",
        "focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/60",
        "aria-invalid:border-destructive aria-invalid:ring-destructive/30 aria-invalid:focus-visible:ring-destructive/50",
        className,
      )}
      onChange={(event) => {
        track?.(event.target.value);
        onChange?.(event);
      }}
      {...controlProps}
    />
  );
  if (!limit) return input;
  return (
    <div data-slot="limited-input" className="grid min-w-0 gap-1">
      {input}
      {counter}
    </div>
  );
}

export { Input };
