import { z } from "zod";
import { text } from "../../schemas/primitives";

export const AuditIdInput = z.object({ auditId: z.uuid() });

export const StartAuditInput = z.object({ locationId: z.uuid({ error: "Choose the location to audit" }) });
export type StartAuditInput = z.infer<typeof StartAuditInput>;

/** The longest scanned or typed code (a QR label may hold a URL; the scan box counts toward it). */
export const SCAN_CODE_MAX = 512;

export const ScanAuditCodeInput = z.object({
  auditId: z.uuid(),
  code: text({ max: SCAN_CODE_MAX, minMessage: "Scan or type a tag or serial number" }),
  /** An asset that belongs elsewhere is moved to the audited location at once. */
  moveUnexpected: z.boolean().default(false),
});
export type ScanAuditCodeInput = z.input<typeof ScanAuditCodeInput>;

export const MoveScannedAssetInput = z.object({ auditId: z.uuid(), assetId: z.uuid() });
export type MoveScannedAssetInput = z.infer<typeof MoveScannedAssetInput>;

const AuditAsset = z.object({
  id: z.string(),
  tag: z.string(),
  name: z.string(),
  location: z.string().nullable(),
});

export const ScanResult = z.object({
  outcome: z.enum(["found", "unexpected", "unknown", "duplicate"]),
  /** For a duplicate: what the first scan recorded. */
  previous: z.enum(["found", "unexpected", "unknown"]).nullable(),
  asset: AuditAsset.nullable(),
  moved: z.boolean(),
  message: z.string(),
});
export type ScanResult = z.infer<typeof ScanResult>;

export const AuditCounts = z.object({
  expected: z.number(),
  found: z.number(),
  missing: z.number(),
  unexpected: z.number(),
  unknown: z.number(),
});
export type AuditCounts = z.infer<typeof AuditCounts>;

export const AuditListItem = z.object({
  id: z.string(),
  location: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(["open", "closed"]),
  startedBy: z.string().nullable(),
  startedAt: z.date(),
  closedAt: z.date().nullable(),
  counts: AuditCounts.nullable(),
});

export const AuditDetail = AuditListItem.extend({
  counts: AuditCounts,
  found: z.array(AuditAsset.extend({ scannedAt: z.date() })),
  unexpected: z.array(AuditAsset.extend({ scannedAt: z.date(), moved: z.boolean() })),
  unknown: z.array(z.object({ code: z.string(), scannedAt: z.date() })),
  missing: z.array(AuditAsset),
  /** Lists are cut at this many entries; the counts are always complete. */
  listLimit: z.number(),
});
export type AuditDetail = z.infer<typeof AuditDetail>;

/** What asset_audits.summary holds once the audit is closed. */
export type AuditSummary = AuditCounts & {
  missingAssets: Array<{ id: string; tag: string; name: string; location: string | null }>;
  closedBy: string;
};
