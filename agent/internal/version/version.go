// Package version holds the agent's version. Release builds set it with
//
//	-ldflags "-X assetronics.dev/agent/internal/version.Version=0.1.0"
//
// (scripts/agent-build.mjs reads agent/VERSION); the default below matches that
// file so `go run` reports the same version, and a test keeps the two in step.
package version

// Version is the agent's semantic version, sent as agentVersion in every check-in.
var Version = "0.1.0"

// UserAgent is the User-Agent header the agent sends.
func UserAgent() string { return "assetronics-agent/" + Version }
