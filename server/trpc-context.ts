import { randomUUID } from "node:crypto";
import { clientIp } from "./auth/client-ip";
import { getSessionUser } from "./auth/session";
import type { TrpcContext } from "./trpc";

export async function createTrpcContext(headers: Headers): Promise<TrpcContext> {
  return {
    user: await getSessionUser(),
    requestId: headers.get("x-request-id") ?? randomUUID(),
    ip: clientIp(headers),
  };
}
