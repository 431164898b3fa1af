import { z } from "zod";
import { id, NAME_MAX, name, text } from "../schemas/primitives";

/** One of my assets (the portal derives "my" from the session, never from input). */
export const MyAssetInput = z.object({ assetId: id() });
export type MyAssetInput = z.infer<typeof MyAssetInput>;

/** The largest drawn signature accepted: a PNG data URL of a small canvas is far below this. */
export const SIGNATURE_MAX_CHARS = 400_000;

/**
 * Accepting an asset: the typed name always (it is printed under the signature, and it is the
 * keyboard alternative to drawing), plus the drawing when there is one.
 */
export const AcceptReceiptInput = z.object({
  assetId: id(),
  signerName: name({ max: NAME_MAX }),
  signature: z
    .string()
    .max(SIGNATURE_MAX_CHARS, "The drawn signature is too large; clear it and draw it again.")
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, "The drawn signature must be a PNG image.")
    .nullable()
    .default(null),
});
export type AcceptReceiptInput = z.infer<typeof AcceptReceiptInput>;

export const DeclineReceiptInput = z.object({
  assetId: id(),
  reason: text({ max: 1000, multiline: true, minMessage: "Say why you are declining this asset" }),
});
export type DeclineReceiptInput = z.infer<typeof DeclineReceiptInput>;

export const problemKinds = ["lost", "stolen", "damaged"] as const;
export type ProblemKind = (typeof problemKinds)[number];

export const ReportProblemInput = z.object({
  assetId: id(),
  kind: z.enum(problemKinds, "Choose lost, stolen or damaged"),
  description: text({ max: 2000, multiline: true, minMessage: "Describe what happened" }),
});
export type ReportProblemInput = z.infer<typeof ReportProblemInput>;

export const MyEmployee = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  status: z.string(),
});

export const MyHeldAsset = z.object({
  id: z.string(),
  tag: z.string(),
  name: z.string(),
  serial: z.string().nullable(),
  category: z.string(),
  model: z.string().nullable(),
  status: z.string(),
  expectedReturnAt: z.string().nullable(),
  since: z.date().nullable(),
  /** null: waiting for the employee's answer (when there is a recorded hand-over to answer). */
  receiptStatus: z.enum(["accepted", "declined"]).nullable(),
  receiptDecidedAt: z.date().nullable(),
  canAnswerReceipt: z.boolean(),
});
export type MyHeldAsset = z.infer<typeof MyHeldAsset>;

/** The portal's home: who I am (null when my account is linked to no employee) and what I hold. */
export const MyEquipment = z.object({ employee: MyEmployee.nullable(), assets: z.array(MyHeldAsset) });

export const MyAssetDetail = MyHeldAsset.extend({
  terms: z.object({ version: z.number(), body: z.string() }),
});

export const ReceiptState = z.discriminatedUnion("state", [
  z.object({ state: z.literal("unassigned") }),
  z.object({
    state: z.enum(["pending", "accepted", "declined"]),
    holder: z.string(),
    since: z.date().nullable(),
    receipt: z
      .object({
        status: z.string(),
        signerName: z.string().nullable(),
        signatureMethod: z.string().nullable(),
        ipAddress: z.string().nullable(),
        userAgent: z.string().nullable(),
        declineReason: z.string().nullable(),
        fileId: z.string().nullable(),
        decidedAt: z.date(),
        termsVersion: z.number().nullable(),
      })
      .nullable(),
  }),
]);

export const AssetChangeAnswer = z.object({ id: z.string(), tag: z.string(), status: z.string() });
