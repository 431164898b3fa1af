import type * as React from "react";
import { cn } from "@/app/_lib/cn";

type StatCardProps = React.ComponentProps<"div"> & {
  label: React.ReactNode;
  value: React.ReactNode;
  hint?: React.ReactNode;
  icon?: React.ReactNode;
  /** Colors the icon for a figure that asks for attention; the label still says what it is. */
  tone?: keyof typeof iconTones;
};

const iconTones = {
  default: "bg-primary/10 text-primary",
  warning: "bg-warning/15 text-warning",
  destructive: "bg-destructive/10 text-destructive",
} as const;

function StatCard({ label, value, hint, icon, tone = "default", className, ...props }: StatCardProps) {
  return (
    <div
      data-slot="stat-card"
      className={cn(
        // Two to a row on a phone: tighter there, the icon only where there is room for it.
        "flex items-start justify-between gap-2 rounded-xl border bg-card p-3 text-card-foreground shadow-sm sm:gap-4 sm:p-5",
        className,
      )}
      {...props}
    >
      <dl className="flex min-w-0 flex-col gap-1">
        <dt data-slot="stat-card-label" className="font-medium text-muted-foreground text-sm">
          {label}
        </dt>
        <dd
          data-slot="stat-card-value"
          className="font-semibold text-xl tabular-nums tracking-tight sm:text-2xl"
        >
          {value}
        </dd>
        {hint ? (
          <dd data-slot="stat-card-hint" className="text-muted-foreground text-xs">
            {hint}
          </dd>
        ) : null}
      </dl>
      {icon ? (
        <span
          data-slot="stat-card-icon"
          data-tone={tone}
          aria-hidden="true"
          className={cn(
            "hidden size-9 shrink-0 items-center justify-center rounded-lg sm:flex [&_svg:not([class*='size-'])]:size-4",
            iconTones[tone],
          )}
        >
          {icon}
        </span>
      ) : null}
    </div>
  );
}

export type { StatCardProps };
export { StatCard };
