"use client";

import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { formatCount } from "@/app/_lib/format";
import { kindLabels, type StatusKind } from "@/server/assets/lifecycle";
import type { AssetOverview } from "@/server/dashboard/schemas";
import { axisTick, ChartCard, ChartTooltip, chartCursor } from "./chart-frame";

/** One color per lifecycle kind, from the theme's chart and state tokens (they follow dark mode). */
const kindColors: Record<StatusKind, string> = {
  on_order: "var(--chart-2)",
  in_stock: "var(--chart-5)",
  assigned: "var(--chart-1)",
  in_repair: "var(--chart-3)",
  lost: "var(--chart-4)",
  stolen: "var(--destructive)",
  retired: "var(--muted-foreground)",
  disposed: "var(--muted-foreground)",
};

type BarDatum = { label: string; count: number; color: string };

const BAR_HEIGHT = 34;
const truncate = (text: string, max = 16) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Horizontal bars with their counts at the end (so no scale or grid): readable at any width, labels never rotate. */
function HorizontalBars({ data, unit }: { data: BarDatum[]; unit: string }) {
  return (
    <div style={{ height: data.length * BAR_HEIGHT + 8 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 0, right: 48, bottom: 0, left: 0 }}
          barCategoryGap={6}
          accessibilityLayer={false}
        >
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis
            type="category"
            dataKey="label"
            width={104}
            tickLine={false}
            axisLine={false}
            tick={axisTick}
            tickFormatter={(label: string) => truncate(label)}
            interval={0}
          />
          <Tooltip cursor={chartCursor} content={(props) => <ChartTooltip {...props} />} />
          <Bar dataKey="count" name={unit} radius={[0, 4, 4, 0]} maxBarSize={22} minPointSize={2}>
            {data.map((datum) => (
              <Cell key={datum.label} fill={datum.color} />
            ))}
            <LabelList
              dataKey="count"
              position="right"
              fill="var(--foreground)"
              fontSize={12}
              formatter={(value) => formatCount(Number(value))}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function AssetsByStatusChart({ overview }: { overview: AssetOverview }) {
  const data = overview.byKind.map(({ kind, count }) => ({
    label: kindLabels[kind],
    count,
    color: kindColors[kind],
  }));
  return (
    <ChartCard
      title="Assets by status"
      description={
        overview.disposed
          ? `Where the fleet is in its lifecycle; ${formatCount(overview.disposed)} disposed assets are left out.`
          : "Where the fleet is in its lifecycle."
      }
      table={{ columns: ["Status", "Assets"], rows: data.map((d) => [d.label, d.count]) }}
      empty={overview.total === 0 ? <NoAssets /> : null}
    >
      <HorizontalBars data={data} unit="Assets" />
    </ChartCard>
  );
}

export function AssetsByCategoryChart({ overview }: { overview: AssetOverview }) {
  const data = overview.byCategory.map(({ id, name, count }) => ({
    label: name,
    count,
    // one hue: the color means nothing but "a category"; the long tail (Other) in grey
    color: id === null ? "var(--muted-foreground)" : "var(--chart-1)",
  }));
  return (
    <ChartCard
      title="Assets by category"
      description={
        overview.byCategory.some((category) => category.id === null)
          ? "The eight largest categories; the rest are counted together as Other."
          : "How the fleet divides between categories."
      }
      table={{ columns: ["Category", "Assets"], rows: data.map((d) => [d.label, d.count]) }}
      empty={overview.total === 0 ? <NoAssets /> : null}
    >
      <HorizontalBars data={data} unit="Assets" />
    </ChartCard>
  );
}

function NoAssets() {
  return (
    <EmptyState
      className="py-8"
      title="No assets yet"
      description="Charts appear here once assets are registered or imported."
    />
  );
}
