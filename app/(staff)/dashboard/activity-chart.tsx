"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { formatDay } from "@/app/_lib/format";
import type { ActivityType, AssetActivityWeek } from "@/server/dashboard/schemas";
import { axisTick, ChartCard, type ChartSeries, ChartTooltip, chartCursor, gridStroke } from "./chart-frame";

const series: Array<ChartSeries & { key: ActivityType }> = [
  { key: "assignment", label: "Assignments", color: "var(--chart-1)" },
  { key: "return", label: "Returns", color: "var(--chart-2)" },
  { key: "repair_start", label: "Repairs", color: "var(--chart-3)" },
  { key: "retire", label: "Retirements", color: "var(--chart-4)" },
];

const shortDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
/** "2026-11-23" -> "Nov 23" (the week's Monday, as a calendar day) */
const weekLabel = (weekStart: string) => shortDay.format(new Date(`${weekStart}T00:00:00Z`));

/** Assignments, returns, repairs and retirements per week, stacked, over the last 12 weeks. */
export function ActivityChart({ weeks }: { weeks: AssetActivityWeek[] }) {
  const quiet = weeks.every((week) => series.every(({ key }) => week[key] === 0));
  return (
    <ChartCard
      title="Asset activity"
      description={`What happened to assets each week over the last ${weeks.length} weeks.`}
      legend={series}
      table={{
        columns: ["Week of", ...series.map((s) => s.label)],
        rows: weeks.map((week) => [formatDay(week.weekStart), ...series.map(({ key }) => week[key])]),
      }}
      empty={
        quiet ? (
          <EmptyState
            className="py-8"
            title="A quiet quarter"
            description={`No assignments, returns, repairs or retirements in the last ${weeks.length} weeks.`}
          />
        ) : null
      }
    >
      <div className="h-64 sm:h-72">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={weeks}
            margin={{ top: 4, right: 4, bottom: 0, left: -16 }}
            accessibilityLayer={false}
          >
            <CartesianGrid vertical={false} stroke={gridStroke} strokeDasharray="3 3" />
            <XAxis
              dataKey="weekStart"
              tickFormatter={weekLabel}
              tickLine={false}
              axisLine={false}
              tick={axisTick}
              minTickGap={12}
            />
            <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={axisTick} width={48} />
            <Tooltip
              cursor={chartCursor}
              content={(props) => <ChartTooltip {...props} title={(day) => `Week of ${formatDay(day)}`} />}
            />
            {series.map((item) => (
              <Bar
                key={item.key}
                dataKey={item.key}
                name={item.label}
                stackId="activity"
                fill={item.color}
                maxBarSize={40}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}
