import type { Migration } from "kysely";
import * as foundation from "./0001-foundation";
import * as automation from "./0002-automation";
import * as assets from "./0003-assets";
import * as assetIndexes from "./0005-asset-indexes";
import * as dashboardIndexes from "./0006-dashboard-indexes";
import * as assetCodeLookup from "./0007-asset-code-lookup";
import * as sessionSecurity from "./0008-session-security";
import * as importAvailability from "./0009-import-availability";
import * as causation from "./0010-causation";
import * as engineFlowControl from "./0011-engine-flow-control";
import * as engineWaits from "./0012-engine-waits";
import * as relayDeadLetters from "./0013-relay-dead-letters";
import * as eventEmployeeRefs from "./0014-event-employee-refs";
import * as currencyAndResetRequests from "./0015-currency-and-reset-requests";
import * as files from "./0016-files";
import * as employeeFields from "./0017-employee-fields";
import * as workflows from "./0018-workflows";
import * as portal from "./0019-portal";
import * as notifications from "./0020-notifications";
import * as integrations from "./0021-integrations";
import * as agent from "./0022-agent";
import * as workflowRules from "./0023-workflow-rules";
import * as notificationChannels from "./0024-notification-channels";
import * as portalRequests from "./0025-portal-requests";
import * as ocsDevices from "./0026-ocs-devices";
import * as eventAssetHolders from "./0027-event-asset-holders";
import * as accountMail from "./0028-account-mail";
import * as employeeImports from "./0029-employee-imports";
import * as agentStaleDevices from "./0031-agent-stale-devices";
import * as chatNotifications from "./0032-chat-notifications";
import * as agentDevicePresence from "./0033-agent-device-presence";
import * as smsSettings from "./0034-sms-settings";
import * as agentCheckInLookup from "./0035-agent-check-in-lookup";
import * as batchRunEvents from "./0036-batch-run-events";
import * as licenses from "./0037-licenses";
import * as workflowChaining from "./0038-workflow-chaining";
import * as warrantyNotices from "./0039-warranty-notices";
import * as licenseUnderuse from "./0040-license-underuse";

/**
 * Every migration, in order. Listed statically (not read from disk) so the bundled Next.js server,
 * scripts and tests all apply exactly the same set.
 */
export const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-automation": automation,
  "0003-assets": assets,
  "0005-asset-indexes": assetIndexes,
  "0006-dashboard-indexes": dashboardIndexes,
  "0007-asset-code-lookup": assetCodeLookup,
  "0008-session-security": sessionSecurity,
  "0009-import-availability": importAvailability,
  "0010-causation": causation,
  "0011-engine-flow-control": engineFlowControl,
  "0012-engine-waits": engineWaits,
  "0013-relay-dead-letters": relayDeadLetters,
  "0014-event-employee-refs": eventEmployeeRefs,
  "0015-currency-and-reset-requests": currencyAndResetRequests,
  "0016-files": files,
  "0017-employee-fields": employeeFields,
  "0018-workflows": workflows,
  "0019-portal": portal,
  "0020-notifications": notifications,
  "0021-integrations": integrations,
  "0022-agent": agent,
  "0023-workflow-rules": workflowRules,
  "0024-notification-channels": notificationChannels,
  "0025-portal-requests": portalRequests,
  "0026-ocs-devices": ocsDevices,
  "0027-event-asset-holders": eventAssetHolders,
  "0028-account-mail": accountMail,
  "0029-employee-imports": employeeImports,
  "0031-agent-stale-devices": agentStaleDevices,
  "0032-chat-notifications": chatNotifications,
  "0033-agent-device-presence": agentDevicePresence,
  "0034-sms-settings": smsSettings,
  "0035-agent-check-in-lookup": agentCheckInLookup,
  "0036-batch-run-events": batchRunEvents,
  "0037-licenses": licenses,
  "0038-workflow-chaining": workflowChaining,
  "0039-warranty-notices": warrantyNotices,
  "0040-license-underuse": licenseUnderuse,
};
