import type { Choice } from "@/app/_components/choice-select";
import { returnConditions } from "@/server/assets/schemas";

export { returnConditions };
export type ReturnCondition = (typeof returnConditions)[number];
export type ReturnDestination = "in_stock" | "in_repair";

export const conditionLabels: Record<ReturnCondition, string> = {
  good: "Good",
  fair: "Fair (normal wear)",
  damaged: "Damaged",
  broken: "Broken",
};

/** The conditions a returned asset can come back in, as a return form offers them. */
export const conditionChoices: Choice[] = returnConditions.map((value) => ({
  value,
  label: conditionLabels[value],
}));

/** Where a returned asset goes next. */
export const destinationChoices: Choice[] = [
  { value: "in_stock", label: "Stock" },
  { value: "in_repair", label: "Repair" },
];
