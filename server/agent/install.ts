import { env } from "../env";

/**
 * The systemd unit the install script writes: agent/packaging/assetronics-agent.service, the one
 * the agent's README installs by hand, word for word (install.test.ts compares them), so a machine
 * installed either way runs the agent with the same restarts and the same sandbox.
 */
export const systemdUnit = `# systemd unit for the Assetronics endpoint agent.
# Install: copy to /etc/systemd/system/, then \`systemctl daemon-reload && systemctl enable --now assetronics-agent\`.
# The device must be enrolled first (assetronics-agent enroll --server URL --token TOKEN, as root),
# which writes /etc/assetronics/agent.json with mode 0600.
[Unit]
Description=Assetronics endpoint agent (hardware and software inventory)
Wants=network-online.target
After=network-online.target
ConditionPathExists=/etc/assetronics/agent.json

[Service]
Type=simple
ExecStart=/usr/local/bin/assetronics-agent run
Restart=on-failure
RestartSec=60
# 3 = not enrolled, 4 = the server revoked this device's credential: restarting cannot help,
# enroll again instead (journalctl -u assetronics-agent says so).
RestartPreventExitStatus=3 4
# Root reads the DMI serial (/sys/class/dmi/id/product_serial is 0400); nothing else is needed.
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=/etc/assetronics
ProtectHome=read-only
PrivateTmp=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictSUIDSGID=yes
LockPersonality=yes
Nice=10
IOSchedulingClass=idle

[Install]
WantedBy=multi-user.target
`;

/** The one line an admin runs on a Linux machine to install and enroll the agent. */
export const installCommand = (token: string, appUrl = env.APP_URL): string =>
  `curl -fsSL ${appUrl.replace(/\/+$/, "")}/api/agent/v1/install.sh | sudo sh -s -- ${token}`;

/**
 * The install script served at /api/agent/v1/install.sh: downloads the Linux binary for this
 * machine's architecture, enrolls with the token given as its first argument, and installs and
 * starts the systemd unit. POSIX sh; stops at the first failure with a message saying what failed.
 */
export function installScript(appUrl = env.APP_URL): string {
  const server = appUrl.replace(/\/+$/, "");
  return `#!/bin/sh
# Assetronics agent installer: curl -fsSL ${server}/api/agent/v1/install.sh | sudo sh -s -- <token>
set -eu
SERVER='${server.replace(/'/g, "")}'
TOKEN="\${1:-}"
if [ -z "$TOKEN" ]; then
  echo "usage: install.sh <enrollment token> (Settings -> Agent in Assetronics creates one)" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "run as root (sudo sh -s -- <token>)" >&2
  exit 1
fi
case "$(uname -m)" in
  x86_64|amd64) ARCH=amd64 ;;
  aarch64|arm64) ARCH=arm64 ;;
  *) echo "unsupported architecture: $(uname -m)" >&2; exit 1 ;;
esac
BIN=/usr/local/bin/assetronics-agent
TMP="$(mktemp)"
trap 'rm -f "$TMP"' EXIT
echo "downloading the agent for linux/$ARCH from $SERVER"
curl -fsSL "$SERVER/api/agent/v1/download/linux/$ARCH" -o "$TMP"
install -m 0755 "$TMP" "$BIN"
# --force: running the installer again with a new token enrolls this machine again
"$BIN" enroll --force --server "$SERVER" --token "$TOKEN"
cat > /etc/systemd/system/assetronics-agent.service <<'UNIT'
${systemdUnit}UNIT
if command -v systemctl >/dev/null 2>&1; then
  systemctl daemon-reload
  systemctl enable --now assetronics-agent.service
  echo "assetronics-agent installed, enrolled and running (systemctl status assetronics-agent)"
else
  echo "assetronics-agent installed and enrolled; no systemd here: run '$BIN run' from your init system"
fi
`;
}
