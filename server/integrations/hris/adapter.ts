/**
 * What an HRIS adapter gives the sync runner: people in our field names, one page at a time, with
 * an opaque cursor the runner stores after committing each page, so a failed run resumes where it
 * stopped. Adapters speak HTTP only; they never touch the database.
 */

export const HRIS_PROVIDERS = ["bamboohr", "rippling", "okta"] as const;
export type HrisProvider = (typeof HRIS_PROVIDERS)[number];

/** One person as the provider describes them, in our field names. Dates are yyyy-mm-dd. */
export interface HrisPerson {
  externalId: string;
  employeeNumber: string | null;
  firstName: string;
  lastName: string;
  workEmail: string | null;
  personalEmail: string | null;
  phone: string | null;
  title: string | null;
  department: string | null;
  /** The provider's division or organization. */
  organization: string | null;
  location: string | null;
  managerExternalId: string | null;
  hireDate: string | null;
  terminationDate: string | null;
  status: "active" | "pending" | "terminated";
}

/** A page holds people and the records it could not read, each with the reason. */
export type PulledRecord =
  | { ok: true; person: HrisPerson }
  | { ok: false; externalId: string | null; reason: string };

export interface PulledPage {
  records: PulledRecord[];
  /** Pass back to get the next page; null when this was the last one. Opaque to the runner. */
  next: string | null;
  /** The provider's total when it says (for progress), else null. */
  total: number | null;
}

export interface HrisConnection {
  /** Decrypted credentials, keyed by the adapter's credential field names. */
  credentials: Record<string, string>;
  /** Non-secret settings, keyed by the adapter's option field names (subdomain, baseUrl, ...). */
  options: Record<string, string>;
  /** The HTTP client to use: tests and the SSRF guard pass their own. */
  fetch: typeof fetch;
  signal?: AbortSignal;
}

export interface PullRequest extends HrisConnection {
  /** Only people changed since this instant (incremental), or everyone when null (full). */
  since: Date | null;
  /** The `next` of the previous page, or null for the first page. */
  cursor: string | null;
}

/** The typed slot for writing back to the provider (a later issue fills it in). */
export interface PushRequest extends HrisConnection {
  externalId: string;
  fields: Partial<Pick<HrisPerson, "workEmail" | "phone" | "title">> & Record<string, string>;
}

export interface FieldSpec {
  name: string;
  label: string;
  /** Secret fields are encrypted at rest and never shown again in full. */
  secret: boolean;
  required: boolean;
  help: string;
  placeholder?: string;
}

export interface HrisAdapter {
  provider: HrisProvider;
  label: string;
  credentialFields: readonly FieldSpec[];
  optionFields: readonly FieldSpec[];
  /** Whether `since` narrows the pull; when false every sync is full. */
  incremental: boolean;
  /** Resolves with a sentence for the admin ("Connected to acme: 212 people visible"), or throws IntegrationError. */
  testConnection(connection: HrisConnection): Promise<{ detail: string }>;
  /** One page. Throws IntegrationError for anything but a malformed record (which is a `{ ok: false }` record). */
  pullPage(request: PullRequest): Promise<PulledPage>;
  push?: (request: PushRequest) => Promise<void>;
}

export type IntegrationErrorKind =
  /** Credentials rejected (401): fail fast, no retries. */
  | "auth"
  /** Authenticated but not allowed (403, missing scope): fail fast. */
  | "permission"
  /** The company, subdomain or base URL does not exist (404 on the root, DNS failure): fail fast. */
  | "not_found"
  /** Throttled (429, BambooHR's 503 with its error header, Okta's E0000047): retry after `retryAfterMs`. */
  | "throttled"
  /** 5xx, timeouts, connection resets: retry with backoff (or after `retryAfterMs` when given). */
  | "unavailable"
  /** A response we cannot read as a whole (not JSON, wrong shape): fail the page, retry. */
  | "bad_response";

export class IntegrationError extends Error {
  readonly kind: IntegrationErrorKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;

  constructor(
    kind: IntegrationErrorKind,
    message: string,
    options: { status?: number | null; retryAfterMs?: number | null } = {},
  ) {
    super(message);
    this.name = "IntegrationError";
    this.kind = kind;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }

  /** auth, permission and not_found will not get better by trying again. */
  get retriable(): boolean {
    return this.kind === "throttled" || this.kind === "unavailable" || this.kind === "bad_response";
  }
}
