import { AppError } from "../errors";
import { urlProblem } from "./guarded-fetch";
import type { FieldSpec, HrisAdapter } from "./hris/adapter";

/**
 * Checks credentials and options against the adapter's field lists: every required field given,
 * no field the adapter does not know. A refusal names the field (`credentials.apiKey`,
 * `options.companyDomain`) so the form shows it under that input. `partial`: an edit that replaces
 * only some credentials, the rest being kept.
 */
export function checkFields(
  adapter: HrisAdapter,
  values: { credentials?: Record<string, string>; options?: Record<string, string> },
  { partial = false, allowPrivateHosts }: { partial?: boolean; allowPrivateHosts: boolean },
): { credentials: Record<string, string>; options: Record<string, string> } {
  return {
    credentials: values.credentials
      ? checkGroup("credentials", adapter.credentialFields, values.credentials, partial, allowPrivateHosts)
      : {},
    options: values.options
      ? checkGroup("options", adapter.optionFields, values.options, false, allowPrivateHosts)
      : {},
  };
}

function checkGroup(
  group: "credentials" | "options",
  specs: readonly FieldSpec[],
  given: Record<string, string>,
  partial: boolean,
  allowPrivateHosts: boolean,
): Record<string, string> {
  const known = new Map(specs.map((spec) => [spec.name, spec]));
  for (const name of Object.keys(given)) {
    if (!known.has(name))
      throw new AppError(
        "BAD_REQUEST",
        `This provider has no ${group === "credentials" ? "credential" : "option"} "${name}".`,
        {
          field: `${group}.${name}`,
        },
      );
  }
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const value = given[spec.name]?.trim() ?? "";
    if (value) {
      out[spec.name] = value;
      if (spec.name === "baseUrl" || spec.name === "orgUrl") assertUrl(group, spec, value, allowPrivateHosts);
    } else if (spec.required && !(partial && !(spec.name in given))) {
      throw new AppError("BAD_REQUEST", `Enter the ${spec.label.toLowerCase()}.`, {
        field: `${group}.${spec.name}`,
      });
    }
  }
  return out;
}

/** An address option (base URL, org URL): a full http(s) URL the SSRF guard would let through. */
function assertUrl(group: string, spec: FieldSpec, value: string, allowPrivateHosts: boolean): void {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new AppError(
      "BAD_REQUEST",
      `Enter the ${spec.label.toLowerCase()} as a full address, like https://example.com.`,
      {
        field: `${group}.${spec.name}`,
      },
    );
  }
  const problem = urlProblem(url, allowPrivateHosts);
  if (problem) throw new AppError("BAD_REQUEST", problem, { field: `${group}.${spec.name}` });
}
