/**
 * The route-handler ladder, as server/trpc.ts is the procedure ladder. Every method a route file
 * under app/api exports is built by one rung, which declares who may call it on the handler itself
 * (`GET.access`); the route matrix test reads the declarations from every route file, so a handler
 * that declares none fails it.
 *
 *   1. publicRoute(reason, input, handler)     anyone; the reason says why
 *   2. tokenRoute(verifier, input, handler)    a machine sending a bearer token the verifier accepts
 *   3. tenantRoute(roles, options, handler)    one of `roles`, in their tenant's RLS transaction
 *   4. platformRoute(input, handler)           super_admin, in a platform transaction
 *
 * Each rung reads the request id, checks the caller (401, then 403) before it reads any input,
 * parses the input with zod (a 400 naming each wrong field), and maps every error once
 * (server/http.ts errorResponse).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { getSessionUser } from "./auth/session";
import {
  type PlatformScope,
  type SessionUser,
  tenantUserOf,
  type UserScope,
  userActor,
  userScopeOf,
} from "./context";
import { type Db, getDb, withPlatform, withTenant } from "./db";
import { AppError } from "./errors";
import { errorResponse } from "./http";
import { requestIdFrom } from "./request-id";
import { hasRole, type Role, type TenantRole } from "./roles";

/** Who may call a handler, declared where it is built. */
export type RouteAccess =
  | { kind: "public"; reason: string }
  | { kind: "token"; verifier: string }
  | { kind: "roles"; roles: readonly Role[] };

/** What Next.js passes a handler besides the request: the dynamic segments of its folder. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type RouteHandler = ((request: Request, context?: RouteContext) => Promise<Response>) & {
  readonly access: RouteAccess;
};

/**
 * The schemas a handler's input is parsed with: the query string (the schema receives the
 * URLSearchParams, so repeated and comma-separated keys read as the page's URL does), the folder's
 * dynamic segments, and a JSON body.
 */
export type RouteInput = {
  query?: z.ZodType<unknown, URLSearchParams>;
  params?: z.ZodType;
  body?: z.ZodType;
};

