import { readdirSync } from "node:fs";
import path from "node:path";
import type { RouteAccess, RouteContext } from "@/server/route";

/**
 * The route files under app/api, found on disk so a new one is covered by the route matrix and the
 * route isolation probes without touching either test.
 */
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteHandler = ((request: Request, context?: RouteContext) => Promise<Response>) & {
  access?: RouteAccess;
};
export type RouteModule = Record<string, unknown>;

/**
 * Route files that are not ours to build: each hands the request to a library that authenticates
 * it, and the reason says where that is checked.
 */
export const delegatedRoutes: Record<string, string> = {
  "auth/[...nextauth]":
    "NextAuth's own sign-in, sign-out and session endpoints (sessions.int.test.ts, sign-in-limits.int.test.ts)",
  "trpc/[trpc]":
    "the tRPC adapter: every procedure declares its access (role-matrix.int.test.ts, procedure-isolation.int.test.ts)",
  inngest: "Inngest's serve endpoint: the SDK verifies every call's signature (inngest-cloud.int.test.ts)",
  "inngest/engine/e/[key]":
    "the embedded engine's event API: the event key in the path is checked by receiveEvents (engine.int.test.ts)",
};

const apiRoot = path.resolve(import.meta.dirname, "../../app/api");

/** Every folder under app/api holding a route.ts, as a path below app/api ("assets/export"). */
export function routeFolders(dir = apiRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFolders(full);
    return entry.name === "route.ts" ? [path.relative(apiRoot, dir).split(path.sep).join("/")] : [];
  });
}

/** The route files built through server/route.ts (every one but the delegated). */
export const ourRouteFolders = () => routeFolders().filter((folder) => !(folder in delegatedRoutes));

export const loadRoute = (folder: string) =>
  import(path.join(apiRoot, folder, "route.ts")) as Promise<RouteModule>;

export const handlersOf = (module: RouteModule) =>
  METHODS.filter((method) => typeof module[method] === "function").map(
    (method) => [method, module[method] as RouteHandler] as const,
  );
