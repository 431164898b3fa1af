import { AppError } from "../errors";

export const statusKinds = [
  "on_order",
  "in_stock",
  "assigned",
  "in_repair",
  "lost",
  "stolen",
  "retired",
  "disposed",
] as const;
export type StatusKind = (typeof statusKinds)[number];

export const kindLabels: Record<StatusKind, string> = {
  on_order: "On order",
  in_stock: "In stock",
  assigned: "Assigned",
  in_repair: "In repair",
  lost: "Lost",
  stolen: "Stolen",
  retired: "Retired",
  disposed: "Disposed",
};

/** The statuses every tenant starts with: one default per kind. */
export const defaultStatuses: Array<{ label: string; kind: StatusKind; color: string }> = [
  { label: "On order", kind: "on_order", color: "blue" },
  { label: "In stock", kind: "in_stock", color: "green" },
  { label: "Assigned", kind: "assigned", color: "indigo" },
  { label: "In repair", kind: "in_repair", color: "amber" },
  { label: "Lost", kind: "lost", color: "red" },
  { label: "Stolen", kind: "stolen", color: "red" },
  { label: "Retired", kind: "retired", color: "gray" },
  { label: "Disposed", kind: "disposed", color: "gray" },
];

/**
 * Status changes the lifecycle allows (assign, return and transfer have their own operations).
 * An assigned asset must be returned before it goes to repair or retirement; losing it, or having
 * it stolen, ends the assignment.
 */
const statusTransitions: Record<StatusKind, readonly StatusKind[]> = {
  on_order: ["in_stock", "lost"],
  in_stock: ["in_repair", "lost", "stolen", "retired"],
  assigned: ["lost", "stolen"],
  in_repair: ["in_stock", "retired", "lost", "stolen"],
  lost: ["in_stock", "retired"],
  stolen: ["in_stock", "retired"],
  retired: ["disposed", "in_stock"],
  disposed: [],
};

export type AssetState = { tag: string; statusLabel: string; kind: StatusKind; holderName?: string | null };

const describeState = (asset: AssetState) =>
  `${asset.tag} is ${asset.statusLabel} (${kindLabels[asset.kind].toLowerCase()})`;

export function assertCanAssign(asset: AssetState): void {
  if (asset.kind === "assigned") {
    throw new AppError(
      "CONFLICT",
      `${asset.tag} is already assigned to ${asset.holderName ?? "someone"}. Return or transfer it instead.`,
      {
        holder: asset.holderName ?? null,
      },
    );
  }
  if (asset.kind !== "in_stock") {
    throw new AppError(
      "INVALID_TRANSITION",
      `${describeState(asset)}; only an in-stock asset can be assigned.`,
    );
  }
}

export function assertCanReturn(asset: AssetState): void {
  if (asset.kind !== "assigned")
    throw new AppError(
      "INVALID_TRANSITION",
      `${describeState(asset)}; only an assigned asset can be returned.`,
    );
}

export function assertCanTransfer(asset: AssetState): void {
  if (asset.kind !== "assigned") {
    throw new AppError(
      "INVALID_TRANSITION",
      `${describeState(asset)}; only an assigned asset can be transferred. Assign it instead.`,
    );
  }
}

export function assertCanChangeStatus(asset: AssetState, to: StatusKind): void {
  if (to === "assigned") {
    throw new AppError(
      "INVALID_TRANSITION",
      `Use Assign to give ${asset.tag} to someone; its status follows.`,
    );
  }
  if (asset.kind === to) return;
  if (!statusTransitions[asset.kind].includes(to)) {
    const allowed = statusTransitions[asset.kind].map((kind) => kindLabels[kind].toLowerCase());
    const hint =
      asset.kind === "assigned" && (to === "in_repair" || to === "retired")
        ? " Return it first."
        : allowed.length
          ? ` From here it can go to: ${allowed.join(", ")}.`
          : " It is final.";
    throw new AppError(
      "INVALID_TRANSITION",
      `${describeState(asset)} and cannot become ${kindLabels[to].toLowerCase()}.${hint}`,
    );
  }
}

export const allowedStatusTargets = (kind: StatusKind): readonly StatusKind[] => statusTransitions[kind];

export type TransactionType =
  | "purchase"
  | "assignment"
  | "return"
  | "transfer"
  | "status_change"
  | "repair_start"
  | "repair_complete"
  | "retire"
  | "lost"
  | "stolen"
  | "maintenance"
  | "audit";

/** The history entry a status change writes. */
export function transactionTypeFor(from: StatusKind, to: StatusKind): TransactionType {
  if (to === "in_repair") return "repair_start";
  if (from === "in_repair" && to === "in_stock") return "repair_complete";
  if (from === "on_order" && to === "in_stock") return "purchase";
  if (to === "lost") return "lost";
  if (to === "stolen") return "stolen";
  if (to === "retired" || to === "disposed") return "retire";
  return "status_change";
}
