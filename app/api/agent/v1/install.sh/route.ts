import { installScript } from "@/server/agent/install";
import { publicRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** The install script the Settings -> Agent command pipes to sh; the enrollment token is its argument. */
export const GET = publicRoute(
  "the install script holds no secret: the enrollment token is passed to it on the machine being enrolled",
  {},
  async () =>
    new Response(installScript(), {
      headers: { "content-type": "text/x-shellscript; charset=utf-8", "cache-control": "no-store" },
    }),
);
