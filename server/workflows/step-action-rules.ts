import type { StepAction } from "./schemas";

/** The placeholder a per-held-licence step's title names its licence by ("Revoke {licence}"). */
export const LICENSE_PLACEHOLDER = "{licence}";

type ActionFields = { action?: StepAction | null; perHeldAsset?: boolean; perHeldLicense?: boolean };

const assetActions: readonly StepAction[] = ["return_asset", "mark_asset_in_stock", "record_maintenance"];

/**
 * Whether a template step's completion action can find what it acts on, in words the template
 * editor shows on the action's field (and the server refuses with): revoking "the step's licence"
 * needs a step repeated per held licence, and a step repeats per asset or per licence, not both.
 * Null when the step is fine.
 */
export function stepActionProblem(step: ActionFields): string | null {
  if (step.perHeldAsset && step.perHeldLicense) {
    return "Repeat the step per asset or per licence, not both";
  }
  if (step.action === "revoke_license" && !step.perHeldLicense) {
    return "Revoking the step's licence needs the step repeated per licence the employee holds";
  }
  if (step.perHeldLicense && step.action && assetActions.includes(step.action)) {
    return "A step per licence has no asset to act on; choose a licence action or none";
  }
  return null;
}
