import type { InTenant } from "../../context";
import { openCredentials } from "../credentials";
import { checkFields } from "../fields";
import { type HrisConnection, IntegrationError, type IntegrationErrorKind } from "../hris/adapter";
import { findIntegration } from "../queries";
import { type IntegrationRuntime, providerOf } from "../runtime";
import { TestConnectionInput } from "../schemas";

export type TestConnectionResult =
  | { ok: true; detail: string }
  | { ok: false; kind: IntegrationErrorKind | "invalid"; message: string };

/** What each kind of failure means for the admin, before the provider's own detail. */
export const failureLead: Record<IntegrationErrorKind, string> = {
  auth: "The credentials were rejected.",
  permission: "The credentials work but lack a permission or scope the sync needs.",
  not_found: "The company, subdomain or address was not found.",
  throttled: "The provider is throttling requests right now; try again in a minute.",
  unavailable: "The provider did not answer properly; it may be down.",
  bad_response: "The provider answered with something we could not read.",
};

/** The admin sentence for an integration failure: what it means, then the provider's detail. */
export function adminSentence(error: IntegrationError): string {
  return `${failureLead[error.kind]} ${error.message}`;
}

/**
 * Tries a saved integration's connection, or a form's values before saving. The database is read
 * in a short transaction of its own and the provider called after it ends: a slow provider never
 * holds a connection. Provider failures are answers, not errors: `{ ok: false, kind, message }`.
 */
export async function testConnection(
  inTenant: InTenant,
  runtime: IntegrationRuntime,
  raw: TestConnectionInput,
): Promise<TestConnectionResult> {
  const input = TestConnectionInput.parse(raw);
  const target =
    "id" in input
      ? await inTenant(async (scope) => {
          const row = await findIntegration(scope.db, scope.tenantId, input.id);
          return {
            provider: providerOf(row.provider),
            credentials: openCredentials(scope.tenantId, row.id, row.credentials_sealed),
            options: (row.options ?? {}) as Record<string, string>,
          };
        })
      : { provider: input.provider, ...checkFormValues(runtime, input) };
  if ("problem" in target) return target.problem;
  const adapter = runtime.adapterFor(target.provider);
  const connection: HrisConnection = {
    credentials: target.credentials,
    options: target.options,
    fetch: runtime.fetch,
  };
  try {
    const { detail } = await adapter.testConnection(connection);
    return { ok: true, detail };
  } catch (error) {
    if (error instanceof IntegrationError)
      return { ok: false, kind: error.kind, message: adminSentence(error) };
    throw error;
  }
}

/** A form's values checked like saving would; a problem is an answer naming it. */
function checkFormValues(
  runtime: IntegrationRuntime,
  input: {
    provider: Parameters<IntegrationRuntime["adapterFor"]>[0];
    credentials: Record<string, string>;
    options: Record<string, string>;
  },
):
  | { credentials: Record<string, string>; options: Record<string, string> }
  | { problem: TestConnectionResult } {
  try {
    return checkFields(runtime.adapterFor(input.provider), input, {
      allowPrivateHosts: runtime.allowPrivateHosts,
    });
  } catch (error) {
    return { problem: { ok: false, kind: "invalid", message: (error as Error).message } };
  }
}
