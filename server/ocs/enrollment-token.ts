import { findEnrollmentToken } from "../agent/credentials";
import type { TokenVerifier } from "../route";

/** A stock OCS agent as its Basic credentials identify it: the tenant's enrollment token. */
export type OcsCaller = { tenantId: string; tokenId: string };

/**
 * Stock OCS agents authenticate with HTTP Basic, and only once challenged (`--user`, `--password`
 * and `--realm`, base64-encoded on their command line): the password is one of the tenant's
 * enrollment tokens, the user name is not used. A revoked or expired token is refused.
 */
export const ocsEnrollmentToken: TokenVerifier<OcsCaller> = {
  name: "an enrollment token as the HTTP Basic password (realm Assetronics)",
  challenge: 'Basic realm="Assetronics", charset="UTF-8"',
  async verify(_bearer, request) {
    const match = /^Basic\s+([A-Za-z0-9+/=]{1,1024})$/i.exec(request.headers.get("authorization") ?? "");
    if (!match?.[1]) return null;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const password = decoded.slice(decoded.indexOf(":") + 1);
    const token = await findEnrollmentToken(password);
    return token?.usable ? { tenantId: token.tenantId, tokenId: token.tokenId } : null;
  },
};
