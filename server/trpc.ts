/**
 * The procedure ladder. Every procedure declares who may call it (`meta.access`) right where it
 * is defined; the role-matrix test reads those declarations from the router.
 *
 *   1. publicProcedure                  anyone
 *   2. authedProcedure                  a signed-in, active user (any role)
 *   3. tenantProcedure(roles)           one of `roles`, inside an RLS transaction for their tenant
 *      tenantProcedurePerRead(roles)    the same, the body opening a short transaction per read
 *   4. platformProcedure                super_admin only (platform console)
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { type PlatformScope, type SessionUser, tenantUserOf, userActor, userScopeOf } from "./context";
import { getDb, type Trx, withPlatform, withTenant } from "./db";
import { AppError, type ErrorCode } from "./errors";
import { logger } from "./logger";
import { hasRole, type Role, type TenantRole } from "./roles";
import { recordOperation } from "./telemetry";

export type TrpcContext = { user: SessionUser | null; requestId: string; ip: string };
export type Access = "public" | "authenticated" | readonly Role[];
export type Meta = { access: Access };
type FlatZodError = { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };

const trpcCodes: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID_TRANSITION: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** The one place an AppError becomes a tRPC error (and so an HTTP status). */
export function toTrpcError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  if (cause instanceof AppError) {
    return new TRPCError({ code: trpcCodes[cause.code], message: cause.message, cause });
  }
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal error", cause: error });
}

const t = initTRPC
  .context<TrpcContext>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      const appCode = error.cause instanceof AppError ? error.cause.code : null;
      // A refusal about one field ("Tag LAP-1 is already used") is shown on that field.
      const field =
        error.cause instanceof AppError && typeof error.cause.details?.field === "string"
          ? error.cause.details.field
          : null;
      const zodError: FlatZodError | null =
        error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        // 5xx details stay in the server log; the client gets a reference it can quote.
        // A refused input's message is its issues in words (server/schemas/messages.ts), not
        // zod's JSON: a toast or form that shows the message shows something a person can act on.
        message: internal
          ? `Something went wrong on our side (reference ${ctx?.requestId ?? "n/a"}).`
          : error.cause instanceof ZodError
            ? [...new Set(error.cause.issues.map((issue) => issue.message))].join(" ")
            : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode,
          field,
          zodError,
        },
      };
    },
  });

export const router = t.router;
/** One router from several: a sub-domain's procedures at its parent's level (`assets.list`). */
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next, path, type, ctx }) => {
  const started = performance.now();
  const result = await next();
  const seconds = (performance.now() - started) / 1000;
  if (result.ok) {
    recordOperation("procedure", path, "ok", seconds);
    return result;
  }
  const error = toTrpcError(result.error);
  recordOperation("procedure", path, error.code, seconds);
  if (error.code === "INTERNAL_SERVER_ERROR") {
    logger.error("trpc internal error", {
      path,
      type,
      ms: Math.round(seconds * 1000),
      requestId: ctx.requestId,
      error: result.error.cause ?? result.error,
    });
  }
  return { ...result, error };
});

const enforceAccess = t.middleware(({ ctx, meta, next }) => {
  const access = meta?.access;
  if (!access) throw new AppError("INTERNAL", "Procedure declares no access rule");
  if (access === "public") return next();
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  if (access !== "authenticated" && !hasRole(ctx.user.role, access)) {
    throw new AppError("FORBIDDEN", "Your role does not allow this action.");
  }
  return next({ ctx: { user: ctx.user } });
});

/** 1. Anyone. */
export const publicProcedure = t.procedure.use(mapErrors).meta({ access: "public" }).use(enforceAccess);

/** 2. A signed-in, active user of any role. */
export const authedProcedure = t.procedure
  .use(mapErrors)
  .meta({ access: "authenticated" })
  .use(enforceAccess)
  .use(({ ctx, next }) => {
    if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
    return next({ ctx: { user: ctx.user } });
  });

class Rollback extends Error {}

/**
 * Runs the rest of the chain inside the transaction `open` starts, and rolls it back when the
 * procedure fails: everything it wrote goes, its events included.
 */
async function inTransaction<R extends { ok: boolean }>(
  open: (work: (trx: Trx) => Promise<void>) => Promise<void>,
  run: (trx: Trx) => Promise<R>,
): Promise<R> {
  let result: R | undefined;
  try {
    await open(async (trx) => {
      result = await run(trx);
      if (!result.ok) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (!result) throw new AppError("INTERNAL", "Procedure produced no result");
  return result;
}

const tenantBase = authedProcedure.use(async ({ ctx, next }) => {
  const user = tenantUserOf(ctx.user);
  const db = await getDb();
  return inTransaction(
    (work) => withTenant(db, user.tenantId, work),
    (trx) => next({ ctx: userScopeOf(trx, user, ctx.requestId) }),
  );
});

/** 3. Members of a tenant with one of `roles`; the body runs in that tenant's RLS transaction. */
export const tenantProcedure = (roles: readonly TenantRole[]) => tenantBase.meta({ access: roles });

/**
 * 3b. The same members, with no transaction around the body: `ctx.db` is the pool, for a long
 * read (audit.verify) that opens one short tenant transaction (withTenant) per batch and yields
 * between them, so no transaction holds the embedded database's one connection for the whole walk.
 */
export const tenantProcedurePerRead = (roles: readonly TenantRole[]) =>
  authedProcedure
    .use(async ({ ctx, next }) =>
      next({ ctx: userScopeOf(await getDb(), tenantUserOf(ctx.user), ctx.requestId) }),
    )
    .meta({ access: roles });

/** 4. Platform operators; the body runs in one platform transaction (app.platform on). */
export const platformProcedure = authedProcedure
  .meta({ access: ["super_admin"] })
  .use(async ({ ctx, next }) => {
    const db = await getDb();
    return inTransaction(
      (work) => withPlatform(db, work),
      (trx) => {
        const scope: Omit<PlatformScope, "requestId"> = {
          db: trx,
          user: ctx.user,
          actor: userActor(ctx.user),
        };
        return next({ ctx: scope });
      },
    );
  });
