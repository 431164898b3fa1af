import { clientIp } from "./auth/client-ip";
import { getSessionUser } from "./auth/session";
import { requestIdFrom } from "./request-id";
import type { TrpcContext } from "./trpc";

export async function createTrpcContext(headers: Headers): Promise<TrpcContext> {
  return {
    user: await getSessionUser(),
    requestId: requestIdFrom(headers),
    ip: clientIp(headers),
  };
}
