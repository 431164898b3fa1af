import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/router";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type AssetListPage = Outputs["assets"]["list"];
export type AssetListItem = AssetListPage["items"][number];
export type AssetDetail = Outputs["assets"]["get"];
export type AssetHistoryEntry = Outputs["assets"]["history"][number];
export type BulkSummary = Outputs["assets"]["bulk"];
export type BulkInput = Inputs["assets"]["bulk"];
export type CategoryItem = Outputs["reference"]["categories"][number];
export type CustomFieldDefinition = {
  key: string;
  label: string;
  type: string;
  required: boolean;
  options: string[];
};
