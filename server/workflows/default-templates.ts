import type { TemplateStep, WorkflowKind } from "./schemas";

type DefaultTemplate = { kind: WorkflowKind; name: string; description: string; steps: TemplateStep[] };

const it = { type: "role", value: "it_staff" } as const;
const admin = { type: "role", value: "admin" } as const;

/** A step with the defaults every template step shares spelled out once. */
const step = (title: string, fields: Partial<TemplateStep> = {}): TemplateStep => ({
  title,
  instructions: "",
  assignee: it,
  dueOffsetDays: 3,
  needsApproval: null,
  needsEvidence: false,
  ...fields,
});

/**
 * The templates every organization starts with, one default per kind: automation starts the
 * default of a kind, and admins edit them (a new version) rather than starting from nothing.
 */
export const defaultTemplates: DefaultTemplate[] = [
  {
    kind: "onboarding",
    name: "Onboarding",
    description: "Equip a new hire before their first day.",
    steps: [
      // Due dates count from the hire date: the laptop and accounts are ready before day one.
      step("Prepare a laptop", { dueOffsetDays: -3 }),
      step("Create accounts and licences", { dueOffsetDays: -2 }),
      step("Hand over equipment", { needsEvidence: true, dueOffsetDays: 0 }),
      step("Welcome check-in", { assignee: { type: "manager" }, dueOffsetDays: 7 }),
    ],
  },
  {
    kind: "offboarding",
    name: "Offboarding",
    description: "Collect equipment and close access when someone leaves.",
    steps: [
      step("Return {tag}", {
        instructions: "Collect the asset from the leaver and check its condition.",
        perHeldAsset: true,
        action: { type: "return_asset" },
      }),
      step("Revoke {licence}", {
        instructions:
          "Remove the leaver's access in the vendor's admin console; completing this frees the seat.",
        perHeldLicense: true,
        action: { type: "revoke_license" },
        dueOffsetDays: 1,
      }),
      // Whatever licences are left (assigned after the offboarding started): revoked all at once.
      step("Revoke accounts and licences", { dueOffsetDays: 1, action: { type: "revoke_licenses" } }),
      step("Confirm offboarding", { needsApproval: "admin", assignee: admin, dueOffsetDays: 5 }),
    ],
  },
  {
    kind: "repair",
    name: "Repair",
    description: "Get a broken asset fixed and back in stock.",
    steps: [
      step("Diagnose the fault", { dueOffsetDays: 2 }),
      step("Repair or send to the vendor", { dueOffsetDays: 10 }),
      step("Test and return to stock", { dueOffsetDays: 14 }),
    ],
  },
  {
    kind: "incident",
    name: "Lost or stolen asset",
    description: "Report, search and resolve a lost or stolen asset.",
    steps: [
      step("Lock the device and revoke its access", { dueOffsetDays: 1 }),
      step("Search and report (police report if stolen)", { needsEvidence: false, dueOffsetDays: 7 }),
      step("Resolve: found or confirmed lost", { outcomes: ["found", "confirmed_lost"], dueOffsetDays: 14 }),
    ],
  },
  {
    kind: "procurement",
    name: "Procurement",
    description: "Request, approve and receive new hardware.",
    steps: [
      step("Approve the purchase", { needsApproval: "admin", assignee: admin, dueOffsetDays: 2 }),
      step("Order from the supplier", { dueOffsetDays: 3 }),
      step("Receive and tag the hardware", { dueOffsetDays: 14 }),
    ],
  },
  {
    kind: "maintenance",
    name: "Maintenance",
    description: "Scheduled maintenance of an asset.",
    steps: [step("Perform maintenance", { action: { type: "record_maintenance" }, dueOffsetDays: 7 })],
  },
  {
    kind: "equipment_return",
    name: "Equipment return",
    description: "Check a returned asset and put it back in stock.",
    steps: [
      step("Inspect the returned asset", { dueOffsetDays: 2 }),
      step("Wipe and restock", { dueOffsetDays: 5 }),
    ],
  },
  {
    kind: "emergency_replacement",
    name: "Emergency replacement",
    description: "Get someone working again today.",
    steps: [
      step("Hand over a replacement", { dueOffsetDays: 0 }),
      step("Follow up on the original asset", { dueOffsetDays: 3 }),
    ],
  },
  {
    kind: "incoming_hardware",
    name: "Incoming hardware",
    description: "Receive a delivery and put it in stock.",
    steps: [step("Check the delivery", { dueOffsetDays: 1 }), step("Tag and shelve", { dueOffsetDays: 3 })],
  },
  {
    kind: "transfer_verification",
    name: "Transfer verification",
    description: "Confirm a transferred asset reached its new holder.",
    steps: [step("Confirm receipt", { assignee: { type: "employee" }, dueOffsetDays: 3 })],
  },
  {
    kind: "access_review",
    name: "Access review",
    description: "Review access after a change of role or department.",
    steps: [
      step("Review access", { assignee: { type: "manager" }, dueOffsetDays: 5 }),
      step("Apply the changes", { dueOffsetDays: 7 }),
    ],
  },
];

/**
 * What a default template's steps were before its current form, by kind: a tenant whose default
 * still has exactly these (never edited) gets the current steps as its next version
 * (server/workflows/services/provision-workflow-templates.ts). An edited default is left alone.
 */
export const supersededDefaultSteps: Partial<Record<WorkflowKind, TemplateStep[][]>> = {
  // Before each held licence got a "Revoke {licence}" step (2026-12-06).
  offboarding: [
    [
      step("Return {tag}", {
        instructions: "Collect the asset from the leaver and check its condition.",
        perHeldAsset: true,
        action: { type: "return_asset" },
      }),
      step("Revoke accounts and licences", { dueOffsetDays: 1 }),
      step("Confirm offboarding", { needsApproval: "admin", assignee: admin, dueOffsetDays: 5 }),
    ],
  ],
};
