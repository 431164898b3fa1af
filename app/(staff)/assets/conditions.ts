import { returnConditions } from "@/server/assets/schemas";

export { returnConditions };

export const conditionLabels: Record<(typeof returnConditions)[number], string> = {
  good: "Good",
  fair: "Fair (normal wear)",
  damaged: "Damaged",
  broken: "Broken",
};
