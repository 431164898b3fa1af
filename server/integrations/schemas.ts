import { z } from "zod";
import { name } from "../schemas/primitives";
import { HRIS_PROVIDERS } from "./hris/adapter";

/** How often an integration syncs on its own; "manual" only when someone presses Sync now. */
export const integrationSchedules = ["hourly", "daily", "manual"] as const;
export type IntegrationSchedule = (typeof integrationSchedules)[number];

/**
 * What happens to a local edit of a field the provider owns: overwritten by the next sync
 * ("provider_wins"), or kept as an override ("keep_local_edits").
 */
export const fieldPolicies = ["provider_wins", "keep_local_edits"] as const;
export type FieldPolicy = (typeof fieldPolicies)[number];

export const runTriggers = ["schedule", "manual", "retry"] as const;
export type RunTrigger = (typeof runTriggers)[number];
export const runModes = ["full", "incremental"] as const;
export type RunMode = (typeof runModes)[number];
export const runStatuses = ["queued", "running", "succeeded", "failed", "partial"] as const;
export type RunStatus = (typeof runStatuses)[number];

export const INTEGRATION_NAME_MAX = 80;
/** How long a credential or option value may be (the settings form counts toward it). */
export const FIELD_VALUE_MAX = 2_000;

const provider = z.enum(HRIS_PROVIDERS, { error: "Choose a provider from the catalog" });
const integrationName = name({
  max: INTEGRATION_NAME_MAX,
  minMessage: "Enter a name, like “BambooHR (production)”",
});
/** Field values keyed by the adapter's field names; which names are allowed is the adapter's call. */
const fieldValues = z.record(
  z.string().max(60),
  z.string().trim().max(FIELD_VALUE_MAX, `Use at most ${FIELD_VALUE_MAX} characters`),
);

export const IntegrationIdInput = z.object({ id: z.uuid() });
export const RunIdInput = z.object({ runId: z.uuid() });

export const CreateIntegrationInput = z.object({
  provider,
  name: integrationName,
  credentials: fieldValues,
  options: fieldValues.default({}),
  schedule: z.enum(integrationSchedules).default("hourly"),
  fieldPolicy: z.enum(fieldPolicies).default("provider_wins"),
});
export type CreateIntegrationInput = z.input<typeof CreateIntegrationInput>;

export const UpdateIntegrationInput = z.object({
  id: z.uuid(),
  name: integrationName.optional(),
  /** Only the fields given are replaced; the others keep their sealed values. */
  credentials: fieldValues.optional(),
  options: fieldValues.optional(),
  schedule: z.enum(integrationSchedules).optional(),
  fieldPolicy: z.enum(fieldPolicies).optional(),
});
export type UpdateIntegrationInput = z.input<typeof UpdateIntegrationInput>;

export const SetEnabledInput = z.object({ id: z.uuid(), enabled: z.boolean() });

/** Test a saved integration, or the values of a form not saved yet. */
export const TestConnectionInput = z.union([
  z.object({ id: z.uuid() }),
  z.object({ provider, credentials: fieldValues, options: fieldValues.default({}) }),
]);
export type TestConnectionInput = z.input<typeof TestConnectionInput>;

export const SyncNowInput = z.object({ id: z.uuid(), full: z.boolean().default(false) });

export const RunsInput = z.object({
  id: z.uuid(),
  limit: z.number().int().min(1).max(100).default(20),
  /** The last run of the previous page (runs come newest first). */
  cursor: z.uuid().nullish(),
});

const FieldSpecOutput = z.object({
  name: z.string(),
  label: z.string(),
  secret: z.boolean(),
  required: z.boolean(),
  help: z.string(),
  placeholder: z.string().optional(),
});

export const CatalogEntry = z.object({
  provider,
  label: z.string(),
  credentialFields: z.array(FieldSpecOutput),
  optionFields: z.array(FieldSpecOutput),
  incremental: z.boolean(),
});

export const RunSummary = z.object({
  id: z.string(),
  integrationId: z.string(),
  trigger: z.enum(runTriggers),
  requestedBy: z.string().nullable(),
  mode: z.enum(runModes),
  status: z.enum(runStatuses),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  pages: z.number(),
  total: z.number().nullable(),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  failed: z.number(),
  error: z.string().nullable(),
  errorKind: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const integrationHealths = ["healthy", "failing", "never_run", "disabled"] as const;

export const IntegrationListItem = z.object({
  id: z.string(),
  provider,
  providerLabel: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  schedule: z.enum(integrationSchedules),
  health: z.enum(integrationHealths),
  lastRun: RunSummary.nullable(),
  successRate: z.number().nullable(),
  running: z.boolean(),
});

export const IntegrationDetail = z.object({
  id: z.string(),
  provider,
  providerLabel: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  schedule: z.enum(integrationSchedules),
  fieldPolicy: z.enum(fieldPolicies),
  options: z.record(z.string(), z.string()),
  credentialHints: z.record(z.string(), z.string()),
  createdAt: z.date(),
  runningRunId: z.string().nullable(),
});

export const RunsPage = z.object({ items: z.array(RunSummary), nextCursor: z.string().nullable() });

export const RunDetail = RunSummary.extend({
  integrationName: z.string(),
  errors: z.array(z.object({ externalId: z.string().nullable(), reason: z.string() })),
  errorCount: z.number(),
});

export const HealthPoints = z.object({
  points: z.array(
    z.object({
      runId: z.string(),
      startedAt: z.date(),
      durationMs: z.number().nullable(),
      status: z.enum(runStatuses),
      added: z.number(),
      updated: z.number(),
      failed: z.number(),
    }),
  ),
});

export const TestConnectionResult = z.union([
  z.object({ ok: z.literal(true), detail: z.string() }),
  z.object({ ok: z.literal(false), kind: z.string(), message: z.string() }),
]);
