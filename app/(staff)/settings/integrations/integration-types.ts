import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/router";

type Outputs = inferRouterOutputs<AppRouter>["integrations"];
type Inputs = inferRouterInputs<AppRouter>["integrations"];

export type CatalogEntry = Outputs["catalog"][number];
export type FieldSpec = CatalogEntry["credentialFields"][number];
export type IntegrationListItem = Outputs["list"][number];
export type IntegrationDetail = Outputs["get"];
export type RunSummary = Outputs["runs"]["items"][number];
export type RunDetail = Outputs["run"];
export type TestConnectionInput = Inputs["testConnection"];
export type TestConnectionResult = Outputs["testConnection"];
export type RunsPage = Outputs["runs"];
