import { z } from "zod";
import { findEnrollmentToken } from "@/server/agent/credentials";
import { AgentHttpError, answering, readAgentJson } from "@/server/agent/http";
import { EnrollDevice } from "@/server/agent/payload";
import { enrollDevice } from "@/server/agent/services/enroll-device";
import { getDb, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { jsonResponse } from "@/server/http";
import { publicRoute } from "@/server/route";

export const dynamic = "force-dynamic";

const EnrollBody = z.object({ token: z.string().min(1).max(200), device: EnrollDevice });
const invalidToken = () =>
  new AgentHttpError(
    401,
    "invalid_token",
    "This enrollment token is unknown, revoked or expired: ask an admin for a new one.",
  );

/** A device exchanges an enrollment token for its own credential (shown once). */
export const POST = publicRoute(
  "a device has no credential yet: it proves itself with the enrollment token in the body, checked before anything is written",
  {},
  async ({ request, requestId }) =>
    answering(async () => {
      const body = await readAgentJson(request, EnrollBody);
      const token = await findEnrollmentToken(body.token);
      if (!token?.usable) throw invalidToken();
      try {
        const enrolled = await withTenant(await getDb(), token.tenantId, (trx) =>
          enrollDevice(
            { db: trx, tenantId: token.tenantId, requestId, cause: null },
            token.tokenId,
            body.device,
          ),
        );
        return jsonResponse(enrolled, 201);
      } catch (error) {
        if (error instanceof AppError && error.code === "UNAUTHORIZED") throw invalidToken();
        throw error;
      }
    }),
);