type Output<I, K extends keyof RouteInput> = I extends { [key in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;
export type ParsedInput<I extends RouteInput> = {
  query: Output<I, "query">;
  params: Output<I, "params">;
  body: Output<I, "body">;
};

type Call<I extends RouteInput> = { request: Request; requestId: string; input: ParsedInput<I> };

export type TenantRouteOptions = RouteInput & {
  /**
   * "request" (the default): the handler runs in one RLS transaction, committed before the
   * response is sent, so the response must be complete when the handler returns. "per-read": no
   * transaction is held; the handler gets the pool and its reads open their own short tenant
   * transactions, for a body read after the handler returns (a CSV stream) or work too long to
   * hold a connection through (a sheet of labels).
   */
  transaction?: "request" | "per-read";
};

/** A tenant handler's scope: the request's transaction, or the pool when it reads per batch. */
export type TenantRouteScope<O extends TenantRouteOptions> = O extends { transaction: "per-read" }
  ? Omit<UserScope, "db"> & { db: Db }
  : UserScope;

/** How a machine caller proves who it is: a verifier of the bearer token it sends. */
export type TokenVerifier<Caller> = {
  /** What the token is, for the route matrix and the 401 message ("the METRICS_TOKEN"). */
  name: string;
  /**
   * The caller the token stands for, or null to refuse it with a 401. `token` is null when the
   * request carries none, so a verifier decides whether anyone may come without one.
   */
  verify(token: string | null, request: Request): Promise<Caller | null> | Caller | null;
  /**
   * For callers that authenticate only when challenged (HTTP Basic in stock agents): the
   * WWW-Authenticate value a 401 carries. Without it the 401 asks for a bearer token.
   */
  challenge?: string;
};

/** Wraps a rung's body: the request id, the access declaration, and the one error mapping. */
function declare(
  access: RouteAccess,
  run: (request: Request, context: RouteContext | undefined, requestId: string) => Promise<Response>,
): RouteHandler {
  const handler = async (request: Request, context?: RouteContext): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    try {
      return await run(request, context, requestId);
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
  return Object.assign(handler, { access });
}

/** Bad input as a 400: the first problem in the message, every field's problems in `fields`. */
function invalidInput(error: z.ZodError): AppError {
  const first = error.issues[0];
  const where = first?.path.join(".");
  const problem = first ? `${where ? `${where}: ` : ""}${first.message}` : "the input is not valid";
  return new AppError("BAD_REQUEST", `Check the request: ${problem}`, {
    fields: z.flattenError(error).fieldErrors,
  });
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body must be JSON.");
  }
}

async function parseInput<I extends RouteInput>(
  schemas: I,
  request: Request,
  context: RouteContext | undefined,
): Promise<ParsedInput<I>> {
  return {
    query: schemas.query && parseWith(schemas.query, new URL(request.url).searchParams),
    params: schemas.params && parseWith(schemas.params, context ? await context.params : {}),
    body: schemas.body && parseWith(schemas.body, await jsonBody(request)),
  } as ParsedInput<I>;
}

/** The signed-in user, if their role is one of `roles`: 401 without a session, 403 with another role. */
async function signedIn(roles: readonly Role[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  if (!hasRole(user.role, roles)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return user;
}

/** The bearer token of `Authorization: Bearer <token>`, or null. */
function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S{1,512})$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** SHA-256 (hex) of a token: what a token table stores and looks tokens up by. */
export const tokenDigest = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Whether `given` is `expected`, in time that does not depend on where they differ. */
export function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(tokenDigest(given), "hex"), Buffer.from(tokenDigest(expected), "hex"));
}

/** 1. Anyone: liveness probes and the like. The reason is part of the declaration. */
export function publicRoute<I extends RouteInput>(
  reason: string,
  input: I,
  handler: (call: Call<I>) => Promise<Response>,
): RouteHandler {
  return declare({ kind: "public", reason }, async (request, context, requestId) =>
    handler({ request, requestId, input: await parseInput(input, request, context) }),
  );
}

/** 2. A machine (an agent, a scraper) whose bearer token `verifier` accepts. */
export function tokenRoute<Caller, I extends RouteInput>(
  verifier: TokenVerifier<Caller>,
  input: I,
  handler: (call: Call<I> & { caller: Caller }) => Promise<Response>,
): RouteHandler {
  return declare({ kind: "token", verifier: verifier.name }, async (request, context, requestId) => {
    const caller = await verifier.verify(bearerToken(request), request);
    if (caller === null && verifier.challenge) {
      const refused = errorResponse(new AppError("UNAUTHORIZED", `Send ${verifier.name}.`), requestId);
      refused.headers.set("www-authenticate", verifier.challenge);
      return refused;
    }
    if (caller === null) {
      throw new AppError(
        "UNAUTHORIZED",
        `Send ${verifier.name} as a bearer token (Authorization: Bearer ...).`,
      );
    }
    return handler({ request, requestId, caller, input: await parseInput(input, request, context) });
  });
}

/** 3. Members of a tenant with one of `roles`, in that tenant's RLS transaction (see `transaction`). */
export function tenantRoute<O extends TenantRouteOptions>(
  roles: readonly TenantRole[],
  options: O,
  handler: (call: Call<O> & TenantRouteScope<O>) => Promise<Response>,
): RouteHandler {
  return declare({ kind: "roles", roles }, async (request, context, requestId) => {
    const user = tenantUserOf(await signedIn(roles));
    const input = await parseInput(options, request, context);
    const db = await getDb();
    const call = { request, input, ...userScopeOf(db, user, requestId) };
    const run = handler as (
      call: Call<O> & Omit<UserScope, "db"> & { db: UserScope["db"] | Db },
    ) => Promise<Response>;
    if (options.transaction === "per-read") return run({ ...call, db });
    return withTenant(db, user.tenantId, (trx) => run({ ...call, db: trx }));
  });
}

/** 4. Platform operators, in one platform transaction (app.platform on). */
export function platformRoute<I extends RouteInput>(
  input: I,
  handler: (call: Call<I> & PlatformScope) => Promise<Response>,
): RouteHandler {
  return declare({ kind: "roles", roles: ["super_admin"] }, async (request, context, requestId) => {
    const user = await signedIn(["super_admin"]);
    const parsed = await parseInput(input, request, context);
    return withPlatform(await getDb(), (trx) =>
      handler({ request, requestId, input: parsed, db: trx, user, actor: userActor(user) }),
    );
  });
}
