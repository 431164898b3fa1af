import { z } from "zod";
import { statusKinds } from "./lifecycle";

/** An asset's status as the list and the asset page show it. */
export const AssetStatus = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(statusKinds),
  color: z.string(),
});

export const AssetDetail = z.object({
  id: z.string(),
  tag: z.string(),
  name: z.string(),
  serial: z.string().nullable(),
  status: AssetStatus,
  allowedStatusKinds: z.array(z.enum(statusKinds)),
  category: z.object({ id: z.string(), name: z.string(), depreciationMonths: z.number().nullable() }),
  model: z.object({ id: z.string(), name: z.string(), manufacturer: z.string() }).nullable(),
  location: z.object({ id: z.string(), name: z.string() }).nullable(),
  employee: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }).nullable(),
  purchaseDate: z.string().nullable(),
  cost: z.string().nullable(),
  bookValue: z.number().nullable(),
  vendor: z.string().nullable(),
  orderNumber: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  endOfLife: z.string().nullable(),
  notes: z.string().nullable(),
  lastMaintenanceAt: z.string().nullable(),
  expectedReturnAt: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  customFieldDefinitions: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.string(),
      required: z.boolean(),
      options: z.array(z.string()),
    }),
  ),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const AssetHistoryEntry = z.object({
  id: z.string(),
  type: z.string(),
  condition: z.string().nullable(),
  notes: z.string().nullable(),
  actor: z.string().nullable(),
  occurredAt: z.date(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  fromEmployee: z.string().nullable(),
  toEmployee: z.string().nullable(),
  fromLocation: z.string().nullable(),
  toLocation: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
