"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useTimeZone } from "@/app/_components/time-zone";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { formatCount, formatDay } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { axisTick, ChartTooltip, chartCursor, gridStroke } from "@/app/(staff)/dashboard/chart-frame";
import { type HealthDay, runsByDay } from "../integration-format";

const series = [
  { key: "succeeded", label: "Succeeded", color: "var(--chart-5)" },
  { key: "partial", label: "Finished with errors", color: "var(--chart-3)" },
  { key: "failed", label: "Failed", color: "var(--destructive)" },
] as const satisfies ReadonlyArray<{ key: keyof HealthDay; label: string; color: string }>;
const durationColor = "var(--chart-1)";

const shortDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const dayTick = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));
const seconds = (value: number | null) => (value === null ? "—" : `${formatCount(value)} s`);

/**
 * Runs per day over the last 90 days by outcome (bars) and how long they took (the line). The
 * drawing is hidden from assistive technology, which gets the same figures as a table.
 */
export function RunsChart({ integrationId }: { integrationId: string }) {
  const trpc = useTRPC();
  const timeZone = useTimeZone();
  const { data } = useSuspenseQuery(trpc.integrations.health.queryOptions({ id: integrationId }));
  const days = useMemo(() => runsByDay(data.points, timeZone, new Date()), [data.points, timeZone]);
  const runs = days.reduce((sum, day) => sum + day.succeeded + day.partial + day.failed, 0);

  return (
    <Card>
      <CardHeader>
        <CardTitle id="runs-chart-title">Runs and durations</CardTitle>
        <CardDescription>
          Finished runs per day over the last 90 days by outcome, and the average time a run took.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {runs === 0 ? (
          <EmptyState
            className="py-8"
            title="No finished runs yet"
            description="Each finished sync adds to this chart: press Sync now or wait for the schedule."
          />
        ) : (
          <figure aria-labelledby="runs-chart-title" className="m-0 grid gap-3">
            <ul aria-hidden="true" className="flex flex-wrap gap-x-4 gap-y-1 text-muted-foreground text-xs">
              {series.map((item) => (
                <li key={item.key} className="flex items-center gap-1.5">
                  <span className="size-2.5 rounded-sm" style={{ background: item.color }} />
                  {item.label}
                </li>
              ))}
              <li className="flex items-center gap-1.5">
                <span className="h-0.5 w-3 rounded-sm" style={{ background: durationColor }} />
                Average duration (seconds)
              </li>
            </ul>
            <div aria-hidden="true" className="h-64">
              <ResponsiveContainer width="100%" height="100%">
                <ComposedChart
                  data={days}
                  margin={{ top: 4, right: 4, bottom: 0, left: -16 }}
                  accessibilityLayer={false}
                >
                  <CartesianGrid vertical={false} stroke={gridStroke} strokeDasharray="3 3" />
                  <XAxis
                    dataKey="day"
                    tickFormatter={dayTick}
                    tickLine={false}
                    axisLine={false}
                    tick={axisTick}
                    minTickGap={12}
                  />
                  <YAxis
                    yAxisId="runs"
                    allowDecimals={false}
                    tickLine={false}
                    axisLine={false}
                    tick={axisTick}
                    width={48}
                  />
                  <YAxis
                    yAxisId="seconds"
                    orientation="right"
                    tickLine={false}
                    axisLine={false}
                    tick={axisTick}
                    width={48}
                    unit=" s"
                  />
                  <Tooltip
                    cursor={chartCursor}
                    content={(props) => <ChartTooltip {...props} title={(day) => formatDay(day)} />}
                  />
                  {series.map((item) => (
                    <Bar
                      key={item.key}
                      yAxisId="runs"
                      dataKey={item.key}
                      name={item.label}
                      stackId="runs"
                      fill={item.color}
                      maxBarSize={32}
                    />
                  ))}
                  <Line
                    yAxisId="seconds"
                    dataKey="averageSeconds"
                    name="Average duration (s)"
                    stroke={durationColor}
                    strokeWidth={2}
                    dot={days.length < 30}
                    connectNulls
                  />
                </ComposedChart>
              </ResponsiveContainer>
            </div>
            <div className="sr-only">
              <table>
                <caption>Runs and durations per day</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    {series.map((item) => (
                      <th key={item.key} scope="col">
                        {item.label}
                      </th>
                    ))}
                    <th scope="col">Average duration</th>
                    <th scope="col">Longest run</th>
                    <th scope="col">Records added or updated</th>
                  </tr>
                </thead>
                <tbody>
                  {days
                    .filter((day) => day.succeeded + day.partial + day.failed > 0)
                    .map((day) => (
                      <tr key={day.day}>
                        <th scope="row">{formatDay(day.day)}</th>
                        {series.map((item) => (
                          <td key={item.key}>{formatCount(day[item.key])}</td>
                        ))}
                        <td>{seconds(day.averageSeconds)}</td>
                        <td>{seconds(day.longestSeconds)}</td>
                        <td>{formatCount(day.records)}</td>
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
