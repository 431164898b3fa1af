"use client";

import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTimeZone } from "@/app/_components/time-zone";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_trpc/client";
import {
  axisTick,
  ChartCard,
  type ChartSeries,
  ChartTooltip,
  chartCursor,
} from "@/app/(staff)/dashboard/chart-frame";
import type { DeliveryChannel } from "@/server/notifications/types";

const channelNames: Record<DeliveryChannel, string> = {
  in_app: "In the app",
  email: "Email",
  sms: "Text message",
  push: "Browser push",
  digest: "Daily digest",
  chat: "Team chat",
};

/** Outcomes as the chart groups them: sent, still on its way (queued or held for quiet hours/the digest), failed. */
const outcomes: Array<ChartSeries & { key: "sent" | "waiting" | "failed"; statuses: string[] }> = [
  { key: "sent", label: "Sent", color: "var(--chart-2)", statuses: ["sent"] },
  { key: "waiting", label: "Waiting", color: "var(--chart-4)", statuses: ["queued", "deferred"] },
  { key: "failed", label: "Failed", color: "var(--destructive)", statuses: ["failed", "bounced"] },
];

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** Deliveries per day over the last 14 days, one small stacked chart per channel, by outcome. */
export function DeliveryChart() {
  const trpc = useTRPC();
  const timeZone = useTimeZone();
  const { data } = useQuery(trpc.notifications.deliveries.chart.queryOptions({ timeZone, days: 14 }));
  if (!data) return <Skeleton className="h-72 w-full" aria-label="Loading the delivery chart" />;

  const perChannel = (Object.keys(channelNames) as DeliveryChannel[]).map((channel) => ({
    channel,
    rows: data.days.map((day, index) => {
      const row: Record<string, string | number> = { day };
      for (const outcome of outcomes) {
        row[outcome.key] = data.series
          .filter((s) => s.channel === channel && outcome.statuses.includes(s.status))
          .reduce((sum, s) => sum + (s.counts[index] ?? 0), 0);
      }
      return row;
    }),
  }));
  const total = perChannel.reduce(
    (sum, c) => sum + c.rows.reduce((n, row) => n + outcomes.reduce((m, o) => m + Number(row[o.key]), 0), 0),
    0,
  );
  return (
    <ChartCard
      title="Deliveries, last 14 days"
      description="Each channel's deliveries per day: sent, still waiting (queued, or held for quiet hours or the digest), and failed."
      legend={outcomes}
      table={{
        columns: ["Day and channel", ...outcomes.map((o) => o.label)],
        rows: perChannel.flatMap((c) =>
          c.rows.map(
            (row) =>
              [
                `${dayLabel(String(row.day))}, ${channelNames[c.channel]}`,
                ...outcomes.map((o) => Number(row[o.key])),
              ] as [string, ...number[]],
          ),
        ),
      }}
      empty={
        total === 0 ? (
          <p className="text-sm text-muted-foreground">No notifications in the last 14 days.</p>
        ) : null
      }
    >
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {perChannel.map(({ channel, rows }) => (
          <div key={channel} className="grid gap-1">
            <p className="font-medium text-sm">{channelNames[channel]}</p>
            <div className="h-32">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart
                  data={rows}
                  margin={{ top: 4, right: 4, bottom: 0, left: -24 }}
                  accessibilityLayer={false}
                >
                  <XAxis
                    dataKey="day"
                    tickFormatter={dayLabel}
                    tickLine={false}
                    axisLine={false}
                    tick={axisTick}
                    minTickGap={16}
                  />
                  <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={axisTick} width={40} />
                  <Tooltip
                    cursor={chartCursor}
                    content={(props) => (
                      <ChartTooltip
                        {...props}
                        title={(day) => `${channelNames[channel]}, ${dayLabel(day)}`}
                      />
                    )}
                  />
                  {outcomes.map((outcome) => (
                    <Bar
                      key={outcome.key}
                      dataKey={outcome.key}
                      name={outcome.label}
                      stackId="outcome"
                      fill={outcome.color}
                      maxBarSize={18}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          </div>
        ))}
      </div>
    </ChartCard>
  );
}
