"use client";

import { type ReactNode, useId } from "react";
import type { TooltipContentProps } from "recharts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { cn } from "@/app/_lib/cn";
import { formatCount } from "@/app/_lib/format";

export type ChartSeries = { key: string; label: string; color: string };

/**
 * A chart in a card. The drawing is hidden from assistive technology; the same figures are
 * given to it as a table (visually hidden), captioned with the chart's title.
 */
export function ChartCard({
  title,
  description,
  table,
  legend,
  empty,
  className,
  children,
}: {
  title: string;
  description: ReactNode;
  table: { columns: string[]; rows: Array<[string, ...number[]]> };
  legend?: ChartSeries[];
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Card className={cn("gap-4", className)}>
      <CardHeader>
        <CardTitle id={titleId}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {empty ?? (
          <figure aria-labelledby={titleId} className="m-0 grid gap-3">
            {legend ? <ChartLegend series={legend} /> : null}
            <div aria-hidden="true">{children}</div>
            {/* a table is as wide as its content whatever its own width: the wrapper clips it */}
            <div className="sr-only">
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    {table.columns.map((column) => (
                      <th key={column} scope="col">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map(([label, ...values]) => (
                    <tr key={label}>
                      <th scope="row">{label}</th>
                      {values.map((value, i) => (
                        <td key={table.columns[i + 1]}>{formatCount(value)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        )}
      </CardContent>
    </Card>
  );
}

function ChartLegend({ series }: { series: ChartSeries[] }) {
  return (
    <ul aria-hidden="true" className="flex flex-wrap gap-x-4 gap-y-1 text-muted-foreground text-xs">
      {series.map((item) => (
        <li key={item.key} className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm" style={{ background: item.color }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** The tooltip of every chart: the kit's popover colors, so it follows the theme. */
export function ChartTooltip({
  active,
  payload,
  label,
  title,
}: Partial<TooltipContentProps> & { title?: (label: string) => string }) {
  if (!active || !payload?.length) return null;
  const heading = title ? title(String(label ?? "")) : String(label ?? "");
  return (
    <div className="grid min-w-36 gap-1 rounded-md border bg-popover px-3 py-2 text-popover-foreground text-xs shadow-md">
      <p className="font-medium">{heading}</p>
      {payload.map((item) => (
        <p key={String(item.dataKey ?? item.name)} className="flex items-center gap-2">
          <span
            className="size-2.5 shrink-0 rounded-sm"
            style={{ background: item.payload?.color ?? item.color }}
          />
          <span className="text-muted-foreground">{item.name}</span>
          <span className="ml-auto font-medium tabular-nums">{formatCount(Number(item.value ?? 0))}</span>
        </p>
      ))}
    </div>
  );
}

/** Axis text and grid lines in the theme's colors (the CSS variables switch with dark mode). */
export const axisTick = { fill: "var(--muted-foreground)", fontSize: 12 };
export const gridStroke = "var(--border)";
/** The band behind the hovered bar. */
export const chartCursor = { fill: "var(--muted)", opacity: 0.6, stroke: "none" };
