import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { describe, expect, it } from "vitest";
import nextConfig from "./next.config";
import { inlineFilePolicy } from "./server/security-headers";

/**
 * The headers next.config.ts gives a response to `pathname`, matched as Next.js matches them
 * (server/lib/router-utils/filesystem.js: strict path-to-regexp; a later rule's value wins).
 * Next.js keeps these over a handler's own headers, so they decide what may be framed.
 */
async function configHeadersFor(pathname: string): Promise<Record<string, string>> {
  const rules = (await nextConfig.headers?.()) ?? [];
  const sent: Record<string, string> = {};
  for (const rule of rules) {
    if (!getPathMatch(rule.source, { strict: true, removeUnnamedParams: true })(pathname)) continue;
    for (const { key, value } of rule.headers) sent[key.toLowerCase()] = value;
  }
  return sent;
}

const FILE_ID = "0b9d3c1e-5f3a-4c7e-9a51-2f6d8e4b7a10";

describe("framing headers of next.config.ts", () => {
  it("lets only this origin frame a file's preview, under the inert file policy", async () => {
    const headers = await configHeadersFor(`/api/files/${FILE_ID}/preview`);
    expect(headers["content-security-policy"]).toBe(inlineFilePolicy);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(headers["x-content-type-options"]).toBe("nosniff");
  });

  it("keeps the download, the thumbnail and every other route and page unframeable", async () => {
    for (const pathname of [
      `/api/files/${FILE_ID}`,
      `/api/files/${FILE_ID}/thumbnail`,
      `/api/files/${FILE_ID}/preview/extra`,
      "/api/assets/labels",
      "/api/health",
      "/_next/static/chunks/main.js",
    ]) {
      const headers = await configHeadersFor(pathname);
      expect(headers, pathname).toMatchObject({
        "x-frame-options": "DENY",
        "content-security-policy": "frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
      });
    }
    // Pages get their whole policy, frame-ancestors 'none' included, from proxy.ts.
    for (const pathname of ["/", "/assets/123", "/files/preview"]) {
      expect((await configHeadersFor(pathname))["x-frame-options"], pathname).toBe("DENY");
    }
  });
});
