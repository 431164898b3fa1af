"use client";

import type { ReactNode } from "react";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { type NotificationChannel, notificationChannels } from "@/server/notifications/types";

export const channelLabels: Record<NotificationChannel, string> = {
  in_app: "In the app",
  email: "Email",
  sms: "Text message",
  push: "Browser push",
  digest: "Daily digest",
};

type ChannelRow = { type: string; label: string; channels: Record<NotificationChannel, boolean> };

/**
 * Notification kinds down, channels across, a box in each cell that saves when ticked: a person's
 * own choices and a role's defaults are the same matrix. `cellLabel` is what a box reads aloud.
 */
export function NotificationChannelTable<Row extends ChannelRow>({
  label,
  rows,
  rowHeader = (row) => row.label,
  cellLabel,
  disabled,
  onToggle,
}: {
  /** The table's accessible name. */
  label: string;
  rows: readonly Row[];
  rowHeader?: (row: Row) => ReactNode;
  cellLabel: (row: Row, channel: NotificationChannel) => string;
  disabled: boolean;
  onToggle: (row: Row, channel: NotificationChannel, enabled: boolean) => void;
}) {
  return (
    <Table stickyFirstColumn aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Notification</TableHead>
          {notificationChannels.map((channel) => (
            <TableHead key={channel} scope="col" className="w-24 text-center">
              {channelLabels[channel]}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.type}>
            <TableCell>{rowHeader(row)}</TableCell>
            {notificationChannels.map((channel) => (
              <TableCell key={channel} className="text-center">
                <Checkbox
                  aria-label={cellLabel(row, channel)}
                  checked={row.channels[channel]}
                  disabled={disabled}
                  onCheckedChange={(checked) => onToggle(row, channel, checked === true)}
                />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
