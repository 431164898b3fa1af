/**
 * The procedure ladder. Every procedure declares who may call it (`meta.access`) right where it
 * is defined; the role-matrix test reads those declarations from the router.
 *
 *   1. publicProcedure                  anyone
 *   2. authedProcedure                  a signed-in, active user (any role)
 *   3. tenantProcedure(roles)           one of `roles`, inside an RLS transaction for their tenant
 *   4. platformProcedure                super_admin only (platform console)
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { type PlatformContext, type SessionUser, type TenantUser, userActor } from "./context";
import { getDb, type Trx, withTenant } from "./db";
import { AppError, type ErrorCode } from "./errors";
import { logger } from "./logger";
import type { Role, TenantRole } from "./roles";
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
      const zodError: FlatZodError | null =
        error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        // 5xx details stay in the server log; the client gets a reference it can quote.
        message: internal
          ? `Something went wrong on our side (reference ${ctx?.requestId ?? "n/a"}).`
          : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode,
          zodError,
        },
      };
    },
  });

export const router = t.router;
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
  if (access !== "authenticated" && !access.includes(ctx.user.role)) {
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

const tenantBase = authedProcedure.use(async ({ ctx, next }) => {
  const { user } = ctx;
  if (!user.tenantId || !user.tenantName || user.role === "super_admin") {
    throw new AppError("FORBIDDEN", "This action belongs to an organization; platform accounts have none.");
  }
  const tenantUser = {
    ...user,
    tenantId: user.tenantId,
    tenantName: user.tenantName,
    role: user.role,
  } as TenantUser;
  const db = await getDb();
  const run = (trx: Trx) =>
    next({ ctx: { db: trx, tenantId: tenantUser.tenantId, user: tenantUser, actor: userActor(tenantUser) } });
  let result: Awaited<ReturnType<typeof run>> | undefined;
  try {
    await withTenant(db, tenantUser.tenantId, async (trx) => {
      result = await run(trx);
      // A failed procedure rolls back everything it wrote, including its events.
      if (!result.ok) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (!result) throw new AppError("INTERNAL", "Procedure produced no result");
  return result;
});

/** 3. Members of a tenant with one of `roles`; the body runs in that tenant's RLS transaction. */
export const tenantProcedure = (roles: readonly TenantRole[]) => tenantBase.meta({ access: roles });

/** 4. Platform operators. */
export const platformProcedure = authedProcedure
  .meta({ access: ["super_admin"] })
  .use(async ({ ctx, next }) => {
    const platform: Omit<PlatformContext, "requestId"> = {
      db: await getDb(),
      user: ctx.user,
      actor: userActor(ctx.user),
    };
    return next({ ctx: platform });
  });

/** Role sets used across routers, so a change of policy happens in one place. */
export const can = {
  readTenant: ["admin", "it_staff", "auditor"],
  manageTenant: ["admin"],
  manageAssets: ["admin", "it_staff"],
  audit: ["admin", "auditor"],
  everyone: ["admin", "it_staff", "auditor", "employee"],
} as const satisfies Record<string, readonly TenantRole[]>;
