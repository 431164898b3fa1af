import { env } from "../env";

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
[Unit]
Description=Assetronics agent (hardware and software inventory)
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/local/bin/assetronics-agent run
Restart=on-failure
RestartSec=30
# 3: not enrolled, 4: credential refused (revoked): restarting cannot help, enrolling again does
RestartPreventExitStatus=3 4

[Install]
WantedBy=multi-user.target
UNIT
if command -v systemctl >/dev/null 2>&1; then
  systemctl daemon-reload
  systemctl enable --now assetronics-agent.service
  echo "assetronics-agent installed, enrolled and running (systemctl status assetronics-agent)"
else
  echo "assetronics-agent installed and enrolled; no systemd here: run '$BIN run' from your init system"
fi
`;
}
