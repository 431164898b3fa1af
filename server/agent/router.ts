import { z } from "zod";
import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import {
  agentSettings,
  assetAgentView,
  assetSoftware,
  deviceCounts,
  discoveredDevices,
  listDevices,
  listEnrollmentTokens,
  searchSoftware,
} from "./queries";
import {
  AcceptDeviceInput,
  AgentOverview,
  AgentSettings,
  AssetAgentView,
  AssetSoftwareInput,
  AssetSoftwareItem,
  CreatedEnrollmentToken,
  CreateEnrollmentTokenInput,
  DeviceIdInput,
  DeviceItem,
  DeviceListInput,
  DiscoveredDevice,
  EnrollmentTokenItem,
  LinkDeviceInput,
  SoftwareSearchInput,
  SoftwareSearchItem,
  TokenIdInput,
} from "./schemas";
import { createEnrollmentToken } from "./services/create-enrollment-token";
import { acceptDevice, ignoreDevice, linkDeviceToAsset } from "./services/review-device";
import { revokeDevice } from "./services/revoke-device";
import { revokeEnrollmentToken } from "./services/revoke-enrollment-token";
import { rotateDeviceCredential } from "./services/rotate-device-credential";
import { updateAgentSettings } from "./services/update-agent-settings";

const read = tenantProcedure(can.readTenant);
const review = tenantProcedure(can.manageAssets);
const admin = tenantProcedure(can.manageTenant);
const ReviewResult = z.object({ deviceId: z.string(), assetId: z.string(), tag: z.string() });
const Revoked = z.object({ id: z.string(), revokedAt: z.date().nullable() });

/** Settings -> Agent (admins), the discovered-devices queue (IT staff) and agent facts on assets. */
export const agentRouter = router({
  overview: read.output(AgentOverview).query(async ({ ctx }) => ({
    settings: await agentSettings(ctx.db, ctx.tenantId),
    ...(await deviceCounts(ctx.db, ctx.tenantId)),
  })),
  updateSettings: admin
    .input(AgentSettings)
    .output(AgentSettings)
    .mutation(({ ctx, input }) => updateAgentSettings(ctx, input)),
  tokens: admin
    .output(z.array(EnrollmentTokenItem))
    .query(({ ctx }) => listEnrollmentTokens(ctx.db, ctx.tenantId)),
  createToken: admin
    .input(CreateEnrollmentTokenInput)
    .output(CreatedEnrollmentToken)
    .mutation(({ ctx, input }) => createEnrollmentToken(ctx, input)),
  revokeToken: admin
    .input(TokenIdInput)
    .output(Revoked)
    .mutation(({ ctx, input }) => revokeEnrollmentToken(ctx, input.tokenId)),
  devices: read
    .input(DeviceListInput)
    .output(z.array(DeviceItem))
    .query(({ ctx, input }) => listDevices(ctx.db, ctx.tenantId, input.status)),
  revokeDevice: admin
    .input(DeviceIdInput)
    .output(Revoked)
    .mutation(({ ctx, input }) => revokeDevice(ctx, input.deviceId)),
  rotateCredential: admin
    .input(DeviceIdInput)
    .output(z.object({ deviceId: z.string(), credential: z.string() }))
    .mutation(({ ctx, input }) => rotateDeviceCredential(ctx, input.deviceId, "admin")),
  discovered: read
    .output(z.array(DiscoveredDevice))
    .query(({ ctx }) => discoveredDevices(ctx.db, ctx.tenantId)),
  accept: review
    .input(AcceptDeviceInput)
    .output(ReviewResult)
    .mutation(({ ctx, input }) => acceptDevice(ctx, input)),
  link: review
    .input(LinkDeviceInput)
    .output(ReviewResult)
    .mutation(({ ctx, input }) => linkDeviceToAsset(ctx, input)),
  ignore: review
    .input(DeviceIdInput)
    .output(z.object({ deviceId: z.string() }))
    .mutation(({ ctx, input }) => ignoreDevice(ctx, input.deviceId)),
  forAsset: read
    .input(z.object({ assetId: z.uuid() }))
    .output(AssetAgentView)
    .query(({ ctx, input }) => assetAgentView(ctx.db, ctx.tenantId, input.assetId)),
  assetSoftware: read
    .input(AssetSoftwareInput)
    .output(z.array(AssetSoftwareItem))
    .query(({ ctx, input }) => assetSoftware(ctx.db, ctx.tenantId, input)),
  searchSoftware: read
    .input(SoftwareSearchInput)
    .output(z.array(SoftwareSearchItem))
    .query(({ ctx, input }) => searchSoftware(ctx.db, ctx.tenantId, input)),
});
