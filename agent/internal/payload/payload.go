// Package payload defines the JSON the agent sends on check-in. The server's zod
// schema (server/agent/payload.ts) is the source of truth; agent/checkin.schema.json
// is generated from it and a test checks real payloads against that file.
//
// Optional facts are omitted rather than sent empty: a field that is absent means
// "not known this time" (its collector failed and an Errors entry says why), which
// the server must not read as "removed". Software in particular is nil, not empty,
// when the package list could not be read.
package payload

// Limits the server enforces; the collectors cut their output to fit.
const (
	MaxSoftware   = 20000
	MaxStringLen  = 512
	MaxInterfaces = 64 // also the limit for disks, addresses, users and errors
)

// CheckIn is the body of POST /api/agent/v1/check-in.
type CheckIn struct {
	AgentVersion  string             `json:"agentVersion"`
	CollectedAt   string             `json:"collectedAt"`
	Hostname      string             `json:"hostname"`
	Hardware      Hardware           `json:"hardware"`
	OS            OS                 `json:"os"`
	Network       []NetworkInterface `json:"network"`
	Users         Users              `json:"users"`
	UptimeSeconds *int64             `json:"uptimeSeconds,omitempty"`
	Software      []Software         `json:"software,omitempty"`
	Errors        []CollectorError   `json:"errors"`
}

// Hardware facts; every field is optional.
type Hardware struct {
	Serial      string `json:"serial,omitempty"`
	Vendor      string `json:"vendor,omitempty"`
	Model       string `json:"model,omitempty"`
	ChassisType string `json:"chassisType,omitempty"`
	CPU         *CPU   `json:"cpu,omitempty"`
	MemoryBytes int64  `json:"memoryBytes,omitempty"`
	Disks       []Disk `json:"disks,omitempty"`
}

// Chassis types the server understands.
const (
	ChassisLaptop  = "laptop"
	ChassisDesktop = "desktop"
	ChassisServer  = "server"
	ChassisVirtual = "virtual"
	ChassisTablet  = "tablet"
	ChassisOther   = "other"
)

type CPU struct {
	Model   string `json:"model,omitempty"`
	Cores   int    `json:"cores,omitempty"`
	Threads int    `json:"threads,omitempty"`
}

type Disk struct {
	Name       string `json:"name"`
	SizeBytes  int64  `json:"sizeBytes"`
	Model      string `json:"model,omitempty"`
	Rotational *bool  `json:"rotational,omitempty"`
}

type OS struct {
	Family  string `json:"family"`
	Name    string `json:"name,omitempty"`
	Version string `json:"version,omitempty"`
	Kernel  string `json:"kernel,omitempty"`
	Arch    string `json:"arch,omitempty"`
}

type NetworkInterface struct {
	Name string   `json:"name"`
	MAC  string   `json:"mac,omitempty"`
	IPv4 []string `json:"ipv4"`
	IPv6 []string `json:"ipv6"`
}

type Users struct {
	Current []string `json:"current"`
	Last    string   `json:"last,omitempty"`
}

// Software sources the server understands.
const (
	SourceDpkg     = "dpkg"
	SourceRPM      = "rpm"
	SourceBrew     = "brew"
	SourcePkgutil  = "pkgutil"
	SourceMSI      = "msi"
	SourceRegistry = "registry"
	SourceOther    = "other"
)

type Software struct {
	Name      string `json:"name"`
	Version   string `json:"version,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Source    string `json:"source"`
}

// CollectorError says which collector failed and why; its fields are left out.
type CollectorError struct {
	Collector string `json:"collector"`
	Message   string `json:"message"`
}
