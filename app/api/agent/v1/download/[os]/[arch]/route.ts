import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { fileResponse } from "@/server/http";
import { publicRoute } from "@/server/route";

export const dynamic = "force-dynamic";

const Params = z.object({
  os: z.enum(["linux", "darwin", "windows"], { error: "must be linux, darwin or windows" }),
  arch: z.enum(["amd64", "arm64"], { error: "must be amd64 or arm64" }),
});

/** The agent binary for one platform, as built into AGENT_DIST_DIR (agent/dist by default). */
export const GET = publicRoute(
  "the agent binary is public software; enrolling it needs a token",
  { params: Params },
  async ({ input }) => {
    const { os, arch } = input.params;
    const filename = `assetronics-agent-${os}-${arch}${os === "windows" ? ".exe" : ""}`;
    let bytes: Buffer;
    try {
      bytes = await readFile(path.resolve(env.AGENT_DIST_DIR, filename));
    } catch {
      throw new AppError(
        "NOT_FOUND",
        `The agent for ${os}/${arch} is not built on this server: build it into ${env.AGENT_DIST_DIR}/${filename} (see agent/README.md).`,
      );
    }
    return fileResponse(new Uint8Array(bytes), { filename, contentType: "application/octet-stream" });
  },
);
